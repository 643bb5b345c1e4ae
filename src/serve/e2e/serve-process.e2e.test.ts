/**
 * `hrflow serve` as its own process, as a user runs it: another terminal's `hrflow build` is
 * handed to it instead of failing on the warehouse lock, and SIGTERM stops it cleanly (the
 * discovery file goes away and the warehouse opens again at once).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { TempProject } from '../../testing/temp-project.js';
import { readDiscovery } from '../discovery.js';
import { fixtureProject } from '../testing/fixture-lakehouse.js';

const REPO = join(import.meta.dirname, '../../..');
const CLI = join(REPO, 'src/cli/dev-entry.ts');
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

let project: TempProject | undefined;
let child: ChildProcess | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  project?.remove();
});

async function cli(root: string, ...args: string[]) {
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args, '--project-dir', root], {
    stdout: () => undefined,
    stderr: (t) => (stderr += t),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, stderr };
}

function startServe(root: string): Promise<{ proc: ChildProcess; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', TSX, CLI, 'serve', '--port', '0'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, GH_WEBHOOK_SECRET: 'x' },
    });
    const exited = new Promise<number | null>((r) => proc.once('exit', (code) => r(code)));
    let seen = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (/hrflow serve: http:\/\//.test(seen)) resolve({ proc, exited });
    });
    proc.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${seen}`)));
  });
}

describe('hrflow serve in its own process', () => {
  it('takes over a build from another terminal and stops cleanly on SIGTERM', async () => {
    project = await fixtureProject({ workers: 60, applications: 100 });
    expect((await cli(project.root, 'seed')).code).toBe(0);

    const { proc, exited } = await startServe(project.root);
    child = proc;
    const target = join(project.root, 'target');
    const discovery = readDiscovery(target);
    expect(discovery?.pid).toBe(proc.pid);
    expect(statSync(join(target, '.hrflow-serve.json')).mode & 0o777).toBe(0o600);

    const build = await cli(project.root, 'build');
    expect(build.stderr).not.toMatch(/in use by another process|lock/i);
    expect(build.stderr).toMatch(/running this there/);
    expect(build.stderr).toMatch(/Completed successfully/);
    expect(build.code).toBe(0);

    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(existsSync(join(target, '.hrflow-serve.json'))).toBe(false);
    const warehouse = await Warehouse.open({
      path: join(target, 'hr_prod.duckdb'),
      catalog: 'hr_prod',
    });
    const jobs = await warehouse.withSession((s) =>
      s.query<{ status: string }>(`SELECT status FROM hrflow.jobs WHERE trigger = 'cli'`),
    );
    await warehouse.close();
    expect(jobs).toEqual([{ status: 'success' }]);

    const direct = await cli(project.root, 'build', '--select', 'dim_workers');
    expect(direct.code).toBe(0);
    expect(direct.stderr).not.toMatch(/running this there/);
  });
});
