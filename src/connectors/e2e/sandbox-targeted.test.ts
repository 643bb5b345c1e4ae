/**
 * Reading the records a change named: after the company moves on, a sync given the ids of the
 * candidates and applications its webhooks named reads just those (applications also by
 * candidate, and stage history through the application ids it lands), tombstones the deleted
 * candidates, leaves every cursor where it was, and lands what a full incremental sync would
 * have landed for them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { SyncSummary } from '../sync/sync-result.js';
import { startTestSandbox, syncFromSandbox } from '../testing/sandbox-sync.js';
import type { TestSandbox } from '../testing/sandbox-sync.js';

const STREAMS = [
  'greenhouse.candidates',
  'greenhouse.applications',
  'greenhouse.application_stages',
];

let test: TestSandbox;
let warehouse: Warehouse;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-targeted-'));
  test = await startTestSandbox({ seed: 15, employees: 30, candidates: 1200 });
  warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
});

afterAll(async () => {
  await warehouse?.close();
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

function query<T extends Record<string, unknown>>(sql: string, params: string[] = []) {
  return warehouse.withSession((s) => s.query<T>(sql, params));
}

const states = () =>
  query<{ stream: string; state: string }>(
    'SELECT stream, state::VARCHAR AS state FROM hrflow.source_state ORDER BY stream',
  );

const sql = (ids: readonly string[]): string => ids.join(',');
const IN_LIST = "IN (SELECT unnest(string_split($2, ',')))";

describe('a sync of the records a change named', () => {
  let candidates: string[];
  let gone: string[];
  let applications: string[];
  let targeted: SyncSummary;
  let statesBefore: { stream: string; state: string }[];

  beforeAll(async () => {
    await syncFromSandbox(test, warehouse, { select: STREAMS });
    statesBefore = await states();
    const landed = new Set(
      (
        await query<{ source_id: string }>('SELECT source_id FROM bronze.greenhouse_candidates')
      ).map((r) => r.source_id),
    );
    const advanced = await test.advance(30);
    const named = (resource: string, actions?: readonly string[]): string[] => [
      ...new Set(
        advanced.log
          .filter((c) => c.resource === resource && (!actions || actions.includes(c.action)))
          .map((c) => String(c.id)),
      ),
    ];
    candidates = named('candidate');
    gone = named('candidate', ['delete_candidate', 'merge_candidate']).filter((id) =>
      landed.has(id),
    );
    applications = named('application');
    targeted = await syncFromSandbox(test, warehouse, {
      select: STREAMS,
      records: { 'greenhouse.candidates': candidates, 'greenhouse.applications': applications },
    });
  });

  it('has changes to read: more applications than one request may name, and deletions', () => {
    expect(applications.length).toBeGreaterThan(50);
    expect(gone.length).toBeGreaterThan(0);
  });

  it('reads by id, at most 50 ids a request, and leaves every cursor alone', async () => {
    expect(targeted.failures).toBe(0);
    expect(targeted.streams.map((s) => [s.stream, s.mode])).toEqual([
      ['greenhouse.candidates', 'targeted'],
      ['greenhouse.applications', 'targeted'],
      ['greenhouse.application_stages', 'targeted'],
    ]);
    const [candidateRead, applicationRead] = targeted.streams;
    expect(candidateRead?.requests).toBe(Math.ceil(candidates.length / 50));
    expect(applicationRead?.requests).toBe(
      Math.ceil(applications.length / 50) + Math.ceil(candidates.length / 50),
    );
    expect(await states()).toEqual(statesBefore);
  });

  it('tombstones the candidates the source no longer returns', async () => {
    const rows = await query<{ source_id: string }>(
      'SELECT source_id FROM bronze.greenhouse_candidates WHERE run_id = $1 AND is_deleted',
      [targeted.runId],
    );
    expect(rows.map((r) => r.source_id).sort()).toEqual([...gone].sort());
    expect(targeted.streams[0]?.tombstoned).toBe(gone.length);
  });

  it('lands what an incremental sync would have landed for those records and their stages', async () => {
    const after = await syncFromSandbox(test, warehouse, { select: STREAMS });
    expect(after.streams.map((s) => s.mode)).toEqual(['incremental', 'incremental', 'incremental']);
    const late = async (table: string, column: string, ids: readonly string[]) =>
      (
        await query<{ n: number }>(
          `SELECT count(*)::INT AS n FROM bronze.${table} WHERE run_id = $1 AND ${column} ${IN_LIST}`,
          [after.runId, sql(ids)],
        )
      )[0]?.n;
    expect(await late('greenhouse_candidates', 'source_id', candidates)).toBe(0);
    expect(await late('greenhouse_applications', 'source_id', applications)).toBe(0);
    expect(
      await late('greenhouse_application_stages', "(payload->>'application_id')", applications),
    ).toBe(0);
    const landedStages = await query<{ n: number }>(
      'SELECT count(*)::INT AS n FROM bronze.greenhouse_application_stages WHERE run_id = $1',
      [targeted.runId],
    );
    expect(landedStages[0]?.n).toBeGreaterThan(0);
  });
});
