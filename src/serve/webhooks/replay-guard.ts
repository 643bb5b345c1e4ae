/**
 * Greenhouse delivers at least once and retries for hours, and a captured delivery could be sent
 * again: each delivery is remembered by its `Greenhouse-Event-ID` and by a hash of its body for
 * a window, and a second sighting of either is refused.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.js';

export class ReplayGuard {
  readonly #seen = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly windowMs: number,
    private readonly maxEntries = 100_000,
  ) {}

  /** Records the delivery; false when it (its id or its exact body) was seen within the window. */
  firstSighting(body: Uint8Array, eventId: string | undefined): boolean {
    const now = this.clock.now();
    this.#expire(now);
    const keys = [`body:${createHash('sha256').update(body).digest('hex')}`];
    if (eventId) keys.push(`id:${eventId}`);
    if (keys.some((k) => this.#seen.has(k))) return false;
    for (const k of keys) this.#seen.set(k, now + this.windowMs);
    return true;
  }

  #expire(now: number): void {
    for (const [key, until] of this.#seen) {
      // Entries are in insertion order, which is expiry order: stop at the first live one.
      if (until > now && this.#seen.size <= this.maxEntries) break;
      this.#seen.delete(key);
    }
  }
}
