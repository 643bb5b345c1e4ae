/**
 * Connector benchmark (outside CI): `npm run bench:connectors`.
 *
 * Both syncs read from the project sandbox (`startSandbox`) over loopback HTTP, with the shipped
 * specs. The sandbox runs in the same Node process as the sync, so they share the two cores.
 *
 * Greenhouse: candidates, applications and application stages of a company with CANDIDATES
 * candidates and APPLICATIONS_PER_CANDIDATE applications each, under the sandbox's fixed-window
 * limit of LIMIT requests per WINDOW_MS (the spec's bucket is set to the same). Reports rows
 * landed per second, request-rate utilisation against the ceiling (limit × per_page / window),
 * 429s after the first window, and whether a run with 10 % 5xx and 429 storms injected by the
 * sandbox lands the same bronze (row counts and digest). The fault run reads its own sandbox
 * serving the same company, side by side with the clean run.
 *
 * Workday: workers (paged by 100) and three child requests per worker through the fan-out,
 * with CHILD_LATENCY_MS of sandbox latency (±50 %) on every request; reports the average number
 * of child requests on the wire against the source's concurrency.
 *
 * Environment knobs: CANDIDATES (50000), APPLICATIONS_PER_CANDIDATE (3), LIMIT (50),
 * WINDOW_MS (30000), EMPLOYEES (3600), HISTORY_YEARS (2), CHILD_LATENCY_MS (20), SKIP_FAULTS,
 * SKIP_GREENHOUSE, SKIP_WORKDAY.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { createNodeTransport } from '../../src/connectors/http/node-transport.js';
import { loadSourceSpec } from '../../src/connectors/spec/load-spec.js';
import type { SourceSpec } from '../../src/connectors/spec/source-spec.js';
import { syncSources } from '../../src/connectors/sync/sync-sources.js';
import { bronzeDigest } from '../../src/connectors/testing/bronze-digest.js';
import { generateCompany } from '../../src/sandbox/company/generate.js';
import type { World } from '../../src/sandbox/company/generate.js';
import { sandboxEnvironment, startSandbox } from '../../src/sandbox/index.js';
import type { FaultSettings } from '../../src/sandbox/index.js';
import { Warehouse } from '../../src/warehouse/warehouse.js';
import { countingTransport } from './counting-transport.js';

// npm runs scripts from the package root.
const root = process.cwd();
const CANDIDATES = Number(process.env.CANDIDATES ?? 50_000);
const APPLICATIONS_PER_CANDIDATE = Number(process.env.APPLICATIONS_PER_CANDIDATE ?? 3);
const LIMIT = Number(process.env.LIMIT ?? 50);
const WINDOW_MS = Number(process.env.WINDOW_MS ?? 30_000);
const EMPLOYEES = Number(process.env.EMPLOYEES ?? 3_600);
const HISTORY_YEARS = Number(process.env.HISTORY_YEARS ?? 2);
const CHILD_LATENCY_MS = Number(process.env.CHILD_LATENCY_MS ?? 20);
const PER_PAGE = 500;
const SEED = 42;
const STREAMS = ['candidates', 'applications', 'application_stages'];
const dir = mkdtempSync(join(tmpdir(), 'hrflow-bench-'));

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function machine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}, load average ${load}`;
}

async function greenhouse(name: string, world: World, faults: FaultSettings) {
  const sandbox = await startSandbox({
    world,
    greenhouse: { rateLimit: { limit: LIMIT, windowSeconds: WINDOW_MS / 1000 }, faults },
    workday: { throttle: false },
  });
  const transport = countingTransport(createNodeTransport({ maxSockets: 16 }), {
    isToken: (r) => r.url === sandbox.greenhouse.tokenUrl,
    track: () => true,
    windowMs: WINDOW_MS,
  });
  const warehouse = await Warehouse.open({
    path: join(dir, `${name}.duckdb`),
    catalog: 'hr_bench',
  });
  const started = performance.now();
  try {
    const summary = await syncSources({
      warehouse,
      specs: [loadSourceSpec(join(root, 'sources/greenhouse.yaml'))],
      transport,
      overrides: {
        greenhouse: {
          base_url: sandbox.greenhouse.baseUrl,
          token_url: sandbox.greenhouse.tokenUrl,
          rate_limit_requests: LIMIT,
          rate_limit_per: `${WINDOW_MS}ms`,
        },
      },
      env: sandboxEnvironment(sandbox),
      select: STREAMS.map((s) => `greenhouse.${s}`),
    });
    const elapsedMs = performance.now() - started;
    const wire = transport.stats();
    const injected = sandbox.faultStats().greenhouse;
    const digests = Object.fromEntries(
      await Promise.all(
        STREAMS.map(async (s) => [s, await bronzeDigest(warehouse, `greenhouse_${s}`)] as const),
      ),
    );
    const rows = Object.values(digests).reduce((n, d) => n + d.rows, 0);
    const succeeded = wire.byStatus[200] ?? 0;
    return {
      name,
      failures: summary.failures,
      streams: summary.streams.map((s) => `${s.stream}: ${s.status} ${s.records} records`),
      rows,
      elapsedMs: Math.round(elapsedMs),
      rowsPerSecond: Math.round(rows / (elapsedMs / 1000)),
      ceilingRecordsPerSecond: Math.round((LIMIT * PER_PAGE) / (WINDOW_MS / 1000)),
      requests: wire.requests,
      byStatus: wire.byStatus,
      // Successful data requests against limit × active time / window; the first and last
      // windows are partial, so a sync that spends their whole budget can pass 100 %.
      requestUtilisation: succeeded / ((LIMIT * wire.activeMs) / WINDOW_MS),
      // The stricter measure: against the whole budget of every fixed window touched.
      windowsTouched: wire.windowsTouched,
      budgetUtilisation: succeeded / (LIMIT * wire.windowsTouched),
      rateLimitedAfterFirstWindow: wire.rateLimitedAfterFirstWindow,
      // 429s the sandbox's own budget sent (the rest were injected storms).
      overBudget: (wire.byStatus[429] ?? 0) - injected.tooManyRequests,
      injected: {
        serverErrors: injected.serverErrors,
        tooManyRequests: injected.tooManyRequests,
        storms: injected.storms,
      },
      digests,
    };
  } finally {
    await warehouse.close();
    transport.close?.();
    await sandbox.close();
  }
}

async function workday() {
  const base = loadSourceSpec(join(root, 'sources/workday.yaml'));
  // The budget is generous on both sides so the fan-out, not a rate limit, is what is measured.
  const spec: SourceSpec = {
    ...base,
    rate_limit: { requests: 2_000, per: '1s', refill: 'continuous', spread: false },
  };
  const sandbox = await startSandbox({
    seed: SEED,
    employees: EMPLOYEES,
    candidates: 100,
    historyYears: HISTORY_YEARS,
    workday: { throttle: false, faults: { latencyMs: CHILD_LATENCY_MS } },
  });
  const child = /\/workers\/[0-9a-f]{32}|\/people\//;
  const transport = countingTransport(createNodeTransport({ maxSockets: 16 }), {
    isToken: (r) => r.url === sandbox.workday.tokenUrl,
    track: (r) => child.test(r.url),
    windowMs: 1_000,
  });
  const warehouse = await Warehouse.open({
    path: join(dir, 'workday.duckdb'),
    catalog: 'hr_bench',
  });
  const started = performance.now();
  try {
    const summary = await syncSources({
      warehouse,
      specs: [spec],
      transport,
      overrides: {
        workday: {
          base_url: sandbox.workday.baseUrl,
          tenant: sandbox.workday.tenant,
          report_owner: sandbox.workday.reportOwner,
        },
      },
      env: sandboxEnvironment(sandbox),
      select: [
        'workday.workers',
        'workday.worker_details',
        'workday.worker_service_dates',
        'workday.personal_information',
      ],
    });
    const wire = transport.stats();
    const concurrency = spec.concurrency ?? 4;
    return {
      failures: summary.failures,
      elapsedMs: Math.round(performance.now() - started),
      workers: summary.streams.find((s) => s.stream === 'workday.workers')?.records,
      childRequests: wire.tracked,
      averageInFlight: wire.averageInFlight,
      peakInFlight: wire.peakInFlight,
      concurrency,
      utilisation: wire.averageInFlight / concurrency,
      streams: summary.streams.map((s) => `${s.stream}: ${s.status} ${s.records} records`),
    };
  } finally {
    await warehouse.close();
    transport.close?.();
    await sandbox.close();
  }
}

async function main(): Promise<void> {
  log(`machine: ${machine()}`);
  if (!process.env.SKIP_WORKDAY) {
    log(`workday: ${EMPLOYEES} employees, ${HISTORY_YEARS} years of history`);
    log(JSON.stringify(await workday(), null, 2));
    log(`machine after workday: ${machine()}`);
  }
  if (!process.env.SKIP_GREENHOUSE) {
    const generated = performance.now();
    const world = generateCompany({
      seed: SEED,
      employees: 500,
      candidates: CANDIDATES,
      applicationsPerCandidate: APPLICATIONS_PER_CANDIDATE,
    });
    log(
      `greenhouse: ${CANDIDATES} candidates, ${APPLICATIONS_PER_CANDIDATE} applications each (generated in ${Math.round(performance.now() - generated)} ms); limit ${LIMIT} per ${WINDOW_MS} ms`,
    );
    const runs = await Promise.all([
      greenhouse('clean', world, {}),
      ...(process.env.SKIP_FAULTS
        ? []
        : [
            greenhouse('faults', world, {
              serverErrorRate: 0.1,
              rateLimitStorm: { probability: 0.02, durationSeconds: 2, retryAfterSeconds: 1 },
            }),
          ]),
    ]);
    for (const run of runs) log(JSON.stringify(run, null, 2));
    const [clean, faulty] = runs;
    if (clean && faulty) {
      log(
        `identical bronze with faults: ${JSON.stringify(faulty.digests) === JSON.stringify(clean.digests)}`,
      );
    }
    log(`machine after greenhouse: ${machine()}`);
  }
  rmSync(dir, { recursive: true, force: true });
}

await main();
