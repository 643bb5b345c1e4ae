/**
 * The reference project against a sandbox that lives as long as the caller wants, so the company
 * can move between builds: a throwaway copy of the project whose default target reads bronze as
 * it is (no sandbox of its own), and a sync into that copy's warehouse from the caller's sandbox.
 * The model benchmark and the incremental end-to-end test both work this way: sync, build, let
 * the company advance, sync the next window, build again.
 */
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { systemClock } from '../core/clock.js';
import type { Clock } from '../core/clock.js';
import { loadSourceSpecs } from '../connectors/spec/load-spec.js';
import type { SourceOverrides } from '../connectors/spec/resolve-source.js';
import { syncSources } from '../connectors/sync/sync-sources.js';
import type { SyncSummary } from '../connectors/sync/sync-result.js';
import type { Sandbox } from '../sandbox/index.js';
import { Warehouse } from '../warehouse/warehouse.js';

/** The project entries copied from the repository root. */
const PROJECT_ENTRIES = ['sources', 'models', 'macros', 'seeds', 'snapshots', 'tests', 'schemas'];

/**
 * API allowances for a sandbox sync. The shipped specs keep the vendors' real limits (Harvest 50
 * requests per 30 s window, Workday 10 per second); the sandbox is raised to match, so a large
 * company syncs in minutes rather than hours. This is a benchmark shortcut, not a vendor fact.
 */
export const SANDBOX_ALLOWANCE = {
  greenhouseRequestsPer30s: 5_000,
  workdayRequestsPerSecond: 1_000,
  workdayConcurrency: 16,
} as const;

/**
 * Real time shifted onto the sandbox's calendar, shared by the sandbox (tokens, rate-limit
 * windows) and the sync (incremental windows end at the sync's start, so the company's newest
 * records must not lie after it, nor, after an advance, before the previous window's end).
 */
export class SandboxClock implements Clock {
  #offset: number;

  constructor(startMs: number) {
    this.#offset = Date.now() - startMs;
  }

  now(): number {
    return Date.now() - this.#offset;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }

  /** Jumps to `ms` (after the company was advanced). */
  moveTo(ms: number): void {
    this.#offset = Date.now() - ms;
  }
}

/** UTC midnight before today: a sandbox as of then can advance a day without passing the clock. */
export function yesterdayUtc(nowMs = Date.now()): Date {
  return new Date(Math.floor(nowMs / 86_400_000) * 86_400_000 - 86_400_000);
}

/**
 * Copies the reference project at `repositoryRoot` into `dir` with a default target `bench`
 * that has no sandbox: `hrflow run --no-sync` there builds on whatever bronze holds.
 */
export function writeSandboxProject(
  dir: string,
  repositoryRoot: string,
  threads = 2,
  memoryLimit?: string,
): void {
  for (const entry of PROJECT_ENTRIES) {
    if (existsSync(join(repositoryRoot, entry))) {
      cpSync(join(repositoryRoot, entry), join(dir, entry), { recursive: true });
    }
  }
  const config = readFileSync(join(repositoryRoot, 'hrflow.config.yaml'), 'utf8').replace(
    /^default_target: .*$/m,
    'default_target: bench',
  );
  const target = `
  # Bronze is synced from a sandbox the caller runs; this target only builds.
  bench:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: ${threads}
${memoryLimit === undefined ? '' : `    memory_limit: ${memoryLimit}\n`}`;
  writeFileSync(
    join(dir, 'hrflow.config.yaml'),
    config.replace(/^targets:\n/m, `targets:${target}`),
  );
}

/** Source parameters pointing the shipped specs at `sandbox`, with {@link SANDBOX_ALLOWANCE}. */
export function sandboxOverrides(sandbox: Sandbox): Record<string, SourceOverrides> {
  return {
    greenhouse: {
      base_url: sandbox.greenhouse.baseUrl,
      token_url: sandbox.greenhouse.tokenUrl,
      rate_limit_requests: SANDBOX_ALLOWANCE.greenhouseRequestsPer30s,
      rate_limit_per: '30s',
    },
    workday: {
      base_url: sandbox.workday.baseUrl,
      tenant: sandbox.workday.tenant,
      report_owner: sandbox.workday.reportOwner,
      rate_limit_requests: SANDBOX_ALLOWANCE.workdayRequestsPerSecond,
      rate_limit_per: '1s',
      concurrency: SANDBOX_ALLOWANCE.workdayConcurrency,
    },
  };
}

/**
 * Syncs every stream of the project in `dir` from `sandbox` into its warehouse, in this process,
 * on `clock`; the silver and gold schemas are made as well (two nodes creating one schema at
 * once on a fresh warehouse can conflict in DuckDB's catalog).
 */
export async function syncProjectFromSandbox(
  dir: string,
  sandbox: Sandbox,
  clock: Clock,
): Promise<SyncSummary> {
  const warehouse = await Warehouse.open({
    path: join(dir, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
  });
  try {
    const summary = await syncSources({
      warehouse,
      specs: loadSourceSpecs(join(dir, 'sources'), dir),
      overrides: sandboxOverrides(sandbox),
      env: { ...process.env, ...sandbox.credentials },
      clock,
    });
    await warehouse.withSession((s) =>
      s.run('CREATE SCHEMA IF NOT EXISTS silver; CREATE SCHEMA IF NOT EXISTS gold'),
    );
    return summary;
  } finally {
    await warehouse.close();
  }
}

/** `--vars` for a build on the sandbox's calendar: the reporting date is the company's today. */
export function sandboxVars(sandbox: Sandbox): string {
  const now = sandbox.now().toISOString();
  return JSON.stringify({
    as_of_date: now.slice(0, 10),
    as_of_timestamp: now.slice(0, 19).replace('T', ' '),
  });
}
