import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { LoginLimiter } from './login-limiter.js';
import { hashPassword, verifyPassword } from './password.js';
import { SessionStore } from './sessions.js';
import type { User } from './user.js';

const cheap = { N: 1024, r: 8, p: 1 };
const ada: User = { name: 'ada', groups: ['admin'], attributes: {}, via: 'session' };

describe('passwords', () => {
  it('verify against their own hash only, with a fresh salt each time', async () => {
    const a = await hashPassword('correct horse', cheap);
    const b = await hashPassword('correct horse', cheap);
    expect(a).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsE', a)).toBe(false);
  });

  it('treat a malformed hash as a mismatch', async () => {
    expect(await verifyPassword('x', 'scrypt$0$0$0$$')).toBe(false);
    expect(await verifyPassword('x', 'bcrypt$whatever')).toBe(false);
  });
});

describe('SessionStore', () => {
  it('ends a session at its absolute lifetime even when used', () => {
    const clock = new FakeClock(0, false);
    const store = new SessionStore(clock, 60_000, 30_000);
    const s = store.create(ada);
    clock.advance(25_000);
    expect(store.get(s.id)).toBeDefined();
    clock.advance(25_000);
    expect(store.get(s.id)).toBeDefined();
    clock.advance(10_000);
    expect(store.get(s.id)).toBeUndefined();
  });

  it('ends an idle session', () => {
    const clock = new FakeClock(0, false);
    const store = new SessionStore(clock, 60_000, 30_000);
    const s = store.create(ada);
    clock.advance(30_000);
    expect(store.get(s.id)).toBeUndefined();
  });

  it('gives each session its own id and CSRF token', () => {
    const store = new SessionStore(new FakeClock(0, false), 60_000, 30_000);
    const a = store.create(ada);
    const b = store.create(ada);
    expect(a.id).not.toBe(b.id);
    expect(a.csrfToken).not.toBe(a.id);
    expect(store.get(undefined)).toBeUndefined();
  });
});

describe('LoginLimiter', () => {
  it('blocks a user name after the limit until the window ends, right password or not', () => {
    const clock = new FakeClock(0, false);
    const limiter = new LoginLimiter(clock, 3, 60_000);
    for (let i = 0; i < 3; i++) limiter.failed('ada', `10.0.0.${i}`);
    expect(limiter.retryAfterMs('ada', '10.0.0.9')).toBe(60_000);
    expect(limiter.retryAfterMs('bob', '10.0.0.9')).toBe(0);
    clock.advance(60_000);
    expect(limiter.retryAfterMs('ada', '10.0.0.9')).toBe(0);
  });

  it('blocks an address that guesses across many user names', () => {
    const limiter = new LoginLimiter(new FakeClock(0, false), 3, 60_000);
    for (const name of ['a', 'b', 'c']) limiter.failed(name, '127.0.0.2');
    expect(limiter.retryAfterMs('d', '127.0.0.2')).toBeGreaterThan(0);
  });
});
