/**
 * What a sync tells the people watching it. The CLI draws these on a terminal, the server relays
 * them to the dashboard; they are not log lines, and they never carry secrets or record values.
 */
import type { SourceStreamId } from '../spec/resolved-source.js';
import type { StreamResult, SyncSummary } from '../sync/sync-result.js';

export type StreamMode = 'incremental' | 'full_refresh' | 'child' | 'reconcile' | 'targeted';

export type SyncEvent =
  | {
      readonly kind: 'run-start';
      readonly runId: string;
      readonly streams: readonly SourceStreamId[];
    }
  | {
      readonly kind: 'stream-start';
      readonly stream: SourceStreamId;
      readonly mode: StreamMode;
      /** The incremental window, ISO-8601, when there is one. */
      readonly window?: { readonly start: string; readonly end: string };
    }
  | { readonly kind: 'page'; readonly stream: SourceStreamId; readonly records: number }
  | {
      readonly kind: 'landed';
      readonly stream: SourceStreamId;
      readonly inserted: number;
      readonly unchanged: number;
      readonly quarantined: number;
    }
  | {
      readonly kind: 'rate-limit-wait';
      readonly source: string;
      readonly stream: SourceStreamId | undefined;
      readonly waitedMs: number;
    }
  | {
      readonly kind: 'retry';
      readonly source: string;
      readonly stream: SourceStreamId | undefined;
      readonly attempt: number;
      readonly delayMs: number;
      readonly reason: string;
    }
  | { readonly kind: 'stream-end'; readonly result: StreamResult }
  | { readonly kind: 'run-end'; readonly summary: SyncSummary };

/** Receives progress events; implementations must not throw. */
export interface SyncReporter {
  event(event: SyncEvent): void;
}

/** Drops every event. */
export const silentReporter: SyncReporter = { event: () => undefined };
