/**
 * Where a verified webhook's change notice goes. Today: straight into the server's job queue as
 * a sync of the affected streams followed by a build of everything downstream of them. The
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
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly debounceMs: number,
  ) {}

  publish(notice: ChangeNotice): void {
    for (const s of notice.streams) this.#streams.add(s);
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
    this.#streams.clear();
    if (streams.length === 0) return;
    this.queue.submit(
      {
        kind: 'sync+build',
        syncSelect: streams,
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
