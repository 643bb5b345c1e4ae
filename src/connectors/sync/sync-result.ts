/** What a sync reports back: one result per stream, failures as data rather than exceptions. */
import type { HrflowError } from '../../core/errors.js';
import type { SourceStreamId } from '../spec/resolved-source.js';

export type StreamStatus = 'success' | 'failed' | 'skipped';

export interface StreamResult {
  readonly stream: SourceStreamId;
  readonly status: StreamStatus;
  /** `incremental`, `full_refresh` or `child`. */
  readonly mode: string;
  /** Records received from the API. */
  readonly records: number;
  /** Rows added to bronze (new or changed records, tombstones). */
  readonly inserted: number;
  /** Records already in bronze unchanged. */
  readonly unchanged: number;
  readonly quarantined: number;
  readonly tombstoned: number;
  /**
   * Parents whose per-parent child read answered 404 because the parent had just gone: each is
   * skipped (its child row tombstoned, if one had landed) rather than failing the stream.
   */
  readonly parentsGone: number;
  readonly pages: number;
  readonly requests: number;
  readonly retries: number;
  /** Time spent waiting for the rate limit, in milliseconds. */
  readonly rateLimitWaitMs: number;
  readonly durationMs: number;
  /** The incremental window this run covered, ISO-8601. */
  readonly window?: { readonly start: string; readonly end: string };
  readonly error?: HrflowError;
}

export interface SyncSummary {
  readonly runId: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly streams: readonly StreamResult[];
  /** Streams that failed; the CLI exits 1 when this is above zero. */
  readonly failures: number;
}
