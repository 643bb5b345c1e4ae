/**
 * The stream runner on a fake transport, a fake clock and a landing whose commits the test
 * holds, so what the fan-out does while DuckDB is busy is observed step by step.
 */
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { silentLogger } from '../../core/log.js';
import { memoryCredentialStore } from '../auth/auth-strategy.js';
import { createAuth } from '../auth/create-auth.js';
import type { HttpResponse } from '../http/http-types.js';
import { SourceClient } from '../http/source-client.js';
import type { LandingBatch, LandingOutcome, StreamLanding } from '../landing/landing.js';
import { silentReporter } from '../progress/sync-events.js';
import { createRateLimiter } from '../rate-limit/rate-limiter.js';
import { exponentialBackoff } from '../retry/retry-policy.js';
import type { ResolvedSource } from '../spec/resolved-source.js';
import { fakeTransport, json } from '../testing/fake-transport.js';
import { resolvedTestSpec } from '../testing/test-spec.js';
import { runStreamTree } from './stream-runner.js';
import type { StreamTree } from './stream-runner.js';

const TOKEN_URL = 'https://auth.example.test/token';

/** A landing that keeps every commit of `held` pending until {@link release}. */
class HeldLanding implements StreamLanding {
  readonly committed: LandingBatch[] = [];
  pending = 0;
  #release: (() => void)[] = [];

  constructor(private readonly held: string) {}

  ensureStream(): Promise<void> {
    return Promise.resolve();
  }

  hasRows(): Promise<boolean> {
    return Promise.resolve(false);
  }

  loadState(): Promise<Record<string, never>> {
    return Promise.resolve({});
  }

  beginCompleteRead(): Promise<void> {
    return Promise.resolve();
  }

  tombstoneIds(): Promise<LandingOutcome> {
    return Promise.resolve({ inserted: 0, unchanged: 0, quarantined: 0, tombstoned: 0 });
  }

  async commit(batch: LandingBatch): Promise<LandingOutcome> {
    if (batch.stream.name === this.held) {
      this.pending += 1;
      await new Promise<void>((resolve) => this.#release.push(resolve));
      this.pending -= 1;
    }
    this.committed.push(batch);
    return { inserted: batch.rows.length, unchanged: 0, quarantined: 0, tombstoned: 0 };
  }

  release(): void {
    for (const resolve of this.#release.splice(0)) resolve();
  }
}

/** Answers held detail requests one at a time, in the order the test chooses. */
class HeldDetails {
  readonly waiting = new Map<string, () => void>();
  inFlight = 0;
  sent = 0;

  async answer(id: string): Promise<HttpResponse> {
    this.sent += 1;
    this.inFlight += 1;
    await new Promise<void>((resolve) => this.waiting.set(id, resolve));
    this.inFlight -= 1;
    return json({ detail: `about ${id}` });
  }

  finish(id: string): void {
    const resolve = this.waiting.get(id);
    this.waiting.delete(id);
    resolve?.();
  }
}

/** Lets every promise that can settle without the test settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

function setup(source: ResolvedSource, details: HeldDetails, parents: number) {
  const clock = new FakeClock(Date.UTC(2026, 0, 1));
  const transport = fakeTransport((request, url) => {
    if (request.url === TOKEN_URL) {
      return json({ access_token: 'access-1', expires_at: '2030-01-01T00:00:00Z' });
    }
    if (url.pathname.startsWith('/v1/details/')) {
      return details.answer(url.pathname.split('/').pop() ?? '');
    }
    return json(Array.from({ length: parents }, (_, i) => ({ id: i + 1 })));
  });
  const client = new SourceClient({
    source,
    transport,
    limiter: createRateLimiter(source.rateLimit, clock),
    retry: exponentialBackoff(source.retry, () => 0.5),
    clock,
    calls: { record: () => undefined },
    reporter: silentReporter,
    logger: silentLogger,
  });
  client.useAuth(
    createAuth(source, {
      fetch: client.tokenFetcher(source.auth.envNames),
      clock,
      store: memoryCredentialStore(),
    }),
  );
  return { clock, client };
}

describe('child stream fan-out', () => {
  it('keeps the cap of requests in flight while a finished batch is still landing', async () => {
    const source = resolvedTestSpec({
      concurrency: 2,
      streams: {
        items: { path: '/items', primary_key: ['id'], pagination: { kind: 'none' } },
        details: {
          path: '/details/{parent.id}',
          primary_key: ['$parent.id'],
          pagination: { kind: 'none' },
          parent: { stream: 'items', concurrency: 2 },
        },
      },
    });
    const [items, detailStream] = source.streams;
    if (!items || !detailStream) throw new Error('test spec has two streams');
    const details = new HeldDetails();
    const landing = new HeldLanding('details');
    const { clock, client } = setup(source, details, 6);
    const tree: StreamTree = { stream: items, children: [{ stream: detailStream, children: [] }] };

    const run = runStreamTree(
      {
        source,
        client,
        landing,
        clock,
        reporter: silentReporter,
        logger: silentLogger,
        runId: 'run-1',
        runStartedMs: clock.now(),
        fullRefresh: false,
        batchSize: 1,
      },
      tree,
    );
    await settle();
    expect(details.inFlight).toBe(2);

    // Parent 1's detail makes a full batch, whose commit the landing holds.
    details.finish('1');
    await settle();
    expect(landing.pending).toBe(1);
    expect(details.inFlight).toBe(2);
    expect(details.sent).toBe(3);

    details.finish('2');
    await settle();
    expect(details.inFlight).toBe(1);

    landing.release();
    await settle();
    expect(details.inFlight).toBe(2);

    for (let id = 3; id <= 6; id += 1) {
      details.finish(String(id));
      landing.release();
      await settle();
      landing.release();
      await settle();
    }
    const results = await run;
    expect(results.map((r) => [r.stream, r.status, r.inserted])).toEqual([
      ['fake.items', 'success', 6],
      ['fake.details', 'success', 6],
    ]);
    const landed = landing.committed
      .filter((b) => b.stream.name === 'details')
      .flatMap((b) => b.rows.map((r) => r.sourceId));
    expect(landed.sort()).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});
