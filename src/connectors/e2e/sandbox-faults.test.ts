/**
 * Faults in transit, injected by the sandbox's own simulators: whatever goes wrong on the wire
 * (429 storms, 5xx, latency, resets, truncated bodies, tokens dying mid-sync), bronze ends up
 * with exactly what a clean run lands: the same rows, the same content hash.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSettings, FaultStats } from '../../sandbox/index.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import type { SyncSummary } from '../sync/sync-result.js';
import { bronzeDigest } from '../testing/bronze-digest.js';
import { FAULT_STREAMS, startTestSandbox, syncIntoNew } from '../testing/sandbox-sync.js';
import type { SandboxSyncOptions, TestSandbox } from '../testing/sandbox-sync.js';

const TABLES = FAULT_STREAMS.map((s) => s.replace('.', '_'));
const OPTIONS: SandboxSyncOptions = {
  select: FAULT_STREAMS,
  overrides: { workday: { soap_incremental: 'true' } },
  specOptions: { greenhousePageSize: 20 },
};

let dir: string;
let test: TestSandbox;
let clean: Run;

interface Run {
  readonly summary: SyncSummary;
  readonly digests: { rows: number; digest: string }[];
}

const digestsOf = async (warehouse: Warehouse, summary: SyncSummary): Promise<Run> => ({
  summary,
  digests: await Promise.all(TABLES.map((t) => bronzeDigest(warehouse, t))),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-sandbox-faults-'));
  test = await startTestSandbox({ seed: 23, employees: 40, candidates: 200 });
  clean = await syncIntoNew(test, join(dir, 'clean.duckdb'), OPTIONS, digestsOf);
});

afterAll(async () => {
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('faults in transit leave bronze as a clean run leaves it', () => {
  it('lands every stream on a clean run', () => {
    expect(clean.summary.failures).toBe(0);
    for (const digest of clean.digests) expect(digest.rows).toBeGreaterThan(0);
  });

  // Greenhouse sees about 90 requests and Workday about 250, so a storm probability that gives
  // each a few storms differs; every other rate is the same on both.
  const storms = (probability: number): FaultSettings => ({
    rateLimitStorm: { probability, durationSeconds: 0.3, retryAfterSeconds: 1 },
  });
  it.each<[string, FaultSettings, FaultSettings, keyof FaultStats]>([
    ['10 % 5xx', { serverErrorRate: 0.1 }, { serverErrorRate: 0.1 }, 'serverErrors'],
    ['429 storms', storms(0.04), storms(0.012), 'storms'],
    ['latency', { latencyMs: 15 }, { latencyMs: 15 }, 'delayed'],
    ['connection resets', { connectionResetRate: 0.08 }, { connectionResetRate: 0.08 }, 'resets'],
    ['truncated bodies', { truncatedBodyRate: 0.08 }, { truncatedBodyRate: 0.08 }, 'truncated'],
    [
      'tokens dying mid-sync',
      { tokenExpiryAfterCalls: 25 },
      { tokenExpiryAfterCalls: 40 },
      'expiredTokens',
    ],
    [
      'everything at once',
      {
        serverErrorRate: 0.05,
        connectionResetRate: 0.03,
        truncatedBodyRate: 0.03,
        latencyMs: 3,
        tokenExpiryAfterCalls: 40,
        ...storms(0.02),
      },
      {
        serverErrorRate: 0.05,
        connectionResetRate: 0.03,
        truncatedBodyRate: 0.03,
        latencyMs: 3,
        tokenExpiryAfterCalls: 80,
        ...storms(0.005),
      },
      'requests',
    ],
  ])('%s', async (name, greenhouse, workday, counter) => {
    const before = test.sandbox.faultStats();
    test.sandbox.setFaults({ greenhouse, workday });
    let run: Run;
    try {
      run = await syncIntoNew(
        test,
        join(dir, `${name.replace(/\W+/g, '-')}.duckdb`),
        OPTIONS,
        digestsOf,
      );
    } finally {
      test.sandbox.setFaults({ greenhouse: {}, workday: {} });
    }
    const after = test.sandbox.faultStats();
    // The fault really happened, on both simulators.
    expect(after.greenhouse[counter]).toBeGreaterThan(before.greenhouse[counter]);
    expect(after.workday[counter]).toBeGreaterThan(before.workday[counter]);
    expect(run.summary.streams.filter((s) => s.status !== 'success')).toEqual([]);
    expect(run.digests).toEqual(clean.digests);
  });
});
