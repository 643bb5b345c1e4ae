/**
 * Serve benchmark (outside CI): `npm run bench:serve`. Knobs: WORKERS (100000), APPLICATIONS
 * (1000000), USERS (20; a comma list runs each), SECONDS (20), LIVE_ROUNDS (5), SIDE_BY_SIDE
 * (3 repetitions; 0 skips).
 *
 * 1. Generates a large gold-like lakehouse (see lakehouse.ts) and builds it with the engine.
 * 2. Side by side in this process, before the server takes the warehouse: each dashboard
 *    request over a whole-month period, cold, read from the base tables, from the per-person
 *    rollups only, and with every rollup (medians of SIDE_BY_SIDE runs).
 * 3. Starts `hrflow serve` in its own process and signs in as an HR business partner, so every
 *    query carries a row filter, masks and suppression.
 * 4. For each USERS count, that many concurrent clients read the dashboard datasets in a loop
 *    for SECONDS, three times: the dashboards' own requests (cached after the first pass),
 *    every request with a different period end on a day after the data, and every request
 *    with a different whole-month period; p50/p95/p99.
 * 5. LIVE_ROUNDS times: a data change (a new hire in the seed) and `hrflow build` handed to the
 *    server; time from the build's end (the CLI hears the job finish) to the new number on an
 *    open page in chromium.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cpus, loadavg as osLoadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { invoke } from '../../src/engine/invoke.js';
import { hashPassword } from '../../src/serve/auth/password.js';
import type { User } from '../../src/serve/auth/user.js';
import type { PolicySettings } from '../../src/serve/config/serve-config.js';
import { DATASETS } from '../../src/serve/datasets/catalog.js';
import { resolveTables } from '../../src/serve/datasets/gold-tables.js';
import { DatasetService } from '../../src/serve/datasets/query-service.js';
import { TableCatalog } from '../../src/serve/governance/table-catalog.js';
import { SessionPool } from '../../src/serve/session-pool.js';
import { signIn } from '../../src/serve/testing/http-client.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { generateRaw, writeProject } from './lakehouse.js';

const WORKERS = Number(process.env.WORKERS ?? 100_000);
const APPLICATIONS = Number(process.env.APPLICATIONS ?? 1_000_000);
const USERS = (process.env.USERS ?? '20').split(',').map(Number);
const SIDE_BY_SIDE = Number(process.env.SIDE_BY_SIDE ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 20);
const LIVE_ROUNDS = Number(process.env.LIVE_ROUNDS ?? 5);
const REPO = join(import.meta.dirname, '../..');
const TSX = pathToFileURL(join(REPO, 'node_modules/tsx/dist/loader.mjs')).href;

const QUERIES = [
  '/api/datasets/workforce?dims=month&measures=headcount',
  '/api/datasets/workforce?dims=department&measures=turnover_pct,separations,average_headcount',
  '/api/datasets/workforce?measures=average_headcount,hires,separations,turnover_pct',
  '/api/datasets/funnel?dims=stage',
  '/api/datasets/applications?dims=source&measures=applications,hires,source_yield_pct',
  '/api/datasets/applications?measures=applications,hires,time_to_hire_days,offer_acceptance_pct',
  '/api/datasets/representation?dims=level,gender',
  '/api/datasets/selection_rates?dims=gender&measures=applicants,hires,selection_rate_pct',
  '/api/datasets/separations?dims=reason',
  '/api/datasets/hire_cohorts?dims=cohort',
  '/api/datasets/requisitions?dims=month&measures=time_to_fill_days,filled',
  '/api/datasets/workforce?dims=office&measures=headcount&f.department=Sales%201',
];

const log = (text: string): void => void process.stderr.write(`${text}\n`);

async function run(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'hrflow-bench-serve-'));
  const hana = await hashPassword('hana-bench-pass');
  const ada = await hashPassword('ada-bench-pass');
  writeProject(root, config(hana, ada));
  const warehouse = join(root, 'target/hr_prod.duckdb');

  let t = Date.now();
  await generateRaw(warehouse, WORKERS, APPLICATIONS);
  log(`generated raw tables in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  t = Date.now();
  const built = await invoke({ command: 'build', projectDir: root, env: {} });
  const failed = built.result.results.filter((r) => r.status === 'error');
  if (failed.length > 0) throw new Error(failed.map((r) => r.message).join('\n'));
  log(`built gold in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  await checkMartColumns(warehouse);
  const sideBySide = SIDE_BY_SIDE > 0 ? await compareSources(warehouse) : undefined;

  const server = spawn(
    process.execPath,
    [
      ...(process.env.PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []),
      '--import',
      TSX,
      join(REPO, 'src/cli/dev-entry.ts'),
      'serve',
      '--port',
      '0',
    ],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    server.stderr.on('data', (c: Buffer) => {
      seen += c.toString();
      const m = /hrflow serve: (http:\/\/\S+)/.exec(seen);
      if (m?.[1]) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`serve exited ${code}: ${seen}`)));
  });
  try {
    const phases = [];
    for (const users of USERS) {
      for (const mode of ['mix', 'days', 'months'] as const) {
        const before = loadavg();
        const result = await loadTest(url, mode, users);
        phases.push({ users, mode, load_average: [before, loadavg()], ...result });
        log(`${users} users, ${mode}: ${JSON.stringify(result).slice(0, 200)}`);
      }
    }
    const live = await liveTest(url, root);
    const report = {
      machine: `${cpus().length} cores, Node ${process.version}`,
      load_average_after: loadavg(),
      workers: WORKERS,
      applications: APPLICATIONS,
      seconds: SECONDS,
      side_by_side_ms: sideBySide,
      phases,
      live_ms: live,
    };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(root, { recursive: true, force: true });
  }
}

/** Requests numbered so far, over every phase. */
let requestsSent = 0;

/** The 1-minute load average, rounded. */
function loadavg(): number {
  return Math.round((osLoadavg()[0] ?? 0) * 100) / 100;
}

/**
 * `mix`: the dashboards' own requests. `days`: every request carries a different period end,
 * a day after the data, so each is a new query for the server (the cost of a cold read).
 * `months`: every request carries a different whole-month period over the data.
 */
async function loadTest(url: string, mode: 'mix' | 'days' | 'months', users: number) {
  const distinct = mode !== 'mix';
  const who = await signIn(url, 'hana', 'hana-bench-pass');
  const get = async (path: string): Promise<number> => {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { cookie: who.cookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: HTTP ${response.status}`);
    return performance.now() - started;
  };
  if (!distinct) for (const q of QUERIES) await get(q);

  const latencies: number[] = [];
  const perQuery = new Map<string, number[]>();
  const deadline = Date.now() + SECONDS * 1000;
  // Numbered across phases, so a later phase never repeats (and finds cached) an earlier one's
  // period.
  let next = requestsSent;
  await Promise.all(
    Array.from({ length: users }, async () => {
      while (Date.now() < deadline) {
        const n = next++;
        const q = QUERIES[n % QUERIES.length] ?? '';
        const ms = await get(
          mode === 'mix'
            ? q
            : `${q}&${mode === 'days' ? `to=${day(Date.UTC(2026, 0, 1) + n * 86_400_000)}` : wholeMonths(n)}`,
        );
        latencies.push(ms);
        perQuery.set(q, [...(perQuery.get(q) ?? []), ms]);
        requestsSent = Math.max(requestsSent, next);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const metrics = await (await fetch(`${url}/metrics`)).text();
  log(
    metrics
      .split('\n')
      .filter((l) => /cache_(hits|misses) /.test(l))
      .join('  '),
  );
  const pct = (xs: number[], p: number): number =>
    Math.round(xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0);
  const byQuery = Object.fromEntries(
    [...perQuery].map(([q, xs]) => {
      xs.sort((a, b) => a - b);
      return [q.replace('/api/datasets/', ''), { p50: pct(xs, 50), p95: pct(xs, 95) }];
    }),
  );
  return {
    requests: latencies.length,
    requests_per_s: Math.round(latencies.length / SECONDS),
    p50_ms: pct(latencies, 50),
    p95_ms: pct(latencies, 95),
    p99_ms: pct(latencies, 99),
    by_query: byQuery,
  };
}

async function liveTest(url: string, root: string): Promise<number[]> {
  const profile = mkdtempSync(join(tmpdir(), 'hrflow-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results: number[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${url}/`);
    await page.getByLabel('User name').fill('hana');
    await page.getByLabel('Password').fill('hana-bench-pass');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Attrition', exact: true }).click();
    const hires = page.locator('#attrition-kpis .kpi[data-measure="hires"] .value');
    await hires.waitFor();
    for (let round = 0; round < LIVE_ROUNDS; round++) {
      const before = await hires.innerText();
      appendFileSync(
        join(root, 'seeds/adjustments.csv'),
        `X${round}${Date.now()},New ${round},n${round}@example.com,900-00-0000,1990-01-01,1 Road,Sales,Sales 1,Berlin,Sales,L1,Woman,Asian,2025-06-0${1 + round},,,\n`,
      );
      let stderr = '';
      const code = await main(
        ['node', 'hrflow', 'build', '--select', 'adjustments+', '--project-dir', root],
        {
          stdout: () => undefined,
          stderr: (text) => (stderr += text),
          isTTY: false,
          cwd: root,
          env: {},
        },
      );
      const ended = Date.now();
      if (code !== 0 || !/running this there/.test(stderr)) throw new Error(`build: ${stderr}`);
      await expectChange(hires, before);
      results.push(Date.now() - ended);
      log(`live round ${round + 1}: ${results.at(-1)} ms`);
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}

async function expectChange(
  locator: { innerText(): Promise<string> },
  before: string,
): Promise<void> {
  const give = Date.now() + 30_000;
  while (Date.now() < give) {
    if ((await locator.innerText()) !== before) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('the page did not update within 30 s');
}

/** Fails unless each generated mart has exactly the columns the reference project documents. */
async function checkMartColumns(path: string): Promise<void> {
  const yaml = parse(readFileSync(join(REPO, 'models/gold/marts/_marts.yml'), 'utf8')) as {
    models: { name: string; columns: { name: string }[] }[];
  };
  const warehouse = await Warehouse.open({ path, catalog: 'hr_prod', readOnly: true });
  try {
    for (const model of yaml.models) {
      const built = await warehouse.withSession((s) =>
        s.query<{ c: string }>(
          `SELECT column_name AS c FROM information_schema.columns
           WHERE table_schema = 'gold' AND table_name = $1 ORDER BY ordinal_position`,
          [model.name],
        ),
      );
      const want = model.columns.map((c) => c.name).sort();
      const have = built.map((r) => r.c).sort();
      const rollup = model.name.startsWith('agg_');
      const same = rollup
        ? want.every((c) => have.includes(c))
        : JSON.stringify(want) === JSON.stringify(have);
      if (!same) {
        throw new Error(
          `gold.${model.name}: columns ${have.join(', ')}; documented ${want.join(', ')}`,
        );
      }
    }
  } finally {
    await warehouse.close();
  }
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The n-th whole-month period (`from` a first day, `to` a last day) over 2023–2026: every pair
 * of start and end months, so consecutive requests never share a period.
 */
function wholeMonths(n: number): string {
  const months = 48;
  let index = n % ((months * (months + 1)) / 2);
  let start = 0;
  while (index >= months - start) {
    index -= months - start;
    start += 1;
  }
  const end = start + index;
  const from = day(Date.UTC(2023, start, 1));
  const to = day(Date.UTC(2023, end + 1, 0));
  return `from=${from}&to=${to}`;
}

/**
 * Each dashboard request over a whole-month period, cold (no cache), read by the HR business
 * partner through the dataset layer from the base tables, from the per-person rollups only,
 * and with every rollup, alternating; medians in milliseconds.
 */
async function compareSources(path: string) {
  const db = await Warehouse.open({ path, catalog: 'hr_prod', readOnly: true });
  const pool = new SessionPool(db);
  try {
    const catalog = await pool.use((s) => TableCatalog.load(s, 'hr_prod', new Map()));
    // The same policies as the served config below declares for the partner.
    const policies: PolicySettings = {
      adminGroups: ['admin'],
      minGroupSize: 5,
      rowFilters: [
        {
          name: 'hrbp_business_units',
          groups: ['hrbp'],
          column: 'business_unit',
          op: 'in',
          attribute: 'business_units',
          exceptTables: [],
        },
      ],
      columnMasks: [
        {
          pii: ['ssn', 'dob', 'home_address', 'national_id', 'email', 'phone', 'name', 'other'],
          exceptGroups: [],
          allowAggregates: false,
        },
        { pii: ['eeo', 'compensation'], exceptGroups: [], allowAggregates: true },
      ],
    };
    const perPerson = new Set([
      'applications_daily',
      'application_stages_daily',
      'worker_months_narrow',
    ]);
    const services = {
      base: { datasets: DATASETS, rollups: false },
      per_person_rollups: {
        datasets: DATASETS.map((d) =>
          d.kind === 'aggregate'
            ? { ...d, rollups: (d.rollups ?? []).filter((r) => perPerson.has(r.table)) }
            : d,
        ),
        rollups: true,
      },
      all_rollups: { datasets: DATASETS, rollups: true },
    };
    const hana: User = {
      name: 'hana',
      groups: ['hrbp'],
      attributes: { business_units: ['Sales', 'Support'] },
      via: 'session',
    };
    const times: Record<string, Record<string, number[]>> = {};
    for (let round = 0; round < SIDE_BY_SIDE; round++) {
      for (const [i, q] of QUERIES.entries()) {
        const url = new URL(q, 'http://bench');
        const name = url.pathname.replace('/api/datasets/', '');
        const query = new URLSearchParams(url.search);
        // A different whole-month period in every round, so nothing is warm in DuckDB's sense.
        for (const [k, v] of new URLSearchParams(wholeMonths(500 + round * 13 + i))) {
          query.set(k, v);
        }
        for (const [label, options] of Object.entries(services)) {
          const service = new DatasetService({
            datasets: options.datasets,
            tables: resolveTables({}),
            policies,
            columnsOf: (table) => catalog.columns(table),
            typesOf: (table) => catalog.types(table),
            rollups: options.rollups,
            pool,
            audit: { record: () => undefined },
          });
          const started = performance.now();
          await service.read(hana, name, query, 'query');
          const key = `${name}?${url.searchParams.toString()}`;
          ((times[key] ??= {})[label] ??= []).push(performance.now() - started);
        }
      }
    }
    const median = (xs: number[]): number => {
      const sorted = [...xs].sort((a, b) => a - b);
      return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
    };
    const table = Object.fromEntries(
      Object.entries(times).map(([q, byLabel]) => [
        q,
        Object.fromEntries(Object.entries(byLabel).map(([l, xs]) => [l, median(xs)])),
      ]),
    );
    log(JSON.stringify(table, null, 2));
    return table;
  } finally {
    pool.close();
    await db.close();
  }
}

function config(hana: string, ada: string): string {
  return `name: bench
catalog: hr_prod
targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: 2
vars:
  min_group_size: 5
models:
  gold:
    +schema: gold
    +materialized: table
seeds:
  +schema: silver
serve:
  port: 0
  auth:
    users:
      - { name: hana, password_hash: "${hana}", groups: [hrbp], attributes: { business_units: [Sales, Support] } }
      - { name: ada, password_hash: "${ada}", groups: [admin] }
  policies:
    admin_groups: [admin]
    row_filters:
      - { name: hrbp_business_units, groups: [hrbp], filter: business_unit in user.attributes.business_units }
    column_masks:
      - { pii: [ssn, dob, home_address, national_id, email, phone, name, other] }
      - { pii: [eeo, compensation], allow_aggregates: true }
`;
}

await run();
