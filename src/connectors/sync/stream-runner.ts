/**
 * Running streams. A top-level stream reads one pass (an incremental window, or everything),
 * lands records in batches, and commits its new state with the last batch. Each record it
 * lands is handed to its child streams, whose workers (at most `parent.concurrency` at once)
 * read the child endpoint for that parent record. Incremental streams with `reconcile` list
 * every id afterwards and tombstone the ones that disappeared. Given the ids a change named, a
 * stream with a `lookup` reads just those records instead, leaving its cursor alone.
 */
import type { Clock } from '../../core/clock.js';
import { HrflowError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { redactor } from '../../core/redact.js';
import type { RequestStats, SourceClient } from '../http/source-client.js';
import { HttpStatusError, stripQuery } from '../http/http-errors.js';
import type { Landing, LandingOutcome, StreamLanding, StreamState } from '../landing/landing.js';
import { startPagination } from '../pagination/pagination.js';
import type { PageRequest } from '../pagination/pagination.js';
import type { StreamMode, SyncReporter } from '../progress/sync-events.js';
import { scalarText, selectRecords, valueAtPath } from '../records/record-selector.js';
import { createRecordValidator } from '../records/record-validator.js';
import type { RecordValidator } from '../records/record-validator.js';
import type { ResolvedSource, ResolvedStream } from '../spec/resolved-source.js';
import { parseTemplate, templateNames } from '../spec/template.js';
import type { Template } from '../spec/template.js';
import { canonicalJson } from '../records/canonical-json.js';
import { AsyncQueue } from './async-queue.js';
import { buildRecord } from './record-builder.js';
import { buildRequest } from './request-builder.js';
import type { Lookup } from './request-builder.js';
import type { StreamResult } from './sync-result.js';

export interface RunnerDeps {
  readonly source: ResolvedSource;
  readonly client: SourceClient;
  readonly landing: StreamLanding;
  readonly clock: Clock;
  readonly reporter: SyncReporter;
  readonly logger: Logger;
  readonly runId: string;
  /** Fixed when the run starts: the upper bound of every incremental window. */
  readonly runStartedMs: number;
  readonly fullRefresh: boolean;
  /** Records per commit. */
  readonly batchSize: number;
  /**
   * Ids of records to read, by stream name, for streams with a `lookup`. Targeted reads add the
   * ids of what they land, so `applications` read by candidate id feeds `application_stages`.
   */
  readonly records?: RecordIds;
}

/** Record ids by stream name; filled in as targeted reads land records. */
export type RecordIds = Map<string, Set<string>>;

/** A selected stream and the selected streams that fan out from it. */
export interface StreamTree {
  readonly stream: ResolvedStream;
  readonly children: readonly StreamTree[];
}

/** Runs a top-level stream and its descendants; resolves to one result per stream. */
export async function runStreamTree(deps: RunnerDeps, tree: StreamTree): Promise<StreamResult[]> {
  const children = tree.children.map((child) => startChild(deps, child));
  const own = await runTopLevel(deps, tree.stream, children);
  const childResults = await Promise.all(children.map((c) => c.done));
  return [own, ...childResults.flat()];
}

interface ChildHandle {
  readonly queue: AsyncQueue<unknown>;
  readonly done: Promise<StreamResult[]>;
}

async function runTopLevel(
  deps: RunnerDeps,
  stream: ResolvedStream,
  children: readonly ChildHandle[],
): Promise<StreamResult> {
  const lookups = deps.records ? lookupRequests(stream, deps.records) : [];
  if (lookups.length > 0) return runTargeted(deps, stream, children, lookups);
  const progress = new StreamProgress(deps, stream);
  let window: { start: string; end: string } | undefined;
  let mode: StreamMode = stream.incremental ? 'incremental' : 'full_refresh';
  try {
    await deps.landing.ensureStream(stream);
    const state = await deps.landing.loadState(stream);
    const plan = planPass(deps, stream, state);
    mode = plan.mode;
    window = plan.window;
    deps.reporter.event({
      kind: 'stream-start',
      stream: stream.id,
      mode,
      ...(window ? { window } : {}),
    });

    // An id listing finds nothing to tombstone in a table this run fills for the first time,
    // and costs as many requests as the read itself, so a first sync skips it.
    const reconcileNow =
      stream.reconcile !== undefined && plan.reconcileDue && (await deps.landing.hasRows(stream));
    const nextState =
      stream.reconcile && plan.reconcileDue && !reconcileNow
        ? { ...plan.nextState, lastReconcileAt: iso(deps.runStartedMs) }
        : plan.nextState;

    const complete = stream.trackDeletes && !stream.incremental;
    if (complete) await deps.landing.beginCompleteRead(stream);
    const writer = new BatchWriter(deps, stream, progress, complete);
    const validator = createRecordValidator(stream.schema, stream.id);
    const lookup = runtimeLookup(deps, plan.vars, undefined);
    await readPass(
      deps,
      stream,
      lookup,
      stream.incremental?.params ?? [],
      progress,
      async (records, pulledAtMs, endpoint) => {
        for (const record of records) {
          const built = writer.add(record, validator, lookup, undefined, pulledAtMs, endpoint);
          if (built) for (const child of children) await child.queue.push(record);
        }
        await writer.maybeCommit();
      },
    );
    await writer.finish(nextState, complete ? { maxDeleteFraction: 0.5 } : undefined);

    if (reconcileNow) await reconcile(deps, stream, progress, nextState);
    return progress.result('success', mode, window);
  } catch (error) {
    return progress.result('failed', mode, window, stoppedError(stream, error, progress, window));
  } finally {
    for (const child of children) child.queue.close();
  }
}

/** One lookup read: `param=<ids>` in chunks the source accepts. */
interface LookupRequest {
  readonly by: string;
  readonly param: string;
  readonly ids: readonly string[];
}

/** The lookup reads `stream` can make from `records`; none when it has no lookup or no ids. */
function lookupRequests(stream: ResolvedStream, records: RecordIds): LookupRequest[] {
  const lookup = stream.lookup;
  if (!lookup) return [];
  const out: LookupRequest[] = [];
  for (const { stream: by, param } of lookup.by) {
    const ids = [...(records.get(by) ?? [])].sort();
    for (let i = 0; i < ids.length; i += lookup.maxIds) {
      out.push({ by, param, ids: ids.slice(i, i + lookup.maxIds) });
    }
  }
  return out;
}

const LOOKUP_IDS = parseTemplate('{lookup_ids}', 'lookup');

/**
 * Reads only the records a change named, one request (and its pages) per chunk of ids. The
 * cursor and the reconcile clock stay where they were. Ids of this stream asked for by its own
 * key and not returned are gone from the source, and are tombstoned; records found are handed
 * to child streams and their ids to the streams looked up after this one.
 */
async function runTargeted(
  deps: RunnerDeps,
  stream: ResolvedStream,
  children: readonly ChildHandle[],
  lookups: readonly LookupRequest[],
): Promise<StreamResult> {
  const progress = new StreamProgress(deps, stream);
  try {
    await deps.landing.ensureStream(stream);
    deps.reporter.event({ kind: 'stream-start', stream: stream.id, mode: 'targeted' });
    const writer = new BatchWriter(deps, stream, progress, false);
    const validator = createRecordValidator(stream.schema, stream.id);
    const found = new Set<string>();
    for (const request of lookups) {
      const lookup = runtimeLookup(deps, { lookup_ids: request.ids.join(',') }, undefined);
      await readPass(
        deps,
        stream,
        lookup,
        [[request.param, LOOKUP_IDS]],
        progress,
        async (records, pulledAtMs, endpoint) => {
          for (const record of records) {
            const id = recordId(stream, record);
            if (id) found.add(id);
            const built = writer.add(record, validator, lookup, undefined, pulledAtMs, endpoint);
            if (built) for (const child of children) await child.queue.push(record);
          }
          await writer.maybeCommit();
        },
      );
    }
    await writer.finish(undefined, undefined);
    const gone = lookups
      .filter((l) => l.by === stream.name)
      .flatMap((l) => l.ids)
      .filter((id) => !found.has(id));
    if (gone.length > 0) progress.landed(await deps.landing.tombstoneIds(stream, gone));
    const known = deps.records?.get(stream.name) ?? new Set<string>();
    for (const id of found) known.add(id);
    deps.records?.set(stream.name, known);
    return progress.result('success', 'targeted');
  } catch (error) {
    return progress.result(
      'failed',
      'targeted',
      undefined,
      stoppedError(stream, error, progress, undefined),
    );
  } finally {
    for (const child of children) child.queue.close();
  }
}

function startChild(deps: RunnerDeps, tree: StreamTree): ChildHandle {
  const stream = tree.stream;
  const concurrency = stream.parent?.concurrency ?? 1;
  const queue = new AsyncQueue<unknown>(concurrency * 4);
  const done = (async (): Promise<StreamResult[]> => {
    const grandchildren = tree.children.map((c) => startChild(deps, c));
    const progress = new StreamProgress(deps, stream);
    let failure: Error | undefined;
    try {
      await deps.landing.ensureStream(stream);
      deps.reporter.event({ kind: 'stream-start', stream: stream.id, mode: 'child' });
      const writer = new BatchWriter(deps, stream, progress, false);
      const validator = createRecordValidator(stream.schema, stream.id);
      const needs = parentFieldsOf(stream);
      const worker = async (): Promise<void> => {
        for (let parent = await queue.take(); parent !== undefined; parent = await queue.take()) {
          if (failure !== undefined) continue;
          const lookup = runtimeLookup(deps, {}, parent);
          const missing = needs.find((name) => (lookup(`parent.${name}`) ?? '') === '');
          if (missing !== undefined) {
            // A parent without the field the request is built from cannot be read; it is set
            // aside like an invalid record rather than failing every other parent's read.
            writer.setAside(
              parent,
              `the parent record has no ${missing}, so ${stream.path.source} could not be requested`,
            );
            await writer.maybeCommit();
            continue;
          }
          let answered = false;
          try {
            await readPass(
              deps,
              stream,
              lookup,
              [],
              progress,
              async (records, pulledAtMs, endpoint) => {
                answered = true;
                for (const record of records) {
                  const built = writer.add(record, validator, lookup, parent, pulledAtMs, endpoint);
                  if (built) for (const g of grandchildren) await g.queue.push(record);
                }
                await writer.maybeCommit();
              },
            );
          } catch (error) {
            if (!answered && isNotFound(error)) {
              const id = parentGone(deps, stream, writer, progress, parent, error);
              if (id !== undefined) goneIds.push(id);
              continue;
            }
            failure ??= error instanceof Error ? error : new Error(String(error));
          }
          parentsRead += 1;
        }
      };
      let parentsRead = 0;
      const goneIds: string[] = [];
      await Promise.all(Array.from({ length: concurrency }, worker));
      await writer.finish(undefined, undefined);
      if (failure !== undefined) throw failure;
      checkGoneShare(stream, progress.parentsGone, parentsRead);
      if (goneIds.length > 0) progress.landed(await deps.landing.tombstoneIds(stream, goneIds));
      return [progress.result('success', 'child'), ...(await settleChildren(grandchildren))];
    } catch (error) {
      queue.close();
      return [
        progress.result(
          'failed',
          'child',
          undefined,
          stoppedError(stream, error, progress, undefined),
        ),
        ...(await settleChildren(grandchildren)),
      ];
    }
  })();
  return { queue, done };
}

/**
 * A per-parent read answering 404 before any page arrived means the parent disappeared between
 * the parent listing and this request (a worker removed mid-sync). That parent is skipped and
 * the stream goes on; the returned id (the child's key, when parent fields make it) is
 * tombstoned once the stream's reads are done.
 */
function parentGone(
  deps: RunnerDeps,
  stream: ResolvedStream,
  writer: BatchWriter,
  progress: StreamProgress,
  parent: unknown,
  error: HttpStatusError,
): string | undefined {
  const id = writer.parentKey(parent);
  progress.parentsGone += 1;
  deps.logger.warn(
    'source-parent-gone',
    `${stream.id}: ${stream.path.source} answered 404 for parent ${id ?? '(no key)'}, which no longer exists; skipped${id === undefined ? '' : ' and tombstoned'}`,
    { stream: stream.id, ...(id === undefined ? {} : { id }), status: error.status },
  );
  return id;
}

function isNotFound(error: unknown): error is HttpStatusError {
  return error instanceof HttpStatusError && error.status === 404;
}

/**
 * A wrong child path answers 404 for every parent; treating that as mass disappearance would
 * hide the mistake, so a stream where most parents answered 404 fails.
 */
function checkGoneShare(stream: ResolvedStream, gone: number, read: number): void {
  if (gone < 2 || gone <= read) return;
  throw new HrflowError(
    'source-request-failed',
    `${stream.id}: ${stream.path.source} answered 404 for ${gone} of ${gone + read} parents`,
    {
      hint: 'So many missing parents means the child path is more likely wrong than the parents gone. Check the stream path and the parent fields it uses in the source spec.',
    },
  );
}

async function settleChildren(children: readonly ChildHandle[]): Promise<StreamResult[]> {
  for (const child of children) child.queue.close();
  return (await Promise.all(children.map((c) => c.done))).flat();
}

interface PassPlan {
  readonly mode: StreamMode;
  readonly window: { start: string; end: string } | undefined;
  readonly vars: Readonly<Record<string, string>>;
  readonly nextState: StreamState;
  readonly reconcileDue: boolean;
}

/**
 * Which pass to run. An incremental stream reads from its saved cursor minus the lookback up to
 * the run's start minus the lag; it reads from its configured start when it has no cursor, on
 * `--full-refresh`, or when its last full read is older than `full_refresh_every`.
 */
export function planPass(
  deps: Pick<RunnerDeps, 'runStartedMs' | 'fullRefresh'>,
  stream: ResolvedStream,
  state: StreamState,
): PassPlan {
  const now = deps.runStartedMs;
  const nowIso = iso(now);
  const reconcileDue =
    stream.reconcile !== undefined &&
    (deps.fullRefresh ||
      state.lastReconcileAt === undefined ||
      stream.reconcile.everyMs === undefined ||
      now - Date.parse(state.lastReconcileAt) >= stream.reconcile.everyMs);
  const inc = stream.incremental;
  if (!inc) {
    return {
      mode: 'full_refresh',
      window: undefined,
      vars: {},
      nextState: { ...state, lastFullReadAt: nowIso },
      reconcileDue,
    };
  }
  const fullDue =
    deps.fullRefresh ||
    state.cursor === undefined ||
    (inc.fullRefreshEveryMs !== undefined &&
      (state.lastFullReadAt === undefined ||
        now - Date.parse(state.lastFullReadAt) >= inc.fullRefreshEveryMs));
  const endMs = floorSecond(now - inc.endLagMs);
  const startMs = fullDue
    ? inc.startMs
    : floorSecond(Date.parse(state.cursor ?? '') - inc.lookbackMs);
  const window = { start: iso(Math.min(startMs, endMs)), end: iso(endMs) };
  return {
    mode: 'incremental',
    window,
    vars: {
      start: window.start,
      end: window.end,
      start_date: window.start.slice(0, 10),
      end_date: window.end.slice(0, 10),
    },
    nextState: { ...state, cursor: window.end, ...(fullDue ? { lastFullReadAt: nowIso } : {}) },
    reconcileDue,
  };
}

/** Lists every id (no window) and tombstones those that disappeared. */
async function reconcile(
  deps: RunnerDeps,
  stream: ResolvedStream,
  progress: StreamProgress,
  state: StreamState,
): Promise<void> {
  const spec = stream.reconcile;
  if (!spec) return;
  deps.reporter.event({ kind: 'stream-start', stream: stream.id, mode: 'reconcile' });
  await deps.landing.beginCompleteRead(stream);
  const lookup = runtimeLookup(deps, {}, undefined);
  const ids: string[] = [];
  const flush = async (): Promise<void> => {
    if (ids.length === 0) return;
    await deps.landing.commit({
      stream,
      runId: deps.runId,
      rows: [],
      quarantine: [],
      seen: ids.splice(0),
    });
  };
  await readPass(deps, stream, lookup, spec.params, progress, async (records) => {
    for (const record of records) {
      const id = recordId(stream, record);
      if (id) ids.push(id);
    }
    if (ids.length >= deps.batchSize) await flush();
  });
  await flush();
  const outcome = await deps.landing.commit({
    stream,
    runId: deps.runId,
    rows: [],
    quarantine: [],
    tombstones: { maxDeleteFraction: spec.maxDeleteFraction },
    state: { ...state, lastReconcileAt: iso(deps.runStartedMs) },
  });
  progress.landed(outcome);
}

type OnRecords = (records: unknown[], pulledAtMs: number, endpoint: string) => Promise<void>;

/** Pages through one request of a stream, handing each page's records to `onRecords`. */
async function readPass(
  deps: RunnerDeps,
  stream: ResolvedStream,
  lookup: Lookup,
  extraParams: readonly (readonly [string, Template])[],
  progress: StreamProgress,
  onRecords: OnRecords,
): Promise<void> {
  const pagination = startPagination(stream.pagination, stream.id);
  const fetchPage = (page: PageRequest) => {
    const request = buildRequest(deps.source, stream, page, lookup, extraParams);
    const promise = deps.client
      .fetch(request, stream.records.format, stream.id, progress.stats)
      .then((fetched) => ({ request, fetched, pulledAtMs: deps.clock.now() }));
    // Marked handled at once: a prefetch may fail while the previous page is still landing;
    // the failure surfaces when the loop awaits it.
    promise.catch(() => undefined);
    return promise;
  };
  // The next page is requested before this one's records are processed, so landing overlaps
  // the network instead of adding to it.
  let pending = fetchPage(pagination.firstRequest());
  for (;;) {
    const { request, fetched, pulledAtMs } = await pending;
    const records = selectRecords(fetched.body, stream.records.path, stream.id);
    progress.page(records.length);
    pagination.update({
      requestUrl: request.url,
      response: fetched.response,
      body: fetched.body,
      records: records.length,
    });
    const more = pagination.hasMore();
    if (more) pending = fetchPage(pagination.nextRequest());
    await onRecords(records, pulledAtMs, endpointOf(request.url));
    if (!more) return;
  }
}

/**
 * Buffers built records and commits them in batches. A full batch lands in the background while
 * the next one fills, so a fan-out worker goes back to the network instead of waiting for
 * DuckDB; only a writer a whole batch ahead of the landing waits for it. Commits reach the
 * landing in the order they were started, and {@link finish} waits for all of them before it
 * commits the stream's state.
 */
class BatchWriter {
  #rows: Parameters<Landing['commit']>[0]['rows'][number][] = [];
  #quarantine: Parameters<Landing['commit']>[0]['quarantine'][number][] = [];
  #seen: string[] = [];
  /** The batch landing in the background, if any. */
  #landing: Promise<void> | undefined;
  /** The first background commit that failed; surfaces at the next commit or at finish. */
  #failure: Error | undefined;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly stream: ResolvedStream,
    private readonly progress: StreamProgress,
    private readonly trackSeen: boolean,
  ) {}

  /** Builds and buffers one record; true when it became a row (not quarantined). */
  add(
    record: unknown,
    validator: RecordValidator,
    lookup: Lookup,
    parent: unknown,
    pulledAtMs: number,
    endpoint: string,
  ): boolean {
    const built = buildRecord(record, {
      stream: this.stream,
      validator,
      lookup,
      parent,
      pulledAtMs,
      endpoint,
    });
    if (built.kind === 'quarantine') {
      this.#quarantine.push(built.row);
      // The record exists even if it cannot land: a complete read must not tombstone its id.
      if (this.trackSeen && built.row.sourceId !== undefined) this.#seen.push(built.row.sourceId);
      return false;
    }
    this.#rows.push(built.row);
    if (this.trackSeen) this.#seen.push(built.row.sourceId);
    return true;
  }

  /** Quarantines a parent record whose child request cannot be built. */
  setAside(parent: unknown, reason: string): void {
    this.#quarantine.push({
      sourceId: this.parentKey(parent),
      pulledAtMs: this.deps.clock.now(),
      endpoint: this.stream.path.source,
      reason,
      payload: canonicalJson(parent),
    });
  }

  /** The child's primary key when it is built only from parent fields. */
  parentKey(parent: unknown): string | undefined {
    const keyParts = this.stream.primaryKey.map((part) =>
      part.kind === 'parent' ? scalarText(valueAtPath(parent, part.path)) : undefined,
    );
    return keyParts.every((p) => p !== undefined && p !== '') ? keyParts.join('|') : undefined;
  }

  /** Starts landing a full batch in the background; waits only while an earlier one still lands. */
  async maybeCommit(): Promise<void> {
    this.#throwIfFailed();
    while (this.#buffered() >= this.deps.batchSize) {
      if (this.#landing === undefined) {
        this.#landing = this.#commit(undefined, undefined)
          .catch((error: unknown) => {
            this.#failure ??= error instanceof Error ? error : new Error(String(error));
          })
          .finally(() => {
            this.#landing = undefined;
          });
        return;
      }
      await this.#landing;
      this.#throwIfFailed();
    }
  }

  /** Lands what is buffered once every background commit is done, with the stream's state. */
  async finish(
    state: StreamState | undefined,
    tombstones: { maxDeleteFraction: number } | undefined,
  ): Promise<void> {
    while (this.#landing !== undefined) await this.#landing;
    this.#throwIfFailed();
    await this.#commit(state, tombstones);
  }

  #buffered(): number {
    return this.#rows.length + this.#quarantine.length;
  }

  #throwIfFailed(): void {
    if (this.#failure !== undefined) throw this.#failure;
  }

  async #commit(
    state: StreamState | undefined,
    tombstones: { maxDeleteFraction: number } | undefined,
  ): Promise<void> {
    const rows = this.#rows;
    const quarantine = this.#quarantine;
    const seen = this.#seen;
    this.#rows = [];
    this.#quarantine = [];
    this.#seen = [];
    if (
      rows.length === 0 &&
      quarantine.length === 0 &&
      seen.length === 0 &&
      !state &&
      !tombstones
    ) {
      return;
    }
    const outcome = await this.deps.landing.commit({
      stream: this.stream,
      runId: this.deps.runId,
      rows,
      quarantine,
      ...(seen.length > 0 ? { seen } : {}),
      ...(tombstones ? { tombstones } : {}),
      ...(state ? { state } : {}),
    });
    this.progress.landed(outcome);
  }
}

/** Counters of one stream and the events that report them. */
class StreamProgress {
  readonly stats: RequestStats = { requests: 0, retries: 0, rateLimitWaitMs: 0 };
  records = 0;
  pages = 0;
  inserted = 0;
  unchanged = 0;
  quarantined = 0;
  tombstoned = 0;
  parentsGone = 0;
  readonly started: number;

  constructor(
    private readonly deps: RunnerDeps,
    private readonly stream: ResolvedStream,
  ) {
    this.started = deps.clock.now();
  }

  page(records: number): void {
    this.pages += 1;
    this.records += records;
    this.deps.reporter.event({ kind: 'page', stream: this.stream.id, records });
  }

  landed(outcome: LandingOutcome): void {
    this.inserted += outcome.inserted + outcome.tombstoned;
    this.unchanged += outcome.unchanged;
    this.quarantined += outcome.quarantined;
    this.tombstoned += outcome.tombstoned;
    this.deps.reporter.event({
      kind: 'landed',
      stream: this.stream.id,
      inserted: outcome.inserted + outcome.tombstoned,
      unchanged: outcome.unchanged,
      quarantined: outcome.quarantined,
    });
  }

  result(
    status: StreamResult['status'],
    mode: string,
    window?: { start: string; end: string },
    error?: HrflowError,
  ): StreamResult {
    const result: StreamResult = {
      stream: this.stream.id,
      status,
      mode,
      records: this.records,
      inserted: this.inserted,
      unchanged: this.unchanged,
      quarantined: this.quarantined,
      tombstoned: this.tombstoned,
      parentsGone: this.parentsGone,
      pages: this.pages,
      requests: this.stats.requests,
      retries: this.stats.retries,
      rateLimitWaitMs: this.stats.rateLimitWaitMs,
      durationMs: this.deps.clock.now() - this.started,
      ...(window ? { window } : {}),
      ...(error ? { error } : {}),
    };
    this.deps.reporter.event({ kind: 'stream-end', result });
    return result;
  }
}

/**
 * The error a stream stopped with, rewritten to say what was kept and how to resume: rows
 * committed so far stay in bronze, the cursor stays where the last complete window left it.
 */
function stoppedError(
  stream: ResolvedStream,
  error: unknown,
  progress: StreamProgress,
  window: { start: string; end: string } | undefined,
): HrflowError {
  const base =
    error instanceof HrflowError
      ? error
      : new HrflowError(
          'internal',
          redactor.redact(error instanceof Error ? error.message : String(error)),
          { cause: error },
        );
  const kept =
    progress.records === 0 && progress.inserted === 0
      ? `Nothing was read from ${stream.id}`
      : `${progress.inserted} new or changed rows from this run are kept in bronze.${stream.table}`;
  const cursor = window
    ? `; the cursor was not advanced, so the next sync re-reads ${window.start} to ${window.end} and adds no duplicates`
    : '';
  const resume = `Run \`hrflow sync ${stream.id}\` again once the cause is fixed.`;
  const advice = base.hint ? `${base.hint} ` : '';
  // The stream is the error's location, which formatError prints ahead of the message.
  return new HrflowError(base.code, redactor.redact(base.message), {
    cause: base,
    retryable: base.retryable,
    location: { node: stream.id },
    hint: redactor.redact(`${advice}${kept}${cursor}. ${resume}`),
    ...(base.details ? { details: base.details } : {}),
  });
}

/** A record's id from its own fields (the parts of a key taken from a parent are left empty). */
function recordId(stream: ResolvedStream, record: unknown): string {
  return stream.primaryKey
    .map((p) => (p.kind === 'field' ? scalarText(valueAtPath(record, p.path)) : undefined))
    .join('|');
}

/** The parent fields (`person.id`) a child stream's requests are built from. */
function parentFieldsOf(stream: ResolvedStream): string[] {
  const templates = [
    stream.path,
    ...stream.params.map(([, t]) => t),
    ...stream.headers.map(([, t]) => t),
    ...(stream.body ? [stream.body.template] : []),
  ];
  const names = templates.flatMap(templateNames).filter((n) => n.startsWith('parent.'));
  return [...new Set(names.map((n) => n.slice('parent.'.length)))];
}

function runtimeLookup(
  deps: RunnerDeps,
  vars: Readonly<Record<string, string>>,
  parent: unknown,
): Lookup {
  const runIso = iso(deps.runStartedMs);
  const fixed: Record<string, string> = {
    run_started_at: runIso,
    run_date: runIso.slice(0, 10),
    ...vars,
  };
  return (name) => {
    if (name.startsWith('parent.')) {
      return scalarText(valueAtPath(parent, name.slice(7).split('.')));
    }
    return fixed[name] ?? deps.source.params[name];
  };
}

function endpointOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return stripQuery(url);
  }
}

/** ISO-8601 to the second, `2026-01-01T00:00:00Z`. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function floorSecond(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
