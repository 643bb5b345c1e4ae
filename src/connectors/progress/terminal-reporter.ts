/**
 * Progress on a terminal. On a TTY, one live line per running stream (records, pages, retries,
 * rate-limit waits), redrawn at most every 100 ms; elsewhere, one line per finished stream.
 * Both end with a summary table. Everything goes to the writer given (stderr in the CLI).
 */
import { formatError } from '../../core/errors.js';
import type { SourceStreamId } from '../spec/resolved-source.js';
import type { StreamResult, SyncSummary } from '../sync/sync-result.js';
import type { SyncEvent, SyncReporter } from './sync-events.js';

export interface TerminalReporterOptions {
  readonly write: (text: string) => void;
  readonly isTTY: boolean;
  readonly now?: () => number;
}

interface Live {
  records: number;
  pages: number;
  retries: number;
  waitedMs: number;
  mode: string;
}

export function createTerminalReporter(options: TerminalReporterOptions): SyncReporter {
  const now = options.now ?? (() => Date.now());
  const live = new Map<SourceStreamId, Live>();
  let drawn = 0;
  let lastDraw = 0;

  const clear = (): void => {
    if (!options.isTTY || drawn === 0) return;
    options.write(`\x1b[${drawn}A${'\x1b[2K\n'.repeat(drawn)}\x1b[${drawn}A`);
    drawn = 0;
  };
  const draw = (force = false): void => {
    if (!options.isTTY) return;
    const t = now();
    if (!force && t - lastDraw < 100) return;
    lastDraw = t;
    clear();
    const lines = [...live].map(([id, s]) => {
      const wait = s.waitedMs > 0 ? `  rate-limit wait ${seconds(s.waitedMs)}` : '';
      const retries = s.retries > 0 ? `  ${s.retries} retries` : '';
      return `  ${id.padEnd(36)} ${s.mode.padEnd(12)} ${count(s.records).padStart(9)} records  ${count(s.pages).padStart(6)} pages${retries}${wait}`;
    });
    if (lines.length > 0) options.write(`${lines.join('\n')}\n`);
    drawn = lines.length;
  };
  const entry = (id: SourceStreamId): Live => {
    let s = live.get(id);
    if (!s) {
      s = { records: 0, pages: 0, retries: 0, waitedMs: 0, mode: '' };
      live.set(id, s);
    }
    return s;
  };

  return {
    event(event: SyncEvent): void {
      switch (event.kind) {
        case 'run-start':
          options.write(`sync ${event.runId}: ${event.streams.length} streams\n`);
          return;
        case 'stream-start':
          entry(event.stream).mode = event.mode;
          draw();
          return;
        case 'page': {
          const s = entry(event.stream);
          s.pages += 1;
          s.records += event.records;
          draw();
          return;
        }
        case 'retry':
          if (event.stream) entry(event.stream).retries += 1;
          draw();
          return;
        case 'rate-limit-wait':
          if (event.stream) entry(event.stream).waitedMs += event.waitedMs;
          draw();
          return;
        case 'landed':
          return;
        case 'stream-end':
          clear();
          live.delete(event.result.stream);
          options.write(`${resultLine(event.result)}\n`);
          draw(true);
          return;
        case 'run-end':
          clear();
          options.write(summaryText(event.summary));
          return;
        default: {
          const never: never = event;
          void never;
        }
      }
    },
  };
}

/** One line per stream result: status, counts, timing. */
export function resultLine(r: StreamResult): string {
  const mark = r.status === 'success' ? 'OK  ' : r.status === 'failed' ? 'FAIL' : 'SKIP';
  const parts = [
    `${count(r.records)} records`,
    `${count(r.inserted)} new`,
    ...(r.quarantined > 0 ? [`${count(r.quarantined)} quarantined`] : []),
    ...(r.tombstoned > 0 ? [`${count(r.tombstoned)} deleted`] : []),
    ...(r.parentsGone > 0 ? [`${count(r.parentsGone)} parents gone`] : []),
    `${count(r.requests)} requests`,
    ...(r.retries > 0 ? [`${r.retries} retries`] : []),
    ...(r.rateLimitWaitMs > 0 ? [`waited ${seconds(r.rateLimitWaitMs)}`] : []),
  ];
  return `${mark} ${r.stream} (${r.mode}) ${parts.join(', ')} in ${seconds(r.durationMs)}`;
}

/** The closing summary, with each failure's full error (hint included). */
export function summaryText(summary: SyncSummary): string {
  const ok = summary.streams.filter((s) => s.status === 'success').length;
  const records = summary.streams.reduce((n, s) => n + s.records, 0);
  const inserted = summary.streams.reduce((n, s) => n + s.inserted, 0);
  const lines = [
    '',
    `Done: ${ok} of ${summary.streams.length} streams succeeded, ${count(records)} records read, ${count(inserted)} rows added (run ${summary.runId}).`,
  ];
  for (const failed of summary.streams.filter((s) => s.status === 'failed')) {
    lines.push('', formatError(failed.error));
  }
  return `${lines.join('\n')}\n`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;
}
