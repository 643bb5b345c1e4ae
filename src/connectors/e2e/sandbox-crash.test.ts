/**
 * A sync killed with SIGKILL between pages, in its own process, against the sandbox: run again,
 * it lands exactly what an uninterrupted run lands, with no duplicate rows. Commits made before
 * the kill stay; the cursors they did not cover were not moved, so the re-run reads those
 * windows again and the payload hashes keep it from adding anything twice.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { SyncSummary } from '../sync/sync-result.js';
import { bronzeDigest } from '../testing/bronze-digest.js';
import {
  duplicateRows,
  FAULT_STREAMS,
  sandboxEnvironment,
  sandboxOverrides,
  startTestSandbox,
  syncFromSandbox,
  syncIntoNew,
} from '../testing/sandbox-sync.js';
import type { SandboxSyncOptions, TestSandbox } from '../testing/sandbox-sync.js';
import type { ChildSync } from '../testing/sync-child.js';

const REPO = join(import.meta.dirname, '../../..');
const CHILD = join(REPO, 'src/connectors/testing/sync-child.ts');
// The child is started with the tsx loader by path, as the engine's crash tests do.
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;
const TABLES = FAULT_STREAMS.map((s) => s.replace('.', '_'));
const OVERRIDES = { workday: { soap_incremental: 'true' } };
const SPEC_OPTIONS = { greenhousePageSize: 20 };
const OPTIONS: SandboxSyncOptions = {
  select: FAULT_STREAMS,
  overrides: OVERRIDES,
  specOptions: SPEC_OPTIONS,
  batchSize: 20,
};

let dir: string;
let test: TestSandbox;
let child: ChildProcess | undefined;
let clean: { rows: number; digest: string }[];

const digests = (warehouse: Warehouse) =>
  Promise.all(TABLES.map((t) => bronzeDigest(warehouse, t)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-crash-'));
  test = await startTestSandbox({ seed: 41, employees: 40, candidates: 300 });
  clean = await syncIntoNew(test, join(dir, 'clean.duckdb'), OPTIONS, digests);
});

afterAll(async () => {
  child?.kill('SIGKILL');
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the sync in a child process and kills it once `commits` batches with rows landed. */
async function syncAndKill(warehouse: string, commits: number): Promise<string> {
  const job: ChildSync = {
    warehouse,
    select: FAULT_STREAMS,
    overrides: sandboxOverrides(test.sandbox, OVERRIDES),
    env: { ...sandboxEnvironment(test.sandbox) },
    clockOffsetMs: test.clock.now() - Date.now(),
    batchSize: 20,
    specOptions: SPEC_OPTIONS,
  };
  const proc = spawn(process.execPath, ['--import', TSX, CHILD, JSON.stringify(job)], {
    cwd: REPO,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child = proc;
  let seen = '';
  const exited = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    proc.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const landed = seen.split('\n').filter((l) => /^landed \S+ [1-9]/.test(l)).length;
      if (landed >= commits) {
        proc.kill('SIGKILL');
        resolve();
      }
    });
    proc.on('exit', () => reject(new Error(`the sync ended before it was killed:\n${seen}`)));
  });
  await exited;
  return seen;
}

describe('a sync killed between pages', () => {
  it('keeps its commits, and a re-run lands what an uninterrupted run lands, once', async () => {
    const path = join(dir, 'crash.duckdb');
    // Slow answers keep the sync going long enough to be killed in the middle.
    test.sandbox.setFaults({ greenhouse: { latencyMs: 25 }, workday: { latencyMs: 25 } });
    let output: string;
    try {
      output = await syncAndKill(path, 4);
    } finally {
      test.sandbox.setFaults({ greenhouse: {}, workday: {} });
    }
    expect(output).not.toContain('done');

    const warehouse = await Warehouse.open({ path, catalog: 'hr_test' });
    try {
      const partial = await digests(warehouse);
      const landed = partial.reduce((n, d) => n + d.rows, 0);
      expect(landed).toBeGreaterThan(0);
      expect(landed).toBeLessThan(clean.reduce((n, d) => n + d.rows, 0));

      const again: SyncSummary = await syncFromSandbox(test, warehouse, OPTIONS);
      expect(again.failures).toBe(0);
      expect(await digests(warehouse)).toEqual(clean);
      for (const table of TABLES) expect(await duplicateRows(warehouse, table), table).toBe(0);
    } finally {
      await warehouse.close();
    }
  });
});
