import { describe, expect, it } from 'vitest';
import { FixedWindowServer, SimClock } from '../testing/sim-clock.js';
import type { ResolvedRateLimit } from '../spec/resolved-source.js';
import { createRateLimiter } from './rate-limiter.js';

const greenhouseLike: ResolvedRateLimit = {
  requests: 50,
  windowMs: 30_000,
  refill: 'window',
  spread: true,
  limitHeader: 'x-ratelimit-limit',
  remainingHeader: 'x-ratelimit-remaining',
  resetHeader: 'x-ratelimit-reset',
  resetKind: 'epoch_seconds',
};

/** `workers` tasks each sending requests with `latencyMs` until `total` have succeeded. */
async function drive(
  config: ResolvedRateLimit,
  server: FixedWindowServer,
  clock: SimClock,
  workers: number,
  total: number,
  latencyMs: number,
) {
  const limiter = createRateLimiter(config, clock);
  let ok = 0;
  const startedAt = clock.now();
  await clock.run(async () => {
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (ok < total) {
          await limiter.acquire();
          await clock.sleep(latencyMs / 2);
          const answer = server.answer();
          await clock.sleep(latencyMs / 2);
          limiter.settle(answer.headers);
          if (answer.status === 429) {
            limiter.rateLimited(Number(answer.headers['retry-after']) * 1000);
          } else {
            ok += 1;
          }
        }
      }),
    );
  });
  return { elapsedMs: clock.now() - startedAt, ok };
}

describe('window rate limiter', () => {
  it.each([1, 4, 16])(
    'never draws a fixed window past its limit with %i concurrent workers',
    async (workers) => {
      const clock = new SimClock(Date.UTC(2026, 0, 1, 0, 0, 7));
      const server = new FixedWindowServer(clock, 50, 30_000);
      await drive(greenhouseLike, server, clock, workers, 500, 80);
      expect(server.rejected).toEqual([]);
      for (const count of server.counts.values()) expect(count).toBeLessThanOrEqual(50);
    },
  );

  it('uses at least 95 % of the ceiling over many windows', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1, 0, 0, 13));
    const server = new FixedWindowServer(clock, 50, 30_000);
    const { elapsedMs } = await drive(greenhouseLike, server, clock, 4, 1_000, 120);
    // 1,000 requests at 50 per 30 s need 19 full windows plus the part of the first one left.
    const ceilingMs = (1_000 / 50) * 30_000;
    expect(ceilingMs / elapsedMs).toBeGreaterThanOrEqual(0.95);
  });

  it('learns a smaller budget from the headers (another client on the same credential)', async () => {
    const clock = new SimClock(Date.UTC(2026, 0, 1, 0, 0, 1));
    const server = new FixedWindowServer(clock, 20, 30_000);
    await drive(greenhouseLike, server, clock, 4, 100, 50);
    expect(server.rejected.filter((r) => r.at >= Date.UTC(2026, 0, 1, 0, 0, 30))).toEqual([]);
  });

  it('stops everything until Retry-After has passed after a 429', async () => {
    const clock = new SimClock();
    const limiter = createRateLimiter({ ...greenhouseLike, resetHeader: undefined }, clock);
    await clock.run(async () => {
      await limiter.acquire();
      limiter.settle({});
      limiter.rateLimited(17_000);
      const before = clock.now();
      await limiter.acquire();
      expect(clock.now() - before).toBeGreaterThanOrEqual(17_000);
    });
  });
});

describe('continuous rate limiter', () => {
  const config: ResolvedRateLimit = {
    requests: 10,
    windowMs: 1_000,
    refill: 'continuous',
    spread: true,
    limitHeader: undefined,
    remainingHeader: 'wd-ratelimit-tokens-remaining',
    resetHeader: undefined,
    resetKind: 'seconds',
  };

  it('spreads requests at the refill rate', async () => {
    const clock = new SimClock();
    const limiter = createRateLimiter(config, clock);
    const times: number[] = [];
    await clock.run(async () => {
      for (let i = 0; i < 21; i += 1) {
        await limiter.acquire();
        times.push(clock.now());
      }
    });
    const span = (times[20] ?? 0) - (times[0] ?? 0);
    expect(span).toBeGreaterThanOrEqual(2_000 - 10);
    expect(span).toBeLessThanOrEqual(2_000 + 30);
  });

  it('lowers its tokens to what the server reports', async () => {
    const clock = new SimClock();
    const limiter = createRateLimiter({ ...config, spread: false }, clock);
    await clock.run(async () => {
      await limiter.acquire();
      limiter.settle({ 'wd-ratelimit-tokens-remaining': '0' });
      const before = clock.now();
      await limiter.acquire();
      expect(clock.now()).toBeGreaterThan(before);
      expect(limiter.lastRemaining).toBe(0);
    });
  });
});
