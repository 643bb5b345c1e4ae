/**
 * Where a verified webhook's change notice goes. Today: straight into the server's job queue as
 * a sync of the affected streams (only the records the notices named, where every notice named
 * some) followed by a build of everything downstream of them. The
 * interface is the seam for a Kafka transport (topic `hr.events.v1`), which would publish the
 * notice and let the stream ingester do the rest.
 */
import type { JobQueue } from '../jobs/job-queue.js';
import type { ChangeNotice } from './greenhouse-events.js';

export interface ChangeTransport {
  publish(notice: ChangeNotice): void;
  /** Hands over anything held back, for shutdown. */
  flush(): void;
}

/**
 * Collects notices for `debounceMs`, then queues one `sync+build` job. Until that job starts,
 * later bursts merge into it, so a storm of events costs one sync and one build.
 */
export class QueueTransport implements ChangeTransport {
  readonly #streams = new Set<string>();
  readonly #records = new Map<string, Set<string>>();
  /** False once a notice named no records: its streams then need a whole incremental window. */
  #allNamed = true;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: Pick<JobQueue, 'submit'>,
    private readonly debounceMs: number,
  ) {}

  publish(notice: ChangeNotice): void {
    for (const s of notice.streams) this.#streams.add(s);
    const named = Object.entries(notice.ids).filter(([, ids]) => ids.length > 0);
    if (named.length === 0) this.#allNamed = false;
    for (const [stream, ids] of named) {
      const key = `${notice.source}.${stream}`;
      this.#records.set(key, new Set([...(this.#records.get(key) ?? []), ...ids]));
    }
    if (this.debounceMs <= 0) {
      this.flush();
      return;
    }
    this.#timer ??= setTimeout(() => this.flush(), this.debounceMs);
  }

  flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    const streams = [...this.#streams].sort();
    const records = this.#allNamed
      ? Object.fromEntries([...this.#records].map(([key, ids]) => [key, [...ids].sort()]))
      : undefined;
    this.#streams.clear();
    this.#records.clear();
    this.#allNamed = true;
    if (streams.length === 0) return;
    this.queue.submit(
      {
        kind: 'sync+build',
        syncSelect: streams,
        ...(records ? { syncRecords: records } : {}),
        // Everything built on the synced source tables (`source:greenhouse.applications+`).
        select: streams.map((s) => `source:${s}+`),
        fullRefresh: false,
        failFast: false,
      },
      'webhook:greenhouse',
      'webhook:greenhouse',
    );
  }
}
