/**
 * Incremental syncs and deletions against a sandbox that moves: after `advance(30)` the next sync
 * lands exactly the records that changed (compared with the company and with the change log
 * `advance` returns), tombstones exactly the records the company deleted, and re-running the
 * same window adds nothing. SOAP Get_Workers, switched on, reads only the workers whose
 * transactions fall in its window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvanceResult, ChangedResource } from '../../sandbox/index.js';
import { resolveEvents } from '../../sandbox/company/worker-state.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { STATE_SCHEMA, STATE_TABLE } from '../landing/bronze-tables.js';
import type { StreamResult, SyncSummary } from '../sync/sync-result.js';
import { SandboxReader } from '../testing/sandbox-served.js';
import {
  duplicateRows,
  latestRows,
  startTestSandbox,
  syncFromSandbox,
} from '../testing/sandbox-sync.js';
import type { SandboxSyncOptions, TestSandbox } from '../testing/sandbox-sync.js';

/** Greenhouse incremental streams, their list path, and the change-log resource they hold. */
const GREENHOUSE: readonly (readonly [string, string, ChangedResource | null])[] = [
  ['candidates', '/candidates', 'candidate'],
  ['applications', '/applications', 'application'],
  ['application_stages', '/application_stages', null],
  ['offers', '/offers', 'offer'],
  ['jobs', '/jobs', 'job'],
  ['job_posts', '/job_posts', 'job_post'],
];
const STREAMS = [...GREENHOUSE.map(([s]) => `greenhouse.${s}`), 'workday.workers_soap'];
const OPTIONS: SandboxSyncOptions = {
  select: STREAMS,
  overrides: { workday: { soap_incremental: 'true' } },
  specOptions: { greenhousePageSize: 200, soapFullRefreshEvery: '90d' },
  batchSize: 1_000,
};
const DELETIONS = new Set([
  'delete_candidate',
  'merge_candidate',
  'delete_application',
  'offer_deleted',
  'job_post_deleted',
]);

let dir: string;
let test: TestSandbox;
let warehouse: Warehouse;
let reader: SandboxReader;
let first: SyncSummary;
let second: SyncSummary;
let advanced: AdvanceResult;
/** Live ids per table after the first sync. */
const liveBefore = new Map<string, Set<string>>();
let stateAfterFirst: { source_system: string; stream: string; state: string }[];

const result = (summary: SyncSummary, stream: string): StreamResult | undefined =>
  summary.streams.find((s) => s.stream === stream);

async function idsOfRun(table: string, runId: string, deleted: boolean): Promise<string[]> {
  const rows = await warehouse.withSession((s) =>
    s.query<{ source_id: string }>(
      `SELECT source_id FROM bronze.${table} WHERE run_id = $1 AND is_deleted = $2 ORDER BY 1`,
      [runId, deleted],
    ),
  );
  return rows.map((r) => r.source_id);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-incremental-'));
  test = await startTestSandbox({ seed: 31, employees: 60, candidates: 2000 });
  warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
  reader = new SandboxReader(test.sandbox);
  first = await syncFromSandbox(test, warehouse, OPTIONS);
  for (const [stream] of GREENHOUSE) {
    const rows = await latestRows(warehouse, `greenhouse_${stream}`);
    liveBefore.set(stream, new Set([...rows].filter(([, r]) => !r.isDeleted).map(([id]) => id)));
  }
  stateAfterFirst = await warehouse.withSession((s) =>
    s.query(
      `SELECT source_system, stream, state::VARCHAR AS state FROM ${STATE_SCHEMA}.${STATE_TABLE}`,
    ),
  );
  advanced = await test.advance(30);
  second = await syncFromSandbox(test, warehouse, OPTIONS);
});

afterAll(async () => {
  await warehouse?.close();
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('after advance(30), the incremental sync', () => {
  it('runs every stream incrementally from where the first sync ended', () => {
    expect(first.failures).toBe(0);
    expect(second.failures).toBe(0);
    for (const stream of STREAMS) {
      const before = result(first, stream)?.window;
      const after = result(second, stream)?.window;
      expect(after?.start, stream).not.toBe('2000-01-01T00:00:00Z');
      expect(Date.parse(after?.start ?? '')).toBeLessThanOrEqual(Date.parse(before?.end ?? ''));
    }
    expect(Object.keys(advanced.changes).length).toBeGreaterThan(3);
  });

  it.each(GREENHOUSE.map(([stream, path]) => [stream, path]))(
    '%s: lands exactly the records updated since the first sync',
    async (stream, path) => {
      const changed = (await reader.harvest(path ?? ''))
        .filter((r) => Date.parse(String(r.updated_at)) > Date.parse(advanced.from))
        .map((r) => String(r.id))
        .sort();
      expect(changed.length, `nothing changed in ${stream}`).toBeGreaterThan(0);
      expect(await idsOfRun(`greenhouse_${stream}`, second.runId, false)).toEqual(changed);
    },
  );

  it('lands every record the change log says was created or updated and still exists', async () => {
    for (const [stream, , resource] of GREENHOUSE) {
      if (!resource) continue;
      const deleted = new Set(
        advanced.log
          .filter((c) => c.resource === resource && DELETIONS.has(c.action))
          .map((c) => c.id),
      );
      const upserted = advanced.log
        .filter((c) => c.resource === resource && !DELETIONS.has(c.action) && !deleted.has(c.id))
        .map((c) => String(c.id));
      const landed = new Set(await idsOfRun(`greenhouse_${stream}`, second.runId, false));
      expect(
        upserted.filter((id) => !landed.has(id)),
        stream,
      ).toEqual([]);
    }
  });

  it('tombstones exactly the records that disappeared, deletions in the change log among them', async () => {
    let tombstones = 0;
    for (const [stream, path, resource] of GREENHOUSE) {
      const served = new Set((await reader.harvest(path ?? '')).map((r) => String(r.id)));
      const gone = [...(liveBefore.get(stream) ?? [])].filter((id) => !served.has(id)).sort();
      const reconciled = result(second, `greenhouse.${stream}`)?.tombstoned ?? 0;
      const written = await idsOfRun(`greenhouse_${stream}`, second.runId, true);
      tombstones += written.length;
      expect(written, stream).toEqual(gone);
      expect(reconciled, stream).toBe(gone.length);
      if (!resource) continue;
      const logged = advanced.log
        .filter((c) => c.resource === resource && DELETIONS.has(c.action))
        .map((c) => String(c.id))
        .filter((id) => liveBefore.get(stream)?.has(id));
      expect(
        logged.filter((id) => !written.includes(id)),
        stream,
      ).toEqual([]);
    }
    expect(tombstones).toBeGreaterThan(0);
  });

  it('reads through SOAP only the workers whose transactions fall in its window', async () => {
    const window = result(second, 'workday.workers_soap')?.window;
    const company = test.sandbox.world.company;
    const time = company.time;
    const start = time.parseMoment(window?.start ?? '') ?? 0;
    const end = time.parseMoment(window?.end ?? '') ?? 0;
    const fromDay = time.dayOf(start);
    const toDay = time.dayOf(end);
    // The spec's two criteria blocks: entered in the window, or effective in its dates.
    const changed = company.workers.filter((worker) =>
      resolveEvents(worker, end).some(
        ({ event, effective }) =>
          (event.entered >= start && event.entered <= end) ||
          (effective >= fromDay && effective <= toDay),
      ),
    );
    const soap = result(second, 'workday.workers_soap');
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.length).toBeLessThan(company.workers.length / 2);
    expect(soap?.records).toBe(changed.length);
    const landed = await idsOfRun('workday_workers_soap', second.runId, false);
    const wids = new Set(changed.map((w) => w.wid));
    expect(landed.length).toBeGreaterThan(0);
    expect(landed.filter((wid) => !wids.has(wid))).toEqual([]);
  });
});

describe('re-running the same window', () => {
  it('adds nothing: no new rows, no tombstones, no duplicate (source_id, payload_hash)', async () => {
    await warehouse.withSession(async (s) => {
      await s.run(`DELETE FROM ${STATE_SCHEMA}.${STATE_TABLE}`);
      for (const row of stateAfterFirst) {
        await s.run(
          `INSERT INTO ${STATE_SCHEMA}.${STATE_TABLE} VALUES ($1, $2, $3::JSON, 'restored', now())`,
          [row.source_system, row.stream, row.state],
        );
      }
    });
    const again = await syncFromSandbox(test, warehouse, OPTIONS);
    expect(again.failures).toBe(0);
    for (const stream of STREAMS) {
      const r = result(again, stream);
      expect(r?.window?.start, stream).toBe(result(second, stream)?.window?.start);
      expect([r?.inserted, r?.tombstoned], stream).toEqual([0, 0]);
      expect(r?.unchanged, stream).toBeGreaterThan(0);
    }
    for (const stream of STREAMS) {
      expect(await duplicateRows(warehouse, stream.replace('.', '_')), stream).toBe(0);
    }
  });
});
