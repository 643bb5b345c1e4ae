/**
 * The reference project's serve rollups built by the engine over marts full of the cases that
 * break naive pre-aggregation: workers who transfer between business units and departments,
 * leave and are rehired (gaps in their months, two separations), candidates applying in several
 * months and cells, applications entering a stage twice, stage entries without a date. Every
 * dataset with rollups is read with rollups and from the base tables, by an administrator and by
 * partners whose row filters keep one or two units, over whole months and arbitrary days: the
 * answers (numbers, suppressed cells, totals) must be identical.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invoke } from '../../engine/invoke.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { User } from '../auth/user.js';
import type { PolicySettings } from '../config/serve-config.js';
import { DATASETS } from '../datasets/catalog.js';
import type { AggregateDataset } from '../datasets/dataset.js';
import { resolveTables } from '../datasets/gold-tables.js';
import type { Grouping, ReadSource } from '../datasets/compile-query.js';
import { evaluateAggregate, MemoryRollups } from '../datasets/memory-rollups.js';
import { DatasetService } from '../datasets/query-service.js';
import type { AggregateRequest } from '../datasets/request.js';
import { parseRequest } from '../datasets/request.js';
import { TableCatalog } from '../governance/table-catalog.js';
import { SessionPool } from '../session-pool.js';
import { referenceRollupFiles } from '../testing/fixture-lakehouse.js';

/** Units, each with two departments; a fifth of rows move to the next unit. */
const RAW = `
CREATE SCHEMA raw;
CREATE TABLE raw.worker_months AS
WITH workers AS (
  SELECT i, hash(i, 1) % 100 AS kind,
    DATE '2023-01-01' + to_months((hash(i, 2) % 30)::INT) AS start,
    3 + (hash(i, 3) % 20)::INT AS length
  FROM range(1, 401) t(i)
),
months AS (
  SELECT i, kind, start + to_months(k) AS month, k, length
  FROM workers, range(0, 40) r(k)
  -- 10 %: a gap of three months (left and rehired); others one spell.
  WHERE k < length + CASE WHEN kind < 10 THEN 3 ELSE 0 END
    AND NOT (kind < 10 AND k BETWEEN length // 2 AND length // 2 + 2)
),
placed AS (
  SELECT *,
    -- 20 %: transfer to another unit (and department) halfway; 10 %: back again later.
    ((hash(i, 4) % 3 + CASE WHEN kind BETWEEN 10 AND 29 AND k >= length // 2 THEN 1 ELSE 0 END
      + CASE WHEN kind BETWEEN 30 AND 39 AND k BETWEEN 2 AND 4 THEN 1 ELSE 0 END) % 3)::INT AS unit
  FROM months
)
SELECT
  'W' || i AS worker_id, CAST(month AS DATE) AS month,
  ['Sales', 'Support', 'Finance'][unit + 1] AS business_unit,
  ['Sales', 'Support', 'Finance'][unit + 1] || ' ' || (1 + (hash(i, 5) + k // 6) % 2)::VARCHAR
    AS department,
  ['Berlin', 'Austin'][1 + (hash(i, 6) % 2)::INT] AS office,
  ['Eng', 'Ops'][1 + (hash(i, 7) % 2)::INT] AS job_family,
  'L1' AS job_level, 1.0::DOUBLE AS fte,
  CASE WHEN k < 12 THEN 'under 1 year' ELSE '1-5 years' END AS tenure_band,
  k = 0 OR (kind < 10 AND k = length // 2 + 3) AS is_hire,
  k = length + CASE WHEN kind < 10 THEN 2 ELSE -1 END
    OR (kind < 10 AND k = length // 2 - 1) AS is_separation,
  CASE WHEN k = length + CASE WHEN kind < 10 THEN 2 ELSE -1 END
         OR (kind < 10 AND k = length // 2 - 1)
       THEN ['Better offer', 'Layoff'][1 + (hash(i, 8) % 2)::INT] END AS separation_reason,
  NULL::VARCHAR AS separation_category,
  hash(i, 9) % 3 = 0 AND (k = length + CASE WHEN kind < 10 THEN 2 ELSE -1 END) AS is_voluntary,
  false AS is_regretted
FROM placed;

CREATE TABLE raw.applications AS
SELECT
  i::BIGINT AS application_id,
  -- 300 candidates for 700 applications: most apply more than once, in any month and cell.
  (hash(i, 1) % 300)::BIGINT AS candidate_id,
  ['Sales', 'Support', 'Finance'][1 + (hash(i, 2) % 3)::INT] AS business_unit,
  ['Sales', 'Support', 'Finance'][1 + (hash(i, 2) % 3)::INT] || ' ' || (1 + hash(i, 3) % 2)::VARCHAR
    AS department,
  ['Berlin', 'Austin'][1 + (hash(i, 4) % 2)::INT] AS office,
  ['Eng', 'Ops'][1 + (hash(i, 5) % 2)::INT] AS job_family,
  ['Referral', 'Agency', 'Event'][1 + (hash(i, 6) % 3)::INT] AS source,
  TIMESTAMP '2024-01-01 08:00:00' + to_days((hash(i, 7) % 500)::INT)
    + to_minutes((hash(i, 8) % 900)::INT) AS applied_at,
  hash(i, 9) % 10 < 2 AS is_hired,
  hash(i, 9) % 10 < 3 AS offer_extended,
  hash(i, 9) % 10 < 2 AS offer_accepted,
  CASE WHEN hash(i, 9) % 10 < 2 THEN (10 + hash(i, 10) % 40)::BIGINT END AS days_to_hire,
  ['female', 'male', 'unknown'][1 + (hash(i, 11) % 3)::INT] AS eeo_gender,
  ['asian', 'black', 'white'][1 + (hash(i, 12) % 3)::INT] AS eeo_race
FROM range(1, 701) t(i);

CREATE TABLE raw.application_stages AS
SELECT a.application_id,
  ['Applied', 'Screen', 'Interview'][k % 3 + 1] AS stage_name,
  (k % 3 + 1)::BIGINT AS stage_order,
  -- Every seventh application has an entry without a date; every fifth re-enters Applied
  -- about two months later (k = 3).
  CASE WHEN a.application_id % 7 = 0 AND k = 1 THEN NULL
       ELSE a.applied_at + to_days((k * 9 + (k // 3) * 40)::INT) END AS entered_at,
  NULL::TIMESTAMP AS left_at,
  (1 + hash(a.application_id, k) % 9)::DOUBLE / 3 AS days_in_stage,
  'advanced' AS stage_outcome,
  a.business_unit, a.department, a.office, a.job_family, 'L1' AS job_level
FROM raw.applications a, range(0, 4) r(k)
WHERE k < 1 + a.application_id % 3 OR (k = 3 AND a.application_id % 5 = 0);

CREATE TABLE raw.requisitions AS
SELECT i::BIGINT AS requisition_id, 'Role ' || i AS title,
  ['Sales', 'Support', 'Finance'][1 + (hash(i, 1) % 3)::INT] AS business_unit,
  ['Sales', 'Support', 'Finance'][1 + (hash(i, 1) % 3)::INT] || ' 1' AS department,
  'Berlin' AS office, 'Eng' AS job_family,
  TIMESTAMP '2024-01-01 09:00:00' + to_days((hash(i, 2) % 500)::INT) AS opened_at,
  ['open', 'filled', 'closed'][1 + (hash(i, 3) % 3)::INT] AS status,
  CASE WHEN hash(i, 3) % 3 = 1 THEN (5 + hash(i, 4) % 60)::BIGINT END AS days_to_fill
FROM range(1, 301) t(i);
`;

const POLICIES: PolicySettings = {
  adminGroups: ['admin'],
  minGroupSize: 5,
  rowFilters: [
    {
      name: 'units',
      groups: ['hrbp'],
      column: 'business_unit',
      op: 'in',
      attribute: 'business_units',
      exceptTables: [],
    },
  ],
  columnMasks: [{ pii: ['eeo'], exceptGroups: [], allowAggregates: true }],
};

const READERS: readonly User[] = [
  { name: 'ada', groups: ['admin'], attributes: {}, via: 'session' },
  { name: 'hana', groups: ['hrbp'], attributes: { business_units: ['Sales'] }, via: 'session' },
  {
    name: 'nobu',
    groups: ['hrbp'],
    attributes: { business_units: ['Sales', 'Support'] },
    via: 'session',
  },
];

const PERIODS = [
  '',
  'from=2024-03-01&to=2024-08-31',
  'from=2025-01-01',
  'to=2024-12-31',
  'from=2024-11-01&to=2024-11-30',
  'from=2024-03-14&to=2024-09-03',
  'to=2025-02-10',
  'from=2024-05-20&to=2024-05-25',
];

let project: TempProject;
let warehouse: Warehouse;

beforeAll(async () => {
  const files: Record<string, string> = {
    'hrflow.config.yaml': `name: exact
catalog: hr_prod
targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: 2
models:
  gold:
    +schema: gold
    +materialized: table
`,
    'models/gold/fct_worker_months.sql': 'select * from raw.worker_months\n',
    'models/gold/fct_applications.sql': 'select * from raw.applications\n',
    'models/gold/fct_application_stages.sql': 'select * from raw.application_stages\n',
    'models/gold/fct_requisitions.sql': 'select * from raw.requisitions\n',
    ...referenceRollupFiles(),
  };
  project = tempProject(files);
  const path = join(project.root, 'target/hr_prod.duckdb');
  const raw = await Warehouse.open({ path, catalog: 'hr_prod' });
  try {
    await raw.withSession((s) => s.run(`${RAW}; CREATE SCHEMA gold;`));
  } finally {
    await raw.close();
  }
  const built = await invoke({ command: 'build', projectDir: project.root, env: {} });
  const failed = built.result.results.filter((r) => r.status === 'error' || r.status === 'skipped');
  if (failed.length > 0) throw new Error(failed.map((r) => `${r.id}: ${r.message}`).join('\n'));
  warehouse = await Warehouse.open({ path, catalog: 'hr_prod', readOnly: true });
}, 120_000);

afterAll(async () => {
  await warehouse?.close();
  project?.remove();
});

describe('serve rollups over transfers, rehires and repeat applications', () => {
  it('hold people keyed where a count per cell would count them twice', async () => {
    const keyed = await warehouse.withSession((s) =>
      s.query<{ t: string; n: number }>(
        `SELECT 'workforce' AS t, count(worker_key)::INT AS n FROM gold.agg_workforce_spells
         UNION ALL SELECT 'separations', count(worker_key)::INT FROM gold.agg_separations_monthly
         UNION ALL SELECT 'stages', count(application_key)::INT FROM gold.agg_funnel_monthly
         UNION ALL SELECT 'funnel', count(application_key)::INT FROM gold.agg_funnel_spells
         UNION ALL SELECT 'applicants', count(candidate_key)::INT FROM gold.agg_applications_monthly`,
      ),
    );
    for (const row of keyed) {
      expect({ table: row.t, keyed: row.n > 0 }).toEqual({ table: row.t, keyed: true });
    }
  });

  it('answer every breakdown, period and reader exactly as the base tables do', async () => {
    const catalog = await warehouse.withSession((s) => TableCatalog.load(s, 'hr_prod', new Map()));
    const pool = new SessionPool(warehouse);
    const tables = resolveTables({});
    const memory = new MemoryRollups();
    await memory.refresh(
      (fn) => pool.use(fn),
      DATASETS.flatMap((d) =>
        d.kind === 'aggregate' ? (d.rollups ?? []).flatMap((r) => tables[r.table] ?? []) : [],
      ),
      (table) => catalog.types(table),
    );
    const service = (rollups: boolean, held?: MemoryRollups): DatasetService =>
      new DatasetService({
        datasets: DATASETS,
        tables,
        policies: POLICIES,
        columnsOf: (table) => catalog.columns(table),
        typesOf: (table) => catalog.types(table),
        pool,
        audit: { record: () => undefined },
        rollups,
        ...(held ? { memory: held } : {}),
      });
    const fast = service(true);
    const inMemory = service(true, memory);
    const base = service(false);
    const read = new Set<string>();
    let compared = 0;
    let suppressed = 0;
    try {
      for (const dataset of DATASETS) {
        if (dataset.kind !== 'aggregate' || !dataset.rollups) continue;
        for (const dims of breakdowns(dataset)) {
          for (const period of PERIODS) {
            for (const reader of READERS) {
              const query = new URLSearchParams([dims, period].filter(Boolean).join('&'));
              const request = parseRequest(dataset, query) as AggregateRequest;
              const plan = fast.plan(dataset, request, fast.access(reader, dataset));
              // A rollup held in memory answers there, not through SQL.
              const reads: [ReadSource, Grouping][] =
                plan.cells === plan.total
                  ? [[plan.total, 'both']]
                  : [
                      [plan.cells, 'cells'],
                      [plan.total, 'total'],
                    ];
              for (const [source, grouping] of reads) {
                const held = source.rollup ? memory.get(source.table) : undefined;
                if (!held) continue;
                const access = inMemory.access(reader, dataset);
                const rows = evaluateAggregate(dataset, request, access, source, grouping, held);
                expect({ query: String(query), grouping, inMemory: rows !== undefined }).toEqual({
                  query: String(query),
                  grouping,
                  inMemory: true,
                });
              }
              read.add(`${dataset.name} ${plan.cells.rollup?.table ?? 'base'}`);
              read.add(`${dataset.name} ${plan.total.rollup?.table ?? 'base'}`);
              const fromRollup = await fast.read(reader, dataset.name, query, 'query');
              const fromMemory = await inMemory.read(reader, dataset.name, query, 'query');
              const fromBase = await base.read(reader, dataset.name, query, 'query');
              const name = `${dataset.name}?${String(query)} as ${reader.name}`;
              expect({ name, result: fromRollup }).toEqual({ name, result: fromBase });
              expect({ name, memory: fromMemory }).toEqual({ name, memory: fromBase });
              if (fromBase.kind === 'aggregate') suppressed += fromBase.governance.suppressedCells;
              compared++;
            }
          }
        }
      }
    } finally {
      pool.close();
    }
    const declared = DATASETS.flatMap((d) =>
      d.kind === 'aggregate' ? (d.rollups ?? []).map((r) => `${d.name} ${r.table}`) : [],
    );
    expect(declared.filter((name) => !read.has(name))).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
    // Every rollup but the per-person ones is small enough to be held.
    expect(memory.size).toBeGreaterThanOrEqual(7);
    // Small cells occur, so the comparison covers suppression on the final cells too.
    expect(suppressed).toBeGreaterThan(0);
  }, 300_000);
});

/** No breakdown, each dimension alone, and each pair with the business unit or the month. */
function breakdowns(dataset: AggregateDataset): string[] {
  const names = Object.keys(dataset.dimensions);
  const pairs = ['business_unit', 'month'].flatMap((first) =>
    names.includes(first) ? names.filter((n) => n !== first).map((n) => `dims=${first},${n}`) : [],
  );
  return ['', ...names.map((n) => `dims=${n}`), ...pairs];
}
