/**
 * The shipped source specs syncing from an in-process sandbox over loopback HTTP, for the
 * integration suites. Only what makes a suite take seconds is changed: smaller pages (so paging
 * is exercised on a small company), short retry delays, and API allowances raised on both sides.
 * Everything else (paths, parameters, auth, pagination styles, schemas) is the shipped spec.
 */
import { join } from 'node:path';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { startSandbox, sandboxEnvironment } from '../../sandbox/index.js';
import type { AdvanceResult, Sandbox, SandboxOptions } from '../../sandbox/index.js';
import { quoteIdent, Warehouse } from '../../warehouse/warehouse.js';
import { loadSourceSpec } from '../spec/load-spec.js';
import type { SourceOverrides } from '../spec/resolve-source.js';
import type { SourceSpec } from '../spec/source-spec.js';
import { syncSources } from '../sync/sync-sources.js';
import type { SyncOptions } from '../sync/sync-sources.js';
import type { SyncSummary } from '../sync/sync-result.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

/** One stream of every style: cursor and offset paging, reconcile, fan-out, RaaS, SOAP. */
export const FAULT_STREAMS = [
  'greenhouse.candidates',
  'greenhouse.applications',
  'greenhouse.application_stages',
  'greenhouse.users',
  'workday.workers',
  'workday.worker_details',
  'workday.worker_service_dates',
  'workday.personal_information',
  'workday.headcount_snapshot',
  'workday.workers_soap',
];
/** Requests per second both sides allow in the suites. */
const TEST_ALLOWANCE = 2_000;

export interface TestSpecOptions {
  /** Greenhouse `per_page` (shipped: 500). */
  readonly greenhousePageSize?: number;
  /** Workday REST `limit` (shipped: 100). */
  readonly workdayLimit?: number;
  /** SOAP `Count` (shipped: 100). */
  readonly soapCount?: number;
  /** Replaces SOAP's daily full read, for tests of the incremental window itself. */
  readonly soapFullRefreshEvery?: string;
}

/** The shipped `sources/greenhouse.yaml` and `sources/workday.yaml`, with test-sized pages. */
export function testSpecs(options: TestSpecOptions = {}): SourceSpec[] {
  const greenhouse = loadSourceSpec(join(ROOT, 'sources/greenhouse.yaml'));
  const workday = loadSourceSpec(join(ROOT, 'sources/workday.yaml'));
  const retry = {
    max_attempts: 12,
    base_delay: '10ms',
    max_delay: '200ms',
    max_total_delay: '1m',
    timeout: '10s',
  };
  const soap = workday.streams.workers_soap;
  return [
    {
      ...greenhouse,
      retry,
      defaults: {
        ...greenhouse.defaults,
        pagination: {
          kind: 'link_header',
          page_size_param: 'per_page',
          page_size: options.greenhousePageSize ?? 100,
        },
      },
    },
    {
      ...workday,
      retry,
      defaults: {
        ...workday.defaults,
        pagination: {
          kind: 'offset_limit',
          limit: options.workdayLimit ?? 25,
          total_path: 'total',
        },
      },
      streams: {
        ...workday.streams,
        ...(soap?.pagination?.kind === 'page_number' && soap.incremental
          ? {
              workers_soap: {
                ...soap,
                pagination: { ...soap.pagination, page_size: options.soapCount ?? 40 },
                incremental: {
                  ...soap.incremental,
                  ...(options.soapFullRefreshEvery
                    ? { full_refresh_every: options.soapFullRefreshEvery }
                    : {}),
                },
              },
            }
          : {}),
      },
    },
  ];
}

/**
 * A sandbox and the one clock it and the connectors share. The clock starts at the company's
 * `asOf` and jumps with every {@link advance}, so incremental windows, token lifetimes and
 * rate-limit resets all agree, as they do between a real client and a real vendor.
 */
export interface TestSandbox {
  readonly sandbox: Sandbox;
  readonly clock: ShiftedClock;
  /** Advances the company and the shared clock by the same days. */
  advance(days: number): Promise<AdvanceResult>;
  close(): Promise<void>;
}

/** The wall clock moved by an offset, which only grows. */
export class ShiftedClock implements Clock {
  #offsetMs: number;

  constructor(startMs: number) {
    this.#offsetMs = startMs - Date.now();
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return systemClock.sleep(ms, signal);
  }

  shift(ms: number): void {
    this.#offsetMs += ms;
  }
}

const AS_OF = '2026-06-30T12:00:00Z';

/** A small company whose allowances keep a suite fast; the connector still reads every limit header. */
export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const clock = new ShiftedClock(Date.parse(String(options.asOf ?? AS_OF)));
  const sandbox = await startSandbox({
    seed: 11,
    employees: 60,
    candidates: 300,
    asOf: AS_OF,
    ...options,
    clock,
    greenhouse: {
      rateLimit: { limit: TEST_ALLOWANCE * 30, windowSeconds: 30 },
      webhookRetryDelaysMs: [10, 10],
      ...options.greenhouse,
    },
    workday: {
      throttle: { capacity: TEST_ALLOWANCE * 10, refillPerSecond: TEST_ALLOWANCE },
      ...options.workday,
    },
  });
  return {
    sandbox,
    clock,
    advance: async (days) => {
      const result = await sandbox.advance(days);
      clock.shift(Date.parse(result.to) - Date.parse(result.from));
      return result;
    },
    close: () => sandbox.close(),
  };
}

/** Target overrides pointing both specs at the sandbox, with matching allowances. */
export function sandboxOverrides(
  sandbox: Sandbox,
  extra: Readonly<Record<string, SourceOverrides>> = {},
): Record<string, SourceOverrides> {
  return {
    greenhouse: {
      base_url: sandbox.greenhouse.baseUrl,
      token_url: sandbox.greenhouse.tokenUrl,
      rate_limit_requests: TEST_ALLOWANCE * 30,
      rate_limit_per: '30s',
      ...extra.greenhouse,
    },
    workday: {
      base_url: sandbox.workday.baseUrl,
      tenant: sandbox.workday.tenant,
      report_owner: sandbox.workday.reportOwner,
      rate_limit_requests: TEST_ALLOWANCE,
      rate_limit_per: '1s',
      ...extra.workday,
    },
  };
}

export type SandboxSyncOptions = Partial<Omit<SyncOptions, 'warehouse' | 'overrides'>> & {
  readonly overrides?: Readonly<Record<string, SourceOverrides>>;
  readonly specOptions?: TestSpecOptions;
};

/** Syncs the shipped specs from the sandbox on the clock they share. */
export function syncFromSandbox(
  test: TestSandbox,
  warehouse: Warehouse,
  options: SandboxSyncOptions = {},
): Promise<SyncSummary> {
  const { overrides, specOptions, ...rest } = options;
  const sandbox = test.sandbox;
  return syncSources({
    specs: testSpecs(specOptions),
    env: sandboxEnvironment(sandbox),
    clock: test.clock,
    batchSize: 200,
    ...rest,
    warehouse,
    overrides: sandboxOverrides(sandbox, overrides),
  });
}

/** The latest row of each id in a bronze table. */
export interface BronzeLatest {
  readonly payload: unknown;
  readonly payloadHash: string | null;
  readonly isDeleted: boolean;
  readonly effectiveDate: string | null;
  readonly enteredAt: string | null;
}

export async function latestRows(
  warehouse: Warehouse,
  table: string,
): Promise<Map<string, BronzeLatest>> {
  const rows = await warehouse.withSession((s) =>
    s.query<{
      source_id: string;
      payload: string | null;
      payload_hash: string | null;
      is_deleted: boolean;
      effective_date: string | null;
      entered_at: string | null;
    }>(
      `SELECT source_id, payload::VARCHAR AS payload, payload_hash, is_deleted,
              effective_date::VARCHAR AS effective_date, entered_at::VARCHAR AS entered_at
       FROM bronze.${quoteIdent(table)}
       QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY load_seq DESC) = 1`,
    ),
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      {
        payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
        payloadHash: r.payload_hash,
        isDeleted: r.is_deleted,
        effectiveDate: r.effective_date,
        enteredAt: r.entered_at,
      },
    ]),
  );
}

/** How many `(source_id, effective_date, payload_hash)` of a bronze table landed more than once. */
export async function duplicateRows(warehouse: Warehouse, table: string): Promise<number> {
  const count = await warehouse.withSession((s) =>
    s.scalar<bigint | number>(
      `SELECT count(*) FROM (
         SELECT source_id, effective_date, payload_hash FROM bronze.${quoteIdent(table)}
         WHERE NOT is_deleted GROUP BY ALL HAVING count(*) > 1)`,
    ),
  );
  return Number(count ?? 0);
}

export { sandboxEnvironment };

/**
 * Syncs into a new warehouse file and reads what `inspect` wants before closing it; the file
 * stays for later comparisons.
 */
export async function syncIntoNew<T>(
  test: TestSandbox,
  path: string,
  options: SandboxSyncOptions,
  inspect: (warehouse: Warehouse, summary: SyncSummary) => Promise<T>,
): Promise<T> {
  const warehouse = await Warehouse.open({ path, catalog: 'hr_test' });
  try {
    return await inspect(warehouse, await syncFromSandbox(test, warehouse, options));
  } finally {
    await warehouse.close();
  }
}
