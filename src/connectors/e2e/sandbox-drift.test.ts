/**
 * Schema drift from the sandbox: records gain undocumented fields and lose documented ones. The
 * rule: added fields land in the payload as sent; a record missing an optional field lands as
 * sent; a record missing a required field (or a key, or the field a child request is built from)
 * goes to `bronze._quarantine` with the field named, and the sync goes on. Nothing is lost: once
 * the drift stops, a full refresh lands every record as a clean run does.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../records/canonical-json.js';
import type { SyncSummary } from '../sync/sync-result.js';
import {
  FAULT_STREAMS,
  latestRows,
  startTestSandbox,
  syncIntoNew,
} from '../testing/sandbox-sync.js';
import type { BronzeLatest, SandboxSyncOptions, TestSandbox } from '../testing/sandbox-sync.js';
import type { Warehouse } from '../../warehouse/warehouse.js';

type Row = Record<string, unknown>;
type Latest = Awaited<ReturnType<typeof latestRows>>;

const TABLES = FAULT_STREAMS.map((s) => s.replace('.', '_'));
const OPTIONS: SandboxSyncOptions = {
  select: FAULT_STREAMS,
  overrides: { workday: { soap_incremental: 'true' } },
  specOptions: { greenhousePageSize: 20 },
};

let dir: string;
let test: TestSandbox;
let clean: Latest[];
let drifted: { summary: SyncSummary; latest: Latest[]; quarantine: Row[] };

const latestOf = (warehouse: Warehouse) => Promise.all(TABLES.map((t) => latestRows(warehouse, t)));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-sandbox-drift-'));
  test = await startTestSandbox({ seed: 23, employees: 40, candidates: 200 });
  clean = await syncIntoNew(test, join(dir, 'clean.duckdb'), OPTIONS, latestOf);
  const drift = { schemaDrift: { addedFieldRate: 0.05, missingFieldRate: 0.05 } };
  test.sandbox.setFaults({ greenhouse: drift, workday: drift });
  try {
    drifted = await syncIntoNew(test, join(dir, 'drift.duckdb'), OPTIONS, async (w, summary) => ({
      summary,
      latest: await latestOf(w),
      quarantine: await w.withSession((s) =>
        s.query<Row>('SELECT entity, source_id, reason FROM bronze._quarantine'),
      ),
    }));
  } finally {
    test.sandbox.setFaults({ greenhouse: {}, workday: {} });
  }
});

afterAll(async () => {
  await test?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('schema drift', () => {
  it('goes on: every stream succeeds while records drift on both simulators', () => {
    expect(drifted.summary.streams.filter((s) => s.status !== 'success')).toEqual([]);
    const stats = test.sandbox.faultStats();
    expect(stats.greenhouse.driftedRecords).toBeGreaterThan(0);
    expect(stats.workday.driftedRecords).toBeGreaterThan(0);
  });

  it('lands added fields in the payload and records missing optional fields as sent', () => {
    let added = 0;
    let dropped = 0;
    TABLES.forEach((table, i) => {
      for (const [id, row] of drifted.latest[i] ?? new Map<string, BronzeLatest>()) {
        const payload = row.payload as Row;
        const base = clean[i]?.get(id)?.payload as Row | undefined;
        expect(base, `${table} ${id}`).toBeDefined();
        for (const [key, value] of Object.entries(payload)) {
          if (key.startsWith('x_drift_')) {
            added += 1;
            continue;
          }
          expect(canonicalJson(value), `${table} ${id}.${key}`).toBe(canonicalJson(base?.[key]));
        }
        dropped += Object.keys(base ?? {}).filter((k) => !(k in payload)).length;
      }
    });
    expect(added).toBeGreaterThan(0);
    expect(dropped).toBeGreaterThan(0);
  });

  it('quarantines exactly the records that could not land, each with the missing field named', () => {
    expect(drifted.quarantine.length).toBeGreaterThan(0);
    for (const row of drifted.quarantine) {
      expect(String(row.reason)).toMatch(
        /must have required property '\w+'|primary key \(.+\) is missing|the parent record has no [\w.]+/,
      );
    }
    // A record is missing from bronze exactly when it is in quarantine: by id where its key
    // could be read, by count where the drift took a key field.
    TABLES.forEach((table, i) => {
      const entity = table.replace(/^(greenhouse|workday)_/, '');
      const missing = [...(clean[i]?.keys() ?? [])].filter((id) => !drifted.latest[i]?.has(id));
      const rows = drifted.quarantine.filter((q) => q.entity === entity);
      const keyed = new Set(rows.map((q) => q.source_id).filter((id) => id !== null));
      expect(missing.length, table).toBe(rows.length);
      expect(
        missing.filter((id) => !keyed.has(id)).length,
        `${table}: missing without a quarantined id`,
      ).toBe(rows.filter((q) => q.source_id === null).length);
    });
  });

  it('loses nothing: once the drift stops, a full refresh makes the latest rows a clean run', async () => {
    const latest = await syncIntoNew(
      test,
      join(dir, 'drift.duckdb'),
      { ...OPTIONS, fullRefresh: true },
      async (warehouse, summary) => {
        expect(summary.failures).toBe(0);
        return latestOf(warehouse);
      },
    );
    const hashes = (m: Latest | undefined) =>
      [...(m ?? new Map<string, never>())].map(([id, r]) => `${id}:${r.payloadHash ?? ''}`).sort();
    TABLES.forEach((table, i) => expect(hashes(latest[i]), table).toEqual(hashes(clean[i])));
  });
});
