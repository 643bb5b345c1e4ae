/**
 * Server-side sessions: a random id in an HTTP-only cookie maps to the signed-in user, a CSRF
 * token and two deadlines (absolute lifetime and idle timeout). Kept in memory: a restart of
 * `hrflow serve` signs everyone out, which is the safe direction.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { User } from './user.js';

export interface Session {
  readonly id: string;
  readonly user: User;
  /** Sent back on state-changing requests in the `X-CSRF-Token` header. */
  readonly csrfToken: string;
  readonly createdAt: number;
  lastSeenAt: number;
}

export class SessionStore {
  readonly #sessions = new Map<string, Session>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs: number,
    private readonly idleTimeoutMs: number,
  ) {}

  /** Starts a session for `user`. */
  create(user: User): Session {
    this.#sweep();
    const now = this.clock.now();
    const session: Session = {
      id: randomBytes(32).toString('base64url'),
      user,
      csrfToken: randomBytes(24).toString('base64url'),
      createdAt: now,
      lastSeenAt: now,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, touched; undefined when unknown, expired or idle too long. */
  get(id: string | undefined): Session | undefined {
    if (!id) return undefined;
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    const now = this.clock.now();
    if (this.#expired(session, now)) {
      this.#sessions.delete(id);
      return undefined;
    }
    session.lastSeenAt = now;
    return session;
  }

  /** Ends a session (sign-out). */
  delete(id: string): void {
    this.#sessions.delete(id);
  }

  /** Seconds until the absolute deadline, for the cookie's Max-Age. */
  maxAgeSeconds(): number {
    return Math.floor(this.ttlMs / 1000);
  }

  get size(): number {
    return this.#sessions.size;
  }

  #expired(session: Session, now: number): boolean {
    return now >= session.createdAt + this.ttlMs || now >= session.lastSeenAt + this.idleTimeoutMs;
  }

  #sweep(): void {
    const now = this.clock.now();
    for (const [id, session] of this.#sessions) {
      if (this.#expired(session, now)) this.#sessions.delete(id);
    }
  }
}
