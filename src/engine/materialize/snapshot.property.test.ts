/**
 * Snapshots under random histories: sequences of runs, each inserting, updating, touching
 * (changing a value without moving updated_at), deleting and re-inserting keys, for every
 * hard_deletes mode and strategy, run against a real DuckDB. After every run the table must
 * satisfy the SCD2 invariants on its own, and equal a model of the documented semantics.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HardDeletes, SnapshotConfig } from './config.js';
import { materialize } from './materialize.js';
import type { TestWarehouse } from './warehouse.test-support.js';
import { base, openTestWarehouse } from './warehouse.test-support.js';

const KEYS = 4;
const DAY = 86_400_000;
const MINUTE = 60_000;
const START = Date.parse('2024-01-01T00:00:00Z');
/** Snapshot time of run `r`. */
const runTime = (r: number): number => START + r * DAY;

type Op =
  | { readonly kind: 'keep' }
  | { readonly kind: 'delete' }
  /** New value and a new updated_at, `minutes` after the previous run. */
  | { readonly kind: 'update'; readonly val: number | null; readonly minutes: number }
  /** New value, updated_at left where it was. */
  | { readonly kind: 'touch'; readonly val: number | null };

const valArb = fc.constantFrom<number | null>(null, 1, 2);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant<Op>({ kind: 'keep' }), weight: 3 },
  { arbitrary: fc.constant<Op>({ kind: 'delete' }), weight: 3 },
  {
    arbitrary: fc.record({
      kind: fc.constant('update' as const),
      val: valArb,
      minutes: fc.integer({ min: 1, max: 1440 }),
    }),
    weight: 3,
  },
  { arbitrary: fc.record({ kind: fc.constant('touch' as const), val: valArb }), weight: 1 },
);
const historyArb = fc.array(fc.array(opArb, { minLength: KEYS, maxLength: KEYS }), {
  minLength: 2,
  maxLength: 5,
});

interface SourceRow {
  readonly val: number | null;
  readonly updatedAt: number;
}

/** The source of each run: the previous run's rows with the ops applied. */
function sources(history: readonly (readonly Op[])[]): Map<number, SourceRow>[] {
  const lastSeen = new Map<number, SourceRow>();
  return history.map((ops, r) => {
    const present = new Map<number, SourceRow>();
    ops.forEach((op, index) => {
      const key = index + 1;
      const last = lastSeen.get(key);
      const row = nextRow(op, last, r);
      if (row) {
        present.set(key, row);
        lastSeen.set(key, row);
      }
    });
    return present;
  });
}

function nextRow(op: Op, last: SourceRow | undefined, r: number): SourceRow | undefined {
  switch (op.kind) {
    case 'update':
      return { val: op.val, updatedAt: runTime(r - 1) + op.minutes * MINUTE };
    case 'touch':
      return last && { val: op.val, updatedAt: last.updatedAt };
    case 'keep':
      return last;
    case 'delete':
      return undefined;
  }
}

interface Version {
  val: number | null;
  updatedAt: number;
  dbtUpdatedAt: number;
  from: number;
  to: number | null;
  deleted: boolean;
}

type Variant = 'timestamp' | 'check' | 'check+updated_at';

/** The documented semantics, written independently of the SQL, one run at a time. */
function applyModel(
  model: Map<number, Version[]>,
  source: Map<number, SourceRow>,
  t: number,
  variant: Variant,
  hardDeletes: HardDeletes,
): void {
  for (const [key, row] of source) {
    const versions = model.get(key) ?? [];
    model.set(key, versions);
    const current = versions.find((v) => v.to === null);
    const changed = !current || current.deleted || differs(variant, current, row);
    if (!changed) continue;
    const updatedAt = variant === 'check' ? t : row.updatedAt;
    const lastChange = versions.length
      ? Math.max(...versions.map((v) => v.to ?? v.from))
      : undefined;
    const from = lastChange === undefined || updatedAt > lastChange ? updatedAt : t;
    if (current) current.to = from;
    versions.push({
      val: row.val,
      updatedAt: row.updatedAt,
      dbtUpdatedAt: updatedAt,
      from,
      to: null,
      deleted: false,
    });
  }
  if (hardDeletes === 'ignore') return;
  for (const [key, versions] of model) {
    const current = versions.find((v) => v.to === null);
    if (source.has(key) || !current || current.deleted) continue;
    current.to = t;
    if (hardDeletes === 'new_record') {
      versions.push({ ...current, dbtUpdatedAt: t, from: t, to: null, deleted: true });
    }
  }
}

/**
 * The strategy's notion of a change: timestamp compares updated_at with the version's start;
 * check compares `val`; check with `all` columns compares `val` and updated_at too.
 */
function differs(variant: Variant, current: Version, row: SourceRow): boolean {
  if (variant === 'timestamp') return current.from < row.updatedAt;
  if (variant === 'check') return current.val !== row.val;
  return current.val !== row.val || current.updatedAt !== row.updatedAt;
}

/** What of a source row its current version must show: what the strategy watches. */
function watched(variant: Variant, row: { val: number | null; updatedAt: number }): unknown[] {
  if (variant === 'timestamp') return [row.updatedAt];
  if (variant === 'check') return [row.val];
  return [row.val, row.updatedAt];
}

interface TableRow {
  readonly id: number;
  readonly val: number | null;
  readonly updatedAt: number;
  readonly dbtUpdatedAt: number;
  readonly from: number;
  readonly to: number | null;
  readonly deleted: boolean;
  readonly scdId: string;
}

/**
 * The SCD2 invariants, checked on the table alone. Per key, ordered by start: starts strictly
 * increase; a version ends after it starts; versions never overlap; only the last may be current;
 * consecutive versions meet exactly (invalidate may leave a gap, ending at a run where the key
 * was absent); present keys have one current version showing the source row's values the
 * strategy watches (updated_at for timestamp, the checked columns for check); absent keys have
 * none (invalidate), their last values (ignore), or a deletion version (new_record) that starts
 * at the run the key vanished, copies the previous version and never follows another.
 */
function checkInvariants(
  rows: readonly TableRow[],
  runs: readonly Map<number, SourceRow>[],
  variant: Variant,
  hardDeletes: HardDeletes,
): void {
  const source = runs[runs.length - 1] ?? new Map<number, SourceRow>();
  const absentAt = (t: number, key: number): boolean =>
    runs.some((run, r) => runTime(r) === t && !run.has(key));
  expect(new Set(rows.map((r) => r.scdId)).size).toBe(rows.length);

  const byKey = new Map<number, TableRow[]>();
  for (const row of rows) byKey.set(row.id, [...(byKey.get(row.id) ?? []), row]);
  for (const [key, versions] of byKey) {
    versions.forEach((v, i) => {
      const next = versions[i + 1];
      if (!next) return;
      expect(v.to, `key ${key}: only the last version may be current`).not.toBeNull();
      const to = v.to ?? 0;
      expect(to, `key ${key}: a version ends after it starts`).toBeGreaterThan(v.from);
      expect(to, `key ${key}: versions never overlap`).toBeLessThanOrEqual(next.from);
      if (to !== next.from) {
        expect(hardDeletes, `key ${key}: a gap only where invalidate closed a vanished key`).toBe(
          'invalidate',
        );
        expect(absentAt(to, key)).toBe(true);
      }
      if (hardDeletes === 'new_record' && next.deleted) {
        expect(v.deleted, `key ${key}: no deletion version follows another`).toBe(false);
        expect(next.from).toBe(to);
        expect(absentAt(next.from, key)).toBe(true);
        expect([next.val, next.updatedAt]).toEqual([v.val, v.updatedAt]);
      }
    });

    const current = versions.filter((v) => v.to === null);
    const row = source.get(key);
    if (row) {
      expect(current, `key ${key}: one current version`).toHaveLength(1);
      expect(current[0]?.deleted).toBe(false);
      expect(current[0] && watched(variant, current[0])).toEqual(watched(variant, row));
    } else if (hardDeletes === 'invalidate') {
      expect(current, `key ${key}: a vanished key has no current version`).toHaveLength(0);
    } else {
      expect(current).toHaveLength(1);
      expect(current[0]?.deleted).toBe(hardDeletes === 'new_record');
    }
  }
  for (const key of source.keys()) expect(byKey.has(key)).toBe(true);
}

let wh: TestWarehouse;
let counter = 0;
beforeAll(async () => {
  wh = await openTestWarehouse({ inMemory: true });
});
afterAll(async () => {
  await wh.close();
});

async function writeSource(rows: Map<number, SourceRow>): Promise<void> {
  const values = [...rows].map(
    ([id, r]) =>
      `(${id}, ${r.val ?? 'NULL'}::INTEGER, TIMESTAMP '${new Date(r.updatedAt).toISOString().replace('T', ' ').slice(0, 23)}')`,
  );
  const body = values.length
    ? `SELECT * FROM (VALUES ${values.join(', ')}) AS t(id, val, updated_at)`
    : "SELECT 1 AS id, 1 AS val, TIMESTAMP '2000-01-01' AS updated_at WHERE false";
  await wh.session.run(`CREATE OR REPLACE TABLE hr_prod.bronze.src AS ${body}`);
}

async function readTable(name: string, hardDeletes: HardDeletes): Promise<TableRow[]> {
  const rows = await wh.rows(
    `SELECT id, val, epoch_ms(updated_at) AS u, epoch_ms(dbt_updated_at) AS du,
            epoch_ms(dbt_valid_from) AS f, epoch_ms(dbt_valid_to) AS t, dbt_scd_id
            ${hardDeletes === 'new_record' ? ', dbt_is_deleted' : ''}
     FROM hr_prod.silver.${name} ORDER BY id, dbt_valid_from`,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    val: r.val === null ? null : Number(r.val),
    updatedAt: Number(r.u),
    dbtUpdatedAt: Number(r.du),
    from: Number(r.f),
    to: r.t === null ? null : Number(r.t),
    deleted: r.dbt_is_deleted === 'True',
    scdId: String(r.dbt_scd_id),
  }));
}

const CONFIGS: Record<Variant, SnapshotConfig> = {
  timestamp: { strategy: 'timestamp', unique_key: 'id', updated_at: 'updated_at' },
  check: { strategy: 'check', unique_key: 'id', check_cols: ['val'] },
  'check+updated_at': {
    strategy: 'check',
    unique_key: 'id',
    check_cols: 'all',
    updated_at: 'updated_at',
  },
};

describe.each(['ignore', 'invalidate', 'new_record'] as const)(
  'hard_deletes: %s',
  (hardDeletes) => {
    it.each(Object.keys(CONFIGS) as Variant[])(
      '%s strategy keeps a sound history that matches the model',
      async (variant) => {
        await fc.assert(
          fc.asyncProperty(historyArb, async (history) => {
            const name = `snap_${++counter}`;
            const runs = sources(history);
            const model = new Map<number, Version[]>();
            for (const [r, source] of runs.entries()) {
              await writeSource(source);
              await materialize({
                ...base(wh.executor, name, { runStartedAt: new Date(runTime(r)) }),
                kind: 'snapshot',
                sql: 'SELECT * FROM hr_prod.bronze.src',
                config: { ...CONFIGS[variant], hard_deletes: hardDeletes },
              });
              applyModel(model, source, runTime(r), variant, hardDeletes);

              const table = await readTable(name, hardDeletes);
              checkInvariants(table, runs.slice(0, r + 1), variant, hardDeletes);
              const expected = [...model]
                .sort(([a], [b]) => a - b)
                .flatMap(([id, versions]) => versions.map((v) => ({ id, ...v })));
              expect(table.map(({ scdId: _, ...rest }) => rest)).toEqual(expected);
            }
            await wh.session.run(`DROP TABLE hr_prod.silver.${name}`);
          }),
          { numRuns: 12 },
        );
      },
    );
  },
);
