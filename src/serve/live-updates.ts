/**
 * Server-sent events for open dashboards. Every reader hears `data-updated` (a time and the job
 * that changed the data, never data itself: the page refetches through the governed API); admins
 * also hear job progress. Streams are closed on shutdown so the server can stop.
 */
import type { User } from './auth/user.js';

export interface LiveMessage {
  readonly event: 'data-updated' | 'job';
  readonly data: Readonly<Record<string, unknown>>;
  /** Only for admins. */
  readonly adminOnly: boolean;
}

interface Subscriber {
  readonly user: User;
  readonly admin: boolean;
  readonly send: (message: LiveMessage) => void;
  readonly close: () => void;
}

export class LiveUpdates {
  readonly #subscribers = new Set<Subscriber>();
  #lastUpdate: Readonly<Record<string, unknown>> | undefined;

  /** Adds a listener; returns the function that removes it. */
  subscribe(subscriber: Subscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /** The last `data-updated` payload, sent to new subscribers first. */
  get lastUpdate(): Readonly<Record<string, unknown>> | undefined {
    return this.#lastUpdate;
  }

  publish(message: LiveMessage): void {
    if (message.event === 'data-updated') this.#lastUpdate = message.data;
    for (const s of this.#subscribers) {
      if (message.adminOnly && !s.admin) continue;
      s.send(message);
    }
  }

  get size(): number {
    return this.#subscribers.size;
  }

  /** Ends every stream. */
  closeAll(): void {
    for (const s of this.#subscribers) s.close();
    this.#subscribers.clear();
  }
}
