/**
 * Fault injection for one simulator. Settings can be given at start and replaced at any time;
 * every decision comes from a seeded generator, so a given seed and request sequence always
 * produces the same faults. Each injected fault is counted, so tests can observe it without
 * timing anything.
 */
import type { Clock } from '../../core/clock.js';
import { Rng, hash32 } from '../random.js';

export interface FaultSettings {
  /**
   * 429 storms: each request starts one with `probability`; while a storm lasts every request gets
   * 429 with `Retry-After: retryAfterSeconds` (default 2). `durationSeconds` 0 (the default) makes
   * single 429s.
   */
  readonly rateLimitStorm?: {
    readonly probability: number;
    readonly durationSeconds?: number;
    readonly retryAfterSeconds?: number;
  };
  /** Share of requests answered 500, 502 or 503. */
  readonly serverErrorRate?: number;
  /** Milliseconds added before every answer. */
  readonly latencyMs?: number;
  /** Share of requests whose connection is dropped without an answer. */
  readonly connectionResetRate?: number;
  /** Share of successful answers cut off halfway through the body (still status 200). */
  readonly truncatedBodyRate?: number;
  /** Every access token stops working after this many API calls. */
  readonly tokenExpiryAfterCalls?: number;
  /**
   * Schema drift: share of records that gain an undocumented field, and share that lose a
   * documented, non-key field.
   */
  readonly schemaDrift?: { readonly addedFieldRate?: number; readonly missingFieldRate?: number };
}

/** How many faults of each kind were injected. */
export interface FaultStats {
  requests: number;
  tooManyRequests: number;
  storms: number;
  serverErrors: number;
  delayed: number;
  resets: number;
  truncated: number;
  driftedRecords: number;
  expiredTokens: number;
}

/** What to do with a request before its handler runs. */
export type FaultDecision =
  | { readonly kind: 'pass' }
  | { readonly kind: 'reset' }
  | { readonly kind: 'too-many-requests'; readonly retryAfterSeconds: number }
  | { readonly kind: 'server-error'; readonly status: 500 | 502 | 503 };

/** Fields drift never removes: keys and the fields that link records. */
const KEPT_FIELDS = /^(id|.*_id|.*_ids|data|total|Report_Entry)$/;

export class FaultInjector {
  readonly #rng: Rng;
  readonly #clock: Clock;
  #settings: FaultSettings;
  #stormUntil = 0;
  readonly stats: FaultStats = {
    requests: 0,
    tooManyRequests: 0,
    storms: 0,
    serverErrors: 0,
    delayed: 0,
    resets: 0,
    truncated: 0,
    driftedRecords: 0,
    expiredTokens: 0,
  };

  constructor(seed: number, label: string, clock: Clock, settings: FaultSettings = {}) {
    this.#rng = new Rng(hash32(seed, 'faults', label));
    this.#clock = clock;
    this.#settings = settings;
  }

  get settings(): FaultSettings {
    return this.#settings;
  }

  /** Replaces every setting; pass `{}` to stop injecting faults. */
  set(settings: FaultSettings): void {
    this.#settings = settings;
    this.#stormUntil = 0;
  }

  /** Waits the configured latency, then decides the request's fate. */
  async before(): Promise<FaultDecision> {
    const settings = this.#settings;
    const rng = this.#rng;
    this.stats.requests++;
    if (settings.latencyMs && settings.latencyMs > 0) {
      this.stats.delayed++;
      await this.#clock.sleep(Math.round(settings.latencyMs * rng.between(0.5, 1.5)));
    }
    if (settings.connectionResetRate && rng.chance(settings.connectionResetRate)) {
      this.stats.resets++;
      return { kind: 'reset' };
    }
    const storm = settings.rateLimitStorm;
    if (storm) {
      const now = this.#clock.now();
      if (now >= this.#stormUntil && rng.chance(storm.probability)) {
        this.stats.storms++;
        this.#stormUntil = now + (storm.durationSeconds ?? 0) * 1000;
        this.stats.tooManyRequests++;
        return { kind: 'too-many-requests', retryAfterSeconds: storm.retryAfterSeconds ?? 2 };
      }
      if (now < this.#stormUntil) {
        this.stats.tooManyRequests++;
        return { kind: 'too-many-requests', retryAfterSeconds: storm.retryAfterSeconds ?? 2 };
      }
    }
    if (settings.serverErrorRate && rng.chance(settings.serverErrorRate)) {
      this.stats.serverErrors++;
      return { kind: 'server-error', status: rng.pick([500, 502, 503] as const) };
    }
    return { kind: 'pass' };
  }

  /** Whether this successful answer's body should be cut off. */
  truncate(): boolean {
    const rate = this.#settings.truncatedBodyRate;
    if (!rate || !this.#rng.chance(rate)) return false;
    this.stats.truncated++;
    return true;
  }

  /** Whether a token that has served `calls` API calls has now expired. */
  tokenExpired(calls: number): boolean {
    const limit = this.#settings.tokenExpiryAfterCalls;
    if (!limit || calls < limit) return false;
    if (calls === limit) this.stats.expiredTokens++;
    return true;
  }

  /** Adds or removes fields on some records, in place. */
  drift(records: Record<string, unknown>[]): void {
    const drift = this.#settings.schemaDrift;
    if (!drift) return;
    const rng = this.#rng;
    for (const record of records) {
      let changed = false;
      if (drift.addedFieldRate && rng.chance(drift.addedFieldRate)) {
        record[`x_drift_${rng.int(1, 3)}`] = rng.pick(['beta', 42, true, null]);
        changed = true;
      }
      if (drift.missingFieldRate && rng.chance(drift.missingFieldRate)) {
        const removable = Object.keys(record).filter((key) => !KEPT_FIELDS.test(key));
        if (removable.length > 0) {
          delete record[rng.pick(removable)];
          changed = true;
        }
      }
      if (changed) this.stats.driftedRecords++;
    }
  }
}
