/**
 * The single-writer rule under real processes: a second writer gets a clear error naming the
 * holder's PID, or waits with --wait; a run killed mid-build leaves nothing half-written.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { hrflowConfig, tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';

const REPO = join(import.meta.dirname, '../../..');
const CLI = join(REPO, 'src/cli/dev-entry.ts');
const HOLD = join(REPO, 'src/testing/hold-warehouse.ts');
// The child runs in the throwaway project, so tsx is named by path rather than by package name.
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

let project: TempProject | undefined;
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  project?.remove();
});

async function cli(root: string, ...args: string[]) {
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, stderr };
}

/** Starts the CLI in another process and resolves once its stderr shows `marker`. */
function spawnCli(root: string, marker: RegExp, ...args: string[]): Promise<ChildProcess> {
  return spawnScript(root, marker, CLI, ...args);
}

/** Runs a TypeScript file in another process; resolves once its stderr shows `marker`. */
function spawnScript(
  root: string,
  marker: RegExp,
  script: string,
  ...args: string[]
): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', TSX, script, ...args], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seen = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (marker.test(seen)) resolve(proc);
    });
    proc.on('exit', (code) =>
      reject(new Error(`child exited ${String(code)} before ${String(marker)}:\n${seen}`)),
    );
  });
}

const SLOW = 'select count(*) as n from range(0, 400000000) a where a.range % 7 = 3';

describe('one writer per warehouse', () => {
  it('names the holder, fails at once without --wait, and queues behind it with --wait', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/a.sql': 'select 1 as id',
    });
    child = await spawnScript(
      project.root,
      /holding/,
      HOLD,
      join(project.root, 'target/hr_prod.duckdb'),
    );
    const refused = await cli(project.root, 'run');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[warehouse-locked]');
    expect(refused.stderr).toContain(`PID ${String(child.pid)}`);
    expect(refused.stderr).toContain('--wait');

    let settled = false;
    const waiting = cli(project.root, 'run', '--wait', '60').finally(() => (settled = true));
    await new Promise((r) => setTimeout(r, 1000));
    expect(settled).toBe(false);
    const holder = child;
    const released = new Promise((r) => holder.once('exit', r));
    holder.kill('SIGTERM');
    await released;
    expect((await waiting).code).toBe(0);
  });

  it('recovers from a run killed mid-build: old table intact, no temporary relations, run marked aborted', async () => {
    project = tempProject({
      'hrflow.config.yaml': hrflowConfig(),
      'models/big.sql': "{{ config(materialized='table') }}\nselect 42 as answer",
    });
    expect((await cli(project.root, 'run')).code).toBe(0);
    project.write('models/big.sql', `{{ config(materialized='table') }}\n${SLOW}`);
    child = await spawnCli(project.root, /START sql table model main\.big/, 'run');
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGKILL');
    await new Promise((r) => child?.once('exit', r));

    const wh = await Warehouse.open({
      path: join(project.root, 'target/hr_prod.duckdb'),
      catalog: 'hr_prod',
    });
    try {
      const tables = await wh.withSession((s) =>
        s.query<{ table_name: string }>(
          "select table_name from information_schema.tables where table_schema = 'main' order by 1",
        ),
      );
      expect(tables.map((t) => t.table_name).filter((n) => n.includes('__'))).toEqual([]);
      expect(await wh.withSession((s) => s.query('select answer from main.big'))).toEqual([
        { answer: 42 },
      ]);
    } finally {
      await wh.close();
    }
    project.write('models/big.sql', "{{ config(materialized='table') }}\nselect 43 as answer");
    const rerun = await cli(project.root, 'run', '--log-format', 'json');
    expect(rerun.code).toBe(0);
    expect(rerun.stderr).toContain('run-recovered');
  });
});
