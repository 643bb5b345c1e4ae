/**
 * The entry point of a sync: resolve the selected sources, then run every selected stream, each
 * source with its own client, credential and rate-limit bucket, and report one result per
 * stream. Failures are data: a failed stream does not stop the others.
 */
import { randomBytes } from 'node:crypto';
import { systemClock } from '../../core/clock.js';
import type { Clock } from '../../core/clock.js';
import { HrflowError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import type { Logger } from '../../core/log.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { createAuth } from '../auth/create-auth.js';
import { createNodeTransport } from '../http/node-transport.js';
import type { Transport } from '../http/http-types.js';
import { SourceClient } from '../http/source-client.js';
import { Landing } from '../landing/landing.js';
import { silentReporter } from '../progress/sync-events.js';
import type { SyncReporter } from '../progress/sync-events.js';
import { createRateLimiter, RateLimiterRegistry } from '../rate-limit/rate-limiter.js';
import { exponentialBackoff } from '../retry/retry-policy.js';
import { resolveSource } from '../spec/resolve-source.js';
import type { Env, SourceOverrides } from '../spec/resolve-source.js';
import type { ResolvedSource, ResolvedStream, SourceStreamId } from '../spec/resolved-source.js';
import type { SourceSpec } from '../spec/source-spec.js';
import { Semaphore } from './semaphore.js';
import { iso, runStreamTree } from './stream-runner.js';
import type { RecordIds, StreamTree } from './stream-runner.js';
import type { StreamResult, SyncSummary } from './sync-result.js';

export interface SyncOptions {
  readonly warehouse: Warehouse;
  readonly specs: readonly SourceSpec[];
  /** Per-source parameter overrides from the target (`targets.<t>.sources`). */
  readonly overrides?: Readonly<Record<string, SourceOverrides>>;
  /** Where secrets are read from; `process.env` in the CLI. */
  readonly env?: Env;
  /** `greenhouse` (every enabled stream) or `greenhouse.candidates`; all sources when empty. */
  readonly select?: readonly string[];
  /** Ignore saved cursors and re-read everything (rows already landed are not duplicated). */
  readonly fullRefresh?: boolean;
  /**
   * Ids of the records a change named, by `source.stream` (`greenhouse.candidates: ['101']`):
   * selected streams whose `lookup` can use them read just those records; the others read
   * their usual pass.
   */
  readonly records?: Readonly<Record<string, readonly string[]>>;
  readonly reporter?: SyncReporter;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** Source of jitter; `Math.random` by default. */
  readonly random?: () => number;
  readonly transport?: Transport;
  readonly runId?: string;
  /** Records per commit. */
  readonly batchSize?: number;
  /** Shares rate-limit buckets across calls in one process (the server's scheduler). */
  readonly limiters?: RateLimiterRegistry;
}

/** Syncs the selected streams and returns one result per stream. */
export async function syncSources(options: SyncOptions): Promise<SyncSummary> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const reporter = options.reporter ?? silentReporter;
  const runId = options.runId ?? newRunId(clock.now());
  const plans = planSync(options.specs, options.select ?? []).map((plan) => ({
    ...plan,
    source: resolveSource(plan.spec, options.overrides?.[plan.spec.name] ?? {}, options.env ?? {}),
  }));
  const startedAt = clock.now();
  reporter.event({
    kind: 'run-start',
    runId,
    streams: plans.flatMap((p) => p.streams.map((s) => s.id)),
  });

  const transport =
    options.transport ??
    createNodeTransport({ maxSockets: Math.max(16, ...plans.map((p) => p.source.concurrency)) });
  const limiters = options.limiters ?? new RateLimiterRegistry();
  const landing = await Landing.open(options.warehouse, clock, logger, runId);
  let results: StreamResult[];
  try {
    const perSource = await Promise.all(
      plans.map(({ source, streams }) => {
        const selected = resolveSelected(source, streams);
        return syncSource({
          source,
          trees: treesOf(selected),
          transport,
          landing,
          limiters,
          clock,
          logger,
          reporter,
          runId,
          runStartedMs: startedAt,
          fullRefresh: options.fullRefresh ?? false,
          batchSize: options.batchSize ?? 5_000,
          random: options.random ?? Math.random,
          ...(options.records ? { records: recordIdsOf(source.name, options.records) } : {}),
        });
      }),
    );
    results = perSource.flat();
  } finally {
    await landing.close();
    if (!options.transport) transport.close?.();
  }
  const summary: SyncSummary = {
    runId,
    startedAt: iso(startedAt),
    finishedAt: iso(clock.now()),
    streams: results,
    failures: results.filter((r) => r.status === 'failed').length,
  };
  reporter.event({ kind: 'run-end', summary });
  return summary;
}

interface SourceRun {
  readonly source: ResolvedSource;
  readonly trees: readonly StreamTree[];
  readonly transport: Transport;
  readonly landing: Landing;
  readonly limiters: RateLimiterRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly reporter: SyncReporter;
  readonly runId: string;
  readonly runStartedMs: number;
  readonly fullRefresh: boolean;
  readonly batchSize: number;
  readonly random: () => number;
  readonly records?: RecordIds;
}

async function syncSource(run: SourceRun): Promise<StreamResult[]> {
  const { source, clock } = run;
  const limiter = run.limiters.get(`${source.name}:${source.credentialKey}`, () =>
    createRateLimiter(source.rateLimit, clock),
  );
  const client = new SourceClient({
    source,
    transport: run.transport,
    limiter,
    retry: exponentialBackoff(source.retry, run.random),
    clock,
    calls: run.landing,
    reporter: run.reporter,
    logger: run.logger,
  });
  client.useAuth(
    createAuth(source, {
      fetch: client.tokenFetcher(source.auth.envNames),
      clock,
      store: run.landing.credentialStore(),
    }),
  );
  const deps = { ...run, client };
  if (run.records) {
    // A change's records are few: the streams run one after another, each after the streams
    // it is looked up by, so the ids one lands feed the next.
    const results: StreamResult[] = [];
    for (const tree of lookupOrder(run.trees)) results.push(...(await runStreamTree(deps, tree)));
    return results;
  }
  const slots = new Semaphore(source.streamConcurrency);
  const results = await Promise.all(
    run.trees.map((tree) => slots.run(() => runStreamTree(deps, tree))),
  );
  return results.flat();
}

interface SourcePlan {
  readonly spec: SourceSpec;
  /** Stream names selected by the user, before ancestors are added. */
  readonly streams: readonly {
    readonly id: SourceStreamId;
    readonly name: string;
    readonly explicit: boolean;
  }[];
}

/**
 * Parses selectors into the streams to run. `source` selects its enabled streams; `source.stream`
 * selects that stream even when disabled. Unknown names are usage errors listing what exists.
 */
export function planSync(specs: readonly SourceSpec[], select: readonly string[]): SourcePlan[] {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const chosen = new Map<string, Map<string, boolean>>();
  const want = (source: string, stream: string, explicit: boolean): void => {
    const streams = chosen.get(source) ?? new Map<string, boolean>();
    streams.set(stream, (streams.get(stream) ?? false) || explicit);
    chosen.set(source, streams);
  };
  const selectors = select.length > 0 ? select : specs.map((s) => s.name);
  for (const selector of selectors) {
    const [sourceName = '', streamName, extra] = selector.split('.');
    const spec = byName.get(sourceName);
    if (!spec || extra !== undefined) {
      throw new HrflowError(
        'selector-invalid',
        `no source named '${sourceName}' (from '${selector}')`,
        {
          hint: `Select a source (${[...byName.keys()].join(', ') || 'none defined'}) or source.stream.`,
        },
      );
    }
    if (streamName === undefined) {
      for (const name of Object.keys(spec.streams)) want(spec.name, name, false);
      continue;
    }
    if (!spec.streams[streamName]) {
      throw new HrflowError(
        'selector-invalid',
        `source '${spec.name}' has no stream '${streamName}'`,
        {
          hint: `Streams of ${spec.name}: ${Object.keys(spec.streams).join(', ')}.`,
        },
      );
    }
    want(spec.name, streamName, true);
  }
  return [...chosen].map(([name, streams]) => ({
    spec: byName.get(name) as SourceSpec,
    streams: [...streams].map(([stream, explicit]) => ({
      id: `${name}.${stream}` as SourceStreamId,
      name: stream,
      explicit,
    })),
  }));
}

/** The resolved streams to run: the selection without disabled streams, plus ancestors. */
function resolveSelected(source: ResolvedSource, picked: SourcePlan['streams']): ResolvedStream[] {
  const byName = new Map(source.streams.map((s) => [s.name, s]));
  const keep = new Set<string>();
  for (const p of picked) {
    const stream = byName.get(p.name);
    if (!stream || (!stream.enabled && !p.explicit)) continue;
    for (
      let cur: ResolvedStream | undefined = stream;
      cur;
      cur = cur.parent && byName.get(cur.parent.stream)
    ) {
      keep.add(cur.name);
    }
  }
  return source.streams.filter((s) => keep.has(s.name));
}

function treesOf(streams: readonly ResolvedStream[]): StreamTree[] {
  const build = (stream: ResolvedStream): StreamTree => ({
    stream,
    children: streams.filter((s) => s.parent?.stream === stream.name).map(build),
  });
  return streams.filter((s) => !s.parent).map(build);
}

/** The ids named for one source's streams, by stream name. */
function recordIdsOf(
  sourceName: string,
  records: Readonly<Record<string, readonly string[]>>,
): RecordIds {
  const ids: RecordIds = new Map();
  for (const [key, values] of Object.entries(records)) {
    const [source, stream] = key.split('.');
    if (source !== sourceName || stream === undefined) continue;
    ids.set(stream, new Set([...(ids.get(stream) ?? []), ...values]));
  }
  return ids;
}

/** Trees ordered so a stream comes after the streams its lookup names; a cycle keeps its order. */
export function lookupOrder(trees: readonly StreamTree[]): StreamTree[] {
  const pending = [...trees];
  const ordered: StreamTree[] = [];
  while (pending.length > 0) {
    const waitingOn = (tree: StreamTree): boolean =>
      (tree.stream.lookup?.by ?? []).some(
        (b) => b.stream !== tree.stream.name && pending.some((p) => p.stream.name === b.stream),
      );
    const index = pending.findIndex((tree) => !waitingOn(tree));
    const [next] = pending.splice(index === -1 ? 0 : index, 1);
    if (next) ordered.push(next);
  }
  return ordered;
}

function newRunId(nowMs: number): string {
  return `sync-${iso(nowMs).replace(/[-:]/g, '')}-${randomBytes(3).toString('hex')}`;
}
