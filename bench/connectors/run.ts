/**
 * Connector benchmark (outside CI): `npm run bench:connectors`.
 *
 * Greenhouse: the shipped spec syncs candidates, applications and application stages from a
 * loopback Harvest server holding CANDIDATES candidates (3 applications each, 2 stages per
 * application) with LIMIT requests per WINDOW_MS. Reports records per second and request-rate
 * utilisation against the ceiling (limit × per_page / window), 429s after the first window,
 * and whether a run with 10 % 5xx and 429 storms lands the same bronze (row counts and digest).
 *
 * Workday: WORKERS workers paged by 100 and three child requests per worker through the
 * fan-out; reports the average number of requests in flight against the source's concurrency.
 *
 * Environment knobs: CANDIDATES (50000), LIMIT (50), WINDOW_MS (30000), WORKERS (5000),
 * CHILD_LATENCY_MS (20), SKIP_FAULTS, SKIP_WORKDAY.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { loadSourceSpec } from '../../src/connectors/spec/load-spec.js';
import type { SourceSpec } from '../../src/connectors/spec/source-spec.js';
import { syncSources } from '../../src/connectors/sync/sync-sources.js';
import type { SyncSummary } from '../../src/connectors/sync/sync-result.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { bronzeDigest } from '../../src/connectors/testing/bronze-digest.js';
import { startMiniHarvest } from '../../src/connectors/testing/mini-harvest.js';
import type { Faults } from '../../src/connectors/testing/mini-harvest.js';
import { startMiniWorkday } from '../../src/connectors/testing/mini-workday.js';

// npm runs scripts from the package root.
const root = process.cwd();
const CANDIDATES = Number(process.env.CANDIDATES ?? 50_000);
const LIMIT = Number(process.env.LIMIT ?? 50);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 30_000);
const WORKERS = Number(process.env.WORKERS ?? 5_000);
const CHILD_LATENCY_MS = Number(process.env.CHILD_LATENCY_MS ?? 20);
const TABLES = [
  'greenhouse_candidates',
  'greenhouse_applications',
  'greenhouse_application_stages',
];
const dir = mkdtempSync(join(tmpdir(), 'hrflow-bench-'));

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function greenhouse(name: string, faults: Faults) {
  const spec = loadSourceSpec(join(root, 'sources/greenhouse.yaml'));
  const api = await startMiniHarvest({
    candidates: CANDIDATES,
    limit: LIMIT,
    windowMs: WINDOW_MS,
    faults,
    seed: 42,
  });
  const warehouse = await Warehouse.open({
    path: join(dir, `${name}.duckdb`),
    catalog: 'hr_bench',
  });
  const started = Date.now();
  let summary: SyncSummary;
  try {
    summary = await syncSources({
      warehouse,
      specs: [spec],
      overrides: { greenhouse: { base_url: `${api.url}/v3`, token_url: `${api.url}/token` } },
      env: { GREENHOUSE_CLIENT_ID: 'bench-client', GREENHOUSE_CLIENT_SECRET: 'bench-secret' },
      select: ['greenhouse.candidates', 'greenhouse.applications', 'greenhouse.application_stages'],
    });
  } finally {
    await api.close();
  }
  const elapsedMs = Date.now() - started;
  // The ceiling counts from the server's first data request to the end of the sync.
  const activeMs = Date.now() - api.stats.firstRequestAt;
  const digests = await Promise.all(TABLES.map((t) => bronzeDigest(warehouse, t)));
  await warehouse.close();
  // Rows landed; the records read also include the id listings of reconciliation.
  const records = digests.reduce((n, d) => n + d.rows, 0);
  const recordsRead = summary.streams.reduce((n, s) => n + s.records, 0);
  const requests = api.stats.requests;
  const windows = activeMs / WINDOW_MS;
  const ceilingRequests = windows * LIMIT;
  const perPage = 500;
  return {
    name,
    failures: summary.failures,
    records,
    recordsRead,
    elapsedMs,
    recordsPerSecond: records / (elapsedMs / 1000),
    ceilingRecordsPerSecond: (LIMIT * perPage) / (WINDOW_MS / 1000),
    requestUtilisation: (requests - api.stats.rateLimited - api.stats.faults) / ceilingRequests,
    requests,
    rateLimited: api.stats.rateLimited,
    rateLimitedAfterFirstWindow: api.stats.rateLimitedAfterFirstWindow,
    injectedFaults: api.stats.faults,
    digests,
  };
}

async function workday() {
  const base = loadSourceSpec(join(root, 'sources/workday.yaml'));
  // The simulator's budget is generous so the fan-out, not the rate limit, is what is measured.
  const spec: SourceSpec = {
    ...base,
    rate_limit: { requests: 2_000, per: '1s', refill: 'continuous', spread: false },
  };
  const api = await startMiniWorkday({ workers: WORKERS, childLatencyMs: CHILD_LATENCY_MS });
  const warehouse = await Warehouse.open({
    path: join(dir, 'workday.duckdb'),
    catalog: 'hr_bench',
  });
  const started = Date.now();
  try {
    const summary = await syncSources({
      warehouse,
      specs: [spec],
      overrides: { workday: { base_url: api.url, tenant: 'bench' } },
      env: {
        WORKDAY_CLIENT_ID: 'wd-client',
        WORKDAY_CLIENT_SECRET: 'wd-secret',
        WORKDAY_REFRESH_TOKEN: 'wd-refresh',
      },
      select: [
        'workday.workers',
        'workday.worker_details',
        'workday.worker_service_dates',
        'workday.personal_information',
      ],
    });
    const concurrency = spec.concurrency ?? 4;
    return {
      failures: summary.failures,
      elapsedMs: Date.now() - started,
      childRequests: api.stats.childRequests,
      averageInFlight: api.stats.averageChildInFlight(),
      peakInFlight: api.stats.peakChildInFlight,
      concurrency,
      utilisation: api.stats.averageChildInFlight() / concurrency,
      streams: summary.streams.map((s) => `${s.stream}: ${s.status} ${s.records} records`),
    };
  } finally {
    await api.close();
    await warehouse.close();
  }
}

async function main(): Promise<void> {
  log(
    `machine: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`,
  );
  log(
    `greenhouse: ${CANDIDATES} candidates, ${CANDIDATES * 3} applications, ${CANDIDATES * 6} stages; limit ${LIMIT} per ${WINDOW_MS} ms`,
  );
  const clean = await greenhouse('clean', {});
  log(JSON.stringify(clean, null, 2));
  if (!process.env.SKIP_FAULTS) {
    const faulty = await greenhouse('faults', {
      serverErrors: 0.1,
      stormEvery: 97,
      stormLength: 3,
    });
    log(JSON.stringify(faulty, null, 2));
    log(
      `identical bronze with faults: ${JSON.stringify(faulty.digests) === JSON.stringify(clean.digests)}`,
    );
  }
  if (!process.env.SKIP_WORKDAY) log(JSON.stringify(await workday(), null, 2));
  rmSync(dir, { recursive: true, force: true });
}

await main();
