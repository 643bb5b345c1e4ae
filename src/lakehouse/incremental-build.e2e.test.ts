/**
 * The reference project built incrementally gives the same tables as a full refresh. A small
 * sandbox company is synced and built, then moves on a few days (new applications, stage changes,
 * rejections, offers, worker changes), the next sync window lands and `hrflow run` builds again
 * without `--full-refresh`: incremental models merge only what changed. Deleted records and a
 * back-dated correction reaching old months are landed on top. Every silver and gold table is
 * then fingerprinted, the same bronze is rebuilt with `--full-refresh`, and the fingerprints
 * must match. Snapshots are left out: their history depends on when they ran, and a full
 * refresh does not rebuild them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../sandbox/index.js';
import type { AdvanceResult, Sandbox } from '../sandbox/index.js';
import { REPOSITORY_ROOT, hrflow, queryWarehouse } from './gold/project-runner.js';
import type { CliOutcome } from './gold/project-runner.js';
import {
  SandboxClock,
  sandboxVars,
  syncProjectFromSandbox,
  writeSandboxProject,
  yesterdayUtc,
} from './sandbox-project.js';

const SEED = 11;
const EMPLOYEES = 50;
const CANDIDATES = 300;
/** Days the company moves between the builds: enough for a few changes at this size. */
const DAYS = 7;
/** Greenhouse streams whose staging reads an incremental base table. */
const BASE_STREAMS = [
  'applications',
  'application_stages',
  'candidates',
  'scheduled_interviews',
  'scorecards',
];
/** A gender no generated worker reports, and its group in the gold tables. */
const CORRECTED_GENDER = 'Corrected Value';
const CORRECTED_GROUP = 'corrected_value';
const SNAPSHOTS = new Set([
  'application_scd2',
  'candidate_scd2',
  'job_requisition_scd2',
  'worker_scd2',
]);

/** One row per silver and gold table: its row count and an order-free hash of its rows. */
interface Fingerprint {
  readonly table: string;
  readonly rows: number;
  readonly hash: string;
}

let dir: string;
let sandbox: Sandbox;
let advanced: AdvanceResult;
let first: CliOutcome;
let incremental: CliOutcome;
let fullRefresh: CliOutcome;
let afterIncremental: Fingerprint[];
/** The SQL the incremental run compiled for the applications' base table. */
let incrementalBaseSql: string;
/** Tombstones the second sync landed in the streams with incremental base tables. */
let tombstones: number;
let afterFullRefresh: Fingerprint[];
/** The worker whose gender the back-dated correction changes, and the months showing it. */
let correctedWorker: string;
let correctedMonths: { period_month: string }[];

/**
 * Doubles are rounded before hashing: parallel aggregation sums in no fixed order, so two full
 * builds of the same bronze can differ in a double's last bits.
 */
async function fingerprints(): Promise<Fingerprint[]> {
  const columns = await queryWarehouse<{ table: string; name: string; type: string }>(
    dir,
    `select schema_name || '.' || table_name as "table", column_name as name, data_type as type
     from duckdb_columns()
     where database_name = 'hr_prod' and schema_name in ('silver', 'gold')
       and table_name in (select table_name from duckdb_tables() where database_name = 'hr_prod')
     order by "table", column_index`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {
    if (SNAPSHOTS.has(c.table.split('.')[1] ?? '')) continue;
    const expr = /^(DOUBLE|FLOAT|DECIMAL)/.test(c.type) ? `round("${c.name}", 9)` : `"${c.name}"`;
    byTable.set(c.table, [...(byTable.get(c.table) ?? []), expr]);
  }
  const out: Fingerprint[] = [];
  for (const [table, exprs] of byTable) {
    const [row] = await queryWarehouse<{ n: number; h: string | null }>(
      dir,
      `select count(*)::int as n, bit_xor(hash(${exprs.join(', ')}))::varchar as h from ${table}`,
    );
    out.push({ table, rows: row?.n ?? -1, hash: row?.h ?? '' });
  }
  return out;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-incremental-build-'));
  const yesterday = yesterdayUtc();
  const clock = new SandboxClock(yesterday.getTime());
  sandbox = await startSandbox({
    seed: SEED,
    employees: EMPLOYEES,
    candidates: CANDIDATES,
    asOf: yesterday.toISOString(),
    clock,
    greenhouse: { rateLimit: { limit: 5000, windowSeconds: 30 } },
    workday: { throttle: false },
  });
  writeSandboxProject(dir, REPOSITORY_ROOT);

  await syncProjectFromSandbox(dir, sandbox, clock);
  first = await hrflow(dir, ['run', '--no-sync', '--vars', sandboxVars(sandbox)]);
  advanced = await sandbox.advance(DAYS);
  clock.moveTo(sandbox.now().getTime());
  await syncProjectFromSandbox(dir, sandbox, clock);
  // Deletions are rare at this size, so one application and one candidate are deleted the way
  // the loader records a record gone from the source: a tombstone landed after everything else.
  for (const stream of ['applications', 'candidates']) {
    await queryWarehouse(
      dir,
      `insert into bronze.greenhouse_${stream}
       select * replace (
         (select max(pulled_at) from bronze.greenhouse_${stream}) + interval 1 second as pulled_at,
         null as payload, 'deleted' as payload_hash, true as is_deleted,
         (select max(load_seq) + 1 from bronze.greenhouse_${stream}) as load_seq)
       from bronze.greenhouse_${stream}
       where source_id = (select max(source_id) from bronze.greenhouse_${stream} where not is_deleted)
       order by load_seq desc
       limit 1`,
    );
  }
  // A back-dated correction: the worker hired first now reports another gender, which changes
  // the representation counts of every month since their hire, not only the current one.
  [{ worker_id: correctedWorker = '' } = { worker_id: '' }] = await queryWarehouse<{
    worker_id: string;
  }>(
    dir,
    `select worker_id from gold.int_gold_workforce_rows
     where is_primary order by effective_from, worker_id limit 1`,
  );
  await queryWarehouse(
    dir,
    `insert into bronze.workday_personal_information
     select * replace (
       (select max(pulled_at) from bronze.workday_personal_information) + interval 1 second
         as pulled_at,
       json_merge_patch(payload, '{"gender": {"descriptor": "${CORRECTED_GENDER}"}}') as payload,
       'corrected' as payload_hash,
       (select max(load_seq) + 1 from bronze.workday_personal_information) as load_seq)
     from bronze.workday_personal_information
     where source_id = '${correctedWorker}'
     order by load_seq desc
     limit 1`,
  );
  [{ n: tombstones = 0 } = { n: 0 }] = await queryWarehouse<{ n: number }>(
    dir,
    `select count(*)::int as n from (
       ${BASE_STREAMS.map((s) => `select is_deleted from bronze.greenhouse_${s}`).join(' union all ')}
     ) where is_deleted`,
  );
  // Identity resolution keeps its m and u between incremental runs unless asked to estimate
  // them again, and a full refresh always estimates them: the comparison asks for it.
  const reestimate = { ...(JSON.parse(sandboxVars(sandbox)) as object), identity_reestimate: true };
  incremental = await hrflow(dir, ['run', '--no-sync', '--vars', JSON.stringify(reestimate)]);
  incrementalBaseSql = readFileSync(
    join(dir, 'target/compiled/hr/models/bronze/base/base_greenhouse__applications.sql'),
    'utf8',
  );
  afterIncremental = await fingerprints();
  correctedMonths = await queryWarehouse<{ period_month: string }>(
    dir,
    `select distinct cast(period_month as varchar) as period_month
     from gold.representation_monthly
     where attribute = 'gender' and group_value = '${CORRECTED_GROUP}'
     order by period_month`,
  );
  fullRefresh = await hrflow(dir, [
    'run',
    '--no-sync',
    '--full-refresh',
    '--vars',
    sandboxVars(sandbox),
  ]);
  afterFullRefresh = await fingerprints();
}, 600_000);

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('an incremental build of the reference project after one sync window', () => {
  it('builds every node on the first, incremental and full-refresh runs', () => {
    for (const outcome of [first, incremental, fullRefresh]) {
      expect(outcome.stderr).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
      expect(outcome.code).toBe(0);
    }
  });

  it('has something to merge: records changed, and two were deleted', () => {
    const changes = Object.values(advanced.changes).reduce((n, c) => n + c, 0);
    expect(changes).toBeGreaterThan(0);
    expect(tombstones).toBeGreaterThan(0);
  });

  it('rebuilds the old months a back-dated correction reaches, not only the current one', () => {
    expect(correctedWorker).not.toBe('');
    expect(correctedMonths.length).toBeGreaterThan(2);
  });

  it('parses again only the bronze records landed since the last build', () => {
    expect(incrementalBaseSql).toMatch(/where b\.source_id in \(\s*select source_id from/);
  });

  it('leaves every silver and gold table as a full refresh builds it', () => {
    expect(afterIncremental.length).toBeGreaterThan(40);
    expect(afterIncremental).toEqual(afterFullRefresh);
  });
});
