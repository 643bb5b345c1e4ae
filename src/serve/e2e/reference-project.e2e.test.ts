/**
 * The dashboards on the real reference project: the repository's own models built against the
 * sandbox at a small size, a real server on loopback, and every dataset the pages request read
 * through the HTTP API by an administrator and by an HR business partner whose row filter keeps
 * one business unit. Expected numbers come from SQL on the same warehouse.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { buildReferenceProject } from '../../lakehouse/reference-project.js';
import type { ReferenceBuild } from '../../lakehouse/reference-project.js';
import { hashPassword } from '../auth/password.js';
import type { User } from '../auth/user.js';
import { TableCatalog } from '../governance/table-catalog.js';
import { SessionPool } from '../session-pool.js';
import { DATASETS } from '../datasets/catalog.js';
import type { AggregateDataset, Condition, Dataset } from '../datasets/dataset.js';
import { DEFAULT_TABLES, resolveTables } from '../datasets/gold-tables.js';
import { PAGES } from '../datasets/pages.js';
import { MemoryRollups } from '../datasets/memory-rollups.js';
import { DatasetService } from '../datasets/query-service.js';
import type { AggregateRequest } from '../datasets/request.js';
import { parseRequest } from '../datasets/request.js';
import { isMonthAligned } from '../datasets/rollup-choice.js';
import { fromWireSync } from '../jobs/job-events.js';
import { startServer } from '../server.js';
import type { RunningServer } from '../server.js';
import { FAST_SCRYPT } from '../testing/fixture-lakehouse.js';
import { getJson, signIn } from '../testing/http-client.js';
import type { SignedIn } from '../testing/http-client.js';

const SIZE = { seed: 42, employees: 50, candidates: 300 };
const UNIT = 'Go-To-Market';
/** Datasets over hrflow's own logs and bronze: no business unit, so refused to the partner. */
const PIPELINE = new Set(['api_calls', 'node_results', 'runs', 'freshness']);

interface Agg {
  rows: { key: (string | null)[]; values: Record<string, unknown>; suppressed: boolean }[];
  total: { values: Record<string, unknown>; suppressed: boolean };
  governance: { rowFilters: string[]; minGroupSize: number };
}
interface Rows {
  rows: Record<string, unknown>[];
}

let build: ReferenceBuild;
let server: RunningServer;
let admin: SignedIn;
let partner: SignedIn;

beforeAll(async () => {
  build = await buildReferenceProject(SIZE);
  if (build.code !== 0) throw new Error(`the reference build failed:\n${build.stderr}`);
  const configPath = join(build.root, 'hrflow.config.yaml');
  const config = parseDocument(readFileSync(configPath, 'utf8'));
  config.setIn(['serve', 'port'], 0);
  config.setIn(['serve', 'webhooks', 'greenhouse', 'debounce'], '50ms');
  config.setIn(
    ['serve', 'auth', 'users'],
    [
      {
        name: 'ada',
        password_hash: await hashPassword('ada-pass', FAST_SCRYPT),
        groups: ['admin'],
      },
      {
        name: 'hana',
        password_hash: await hashPassword('hana-pass', FAST_SCRYPT),
        groups: ['hrbp'],
        attributes: { business_units: [UNIT] },
      },
    ],
  );
  writeFileSync(configPath, config.toString());
  server = await startServer({ projectDir: build.root, env: {}, startSchedules: false });
  admin = await signIn(server.url, 'ada', 'ada-pass');
  partner = await signIn(server.url, 'hana', 'hana-pass');
}, 300_000);

afterAll(async () => {
  await server?.close();
  build?.remove();
});

const sql = <T extends Record<string, unknown>>(text: string): Promise<T[]> =>
  server.warehouse.withSession((s) => s.query<T>(text));

describe('the reference project served', () => {
  it('answers every panel of every page for the administrator, with numbers', async () => {
    for (const page of PAGES) {
      for (const panel of page.panels) {
        const res = await getJson(server.url, panelPath(panel), admin);
        expect({ panel: panel.id, status: res.status }).toEqual({ panel: panel.id, status: 200 });
        const body = res.body as Agg | Rows;
        // Jobs and test results stay empty until the server has run a job or a test.
        if (panel.dataset === 'jobs' || panel.id === 'tests') continue;
        expect({ panel: panel.id, rows: body.rows.length > 0 }).toEqual({
          panel: panel.id,
          rows: true,
        });
      }
    }
  });

  it('answers the partner’s panels, refusing only the pipeline logs', async () => {
    for (const page of PAGES) {
      for (const panel of page.panels) {
        const res = await getJson(server.url, panelPath(panel), partner);
        const expected = PIPELINE.has(panel.dataset) ? 403 : 200;
        expect({ panel: panel.id, status: res.status }).toEqual({
          panel: panel.id,
          status: expected,
        });
      }
    }
  });

  it('counts every people dataset’s subjects as SQL does, whole and for the partner’s unit', async () => {
    const people = DATASETS.filter(
      (d): d is AggregateDataset => d.kind === 'aggregate' && !PIPELINE.has(d.name),
    );
    for (const dataset of people) {
      const subjects = dataset.subjects;
      const path = `/api/datasets/${dataset.name}?measures=${subjects}`;
      const whole = (await getJson(server.url, path, admin)).body as Agg;
      const mine = (await getJson(server.url, path, partner)).body as Agg;
      const [all] = await sql<{ n: number }>(subjectsSql(dataset, 'TRUE'));
      const [unit] = await sql<{ n: number }>(
        subjectsSql(dataset, `business_unit = '${UNIT.replace(/'/g, "''")}'`),
      );
      expect({ dataset: dataset.name, n: whole.total.values[subjects] }).toEqual({
        dataset: dataset.name,
        n: all?.n,
      });
      if (dataset.name !== 'dq_summary') expect(all?.n).toBeGreaterThan(0);
      const k = mine.governance.minGroupSize;
      const hidden = unit !== undefined && unit.n > 0 && unit.n < k;
      expect({ dataset: dataset.name, n: mine.total.values[subjects] }).toEqual({
        dataset: dataset.name,
        n: hidden ? null : unit?.n,
      });
      expect(mine.governance.rowFilters).toEqual(['hrbp_business_units']);
    }
  });

  it('shows the partner only their business unit in breakdowns and rows', async () => {
    for (const dataset of DATASETS) {
      if (PIPELINE.has(dataset.name) || dataset.name === 'jobs') continue;
      if (dataset.kind === 'aggregate') {
        const path = `/api/datasets/${dataset.name}?dims=business_unit`;
        const body = (await getJson(server.url, path, partner)).body as Agg;
        const units = new Set(body.rows.map((r) => r.key[0]));
        expect({ dataset: dataset.name, units: [...units] }).toEqual({
          dataset: dataset.name,
          units: units.size === 0 ? [] : [UNIT],
        });
      } else {
        const body = (await getJson(server.url, `/api/datasets/${dataset.name}?limit=500`, partner))
          .body as Rows;
        expect(body.rows.every((r) => r.business_unit === UNIT)).toBe(true);
      }
    }
    const widened = (
      await getJson(server.url, '/api/datasets/workforce?f.business_unit=Corporate', partner)
    ).body as Agg;
    expect(widened.total.values.headcount ?? 0).toBe(0);
  });

  it('keeps contingent workers out of the hire cohorts', async () => {
    const [employees] = await sql<{ n: number }>(
      `SELECT count(*)::INT AS n FROM gold.dim_workers WHERE worker_type = 'employee'`,
    );
    const [everyone] = await sql<{ n: number }>(`SELECT count(*)::INT AS n FROM gold.dim_workers`);
    const body = (await getJson(server.url, '/api/datasets/hire_cohorts?measures=hires', admin))
      .body as Agg;
    expect(body.total.values.hires).toBe(employees?.n);
    expect(everyone?.n).toBeGreaterThan(employees?.n ?? 0);
  });
});

function panelPath(panel: (typeof PAGES)[number]['panels'][number]): string {
  const query = new URLSearchParams();
  if (panel.dims.length > 0) query.set('dims', panel.dims.join(','));
  if (panel.measures.length > 0) query.set('measures', panel.measures.join(','));
  for (const [name, values] of Object.entries(panel.fixed ?? {})) {
    for (const value of values) query.append(`f.${name}`, value);
  }
  const text = query.toString();
  return `/api/datasets/${panel.dataset}${text ? `?${text}` : ''}`;
}

/** The dataset's subjects measure written by hand, over its table and scope. */
function subjectsSql(dataset: AggregateDataset, where: string): string {
  const measure = dataset.measures[dataset.subjects];
  if (!measure) throw new Error(`${dataset.name} has no subjects measure`);
  const conditions = [where, ...(dataset.scope ? [conditionText(dataset.scope)] : [])];
  const expr = measure.kind === 'count' ? 'count(*)' : `count(DISTINCT ${measure.column})`;
  return `SELECT ${expr}::INT AS n FROM ${tableOf(dataset)} WHERE ${conditions.join(' AND ')}`;
}

function conditionText(condition: Condition): string {
  if (condition.kind === 'flag') return `coalesce(${condition.column}, FALSE)`;
  return `${condition.column} IN (${condition.values.map((v) => `'${v}'`).join(', ')})`;
}

function tableOf(dataset: Dataset): string {
  return DEFAULT_TABLES[dataset.table as keyof typeof DEFAULT_TABLES];
}

describe('rollups of the reference project', () => {
  const readers: readonly User[] = [
    { name: 'ada', groups: ['admin'], attributes: {}, via: 'session' },
    { name: 'hana', groups: ['hrbp'], attributes: { business_units: [UNIT] }, via: 'session' },
  ];
  // Whole months (read from the monthly rollups and spells) and arbitrary days (not, for the
  // tables whose period column is a timestamp).
  const periods = [
    '',
    'from=2025-06-15',
    'to=2026-03-10',
    'from=2025-02-03&to=2026-01-20',
    'from=2025-06-01',
    'to=2026-02-28',
    'from=2025-02-01&to=2026-01-31',
    'from=2025-11-01&to=2025-11-30',
  ];

  it('give exactly what the base tables give, for every breakdown, period and reader', async () => {
    const catalog = await server.warehouse.withSession((s) =>
      TableCatalog.load(s, 'hr_prod', new Map()),
    );
    const pool = new SessionPool(server.warehouse);
    const tables = resolveTables({});
    // Held in memory as the server holds them, so its in-memory answers are compared too.
    const memory = new MemoryRollups();
    await memory.refresh(
      (fn) => pool.use(fn),
      DATASETS.flatMap((d) =>
        d.kind === 'aggregate' ? (d.rollups ?? []).flatMap((r) => tables[r.table] ?? []) : [],
      ),
      (table) => catalog.types(table),
    );
    const service = (rollups: boolean): DatasetService =>
      new DatasetService({
        datasets: DATASETS,
        tables,
        policies: server.serve.policies,
        columnsOf: (table) => catalog.columns(table),
        typesOf: (table) => catalog.types(table),
        pool,
        audit: { record: () => undefined },
        rollups,
        ...(rollups ? { memory } : {}),
      });
    const fast = service(true);
    const base = service(false);
    let compared = 0;
    const read = new Set<string>();
    try {
      for (const dataset of DATASETS) {
        if (dataset.kind !== 'aggregate' || !dataset.rollups) continue;
        for (const dims of breakdowns(dataset)) {
          for (const period of periods) {
            for (const reader of readers) {
              const query = new URLSearchParams([dims, period].filter(Boolean).join('&'));
              const request = parseRequest(dataset, query) as AggregateRequest;
              const plan = fast.plan(dataset, request, fast.access(reader, dataset));
              // Every request over whole months is read from rollups; days may need the base.
              const asked = request.filters.period;
              if (asked?.kind !== 'period' || isMonthAligned(asked)) {
                expect({
                  query: `${dataset.name}?${String(query)}`,
                  cells: plan.cells.rollup !== undefined,
                  total: plan.total.rollup !== undefined,
                }).toEqual({ query: `${dataset.name}?${String(query)}`, cells: true, total: true });
              }
              read.add(`${dataset.name} ${plan.cells.rollup?.table ?? ''}`);
              read.add(`${dataset.name} ${plan.total.rollup?.table ?? ''}`);
              const fromRollup = await fast.read(reader, dataset.name, query, 'query');
              const fromBase = await base.read(reader, dataset.name, query, 'query');
              expect({ query: `${dataset.name}?${String(query)}`, result: fromRollup }).toEqual({
                query: `${dataset.name}?${String(query)}`,
                result: fromBase,
              });
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
    expect(compared).toBeGreaterThan(400);
  });
});

describe('changes in the sandbox', () => {
  it('arrive as signed webhooks that sync the records they name and rebuild what reads them', async () => {
    const sandbox = server.sandbox;
    if (!sandbox) throw new Error('the dev target should run the sandbox in the server');
    const queued = server.queue.list().length;
    await sandbox.advance(3);
    await sandbox.flushWebhooks();
    const deliveries = sandbox.webhookDeliveries();
    expect(deliveries.length).toBeGreaterThan(0);
    expect(
      deliveries.every((d) => d.delivered && d.statuses.length === 1 && d.statuses[0] === 200),
    ).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const jobs = server.queue.list().slice(0, server.queue.list().length - queued);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) await server.jobSettled(job);
    const webhookJobs = jobs.filter((j) => j.trigger === 'webhook:greenhouse');
    expect(webhookJobs.length).toBeGreaterThan(0);
    for (const job of webhookJobs) {
      expect(job.status).toBe('success');
      expect(job.spec.syncRecords).toBeDefined();
    }
    const events = webhookJobs.flatMap((job) => job.events);
    const modes = events.flatMap((e) => {
      if (e.type !== 'sync') return [];
      const sync = fromWireSync(e.event);
      return sync.kind === 'stream-start' ? [sync.mode] : [];
    });
    expect(modes).toContain('targeted');
    expect(events.filter((e) => e.type === 'node-finished').length).toBeGreaterThan(0);
  });
});

/** No breakdown, each dimension alone, and each pair with the first org column. */
function breakdowns(dataset: AggregateDataset): string[] {
  const names = Object.keys(dataset.dimensions);
  return [
    '',
    ...names.map((n) => `dims=${n}`),
    ...names.filter((n) => n !== 'business_unit').map((n) => `dims=business_unit,${n}`),
  ];
}
