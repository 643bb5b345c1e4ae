/**
 * End to end over a fake API and a real DuckDB file: landing, idempotent re-runs, incremental
 * windows, quarantine, tombstones, crash recovery, fan-out, API call log and redaction.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import { memoryLogger } from '../../core/log.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import { fakeTransport, json } from '../testing/fake-transport.js';
import type { Handler } from '../testing/fake-transport.js';
import { TEST_ENV, testSpec } from '../testing/test-spec.js';
import type { SyncEvent } from '../progress/sync-events.js';
import { NetworkError } from '../http/http-errors.js';
import { syncSources } from './sync-sources.js';

let dir: string;
let warehouse: Warehouse;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hrflow-sync-'));
  warehouse = await Warehouse.open({ path: join(dir, 'wh.duckdb'), catalog: 'hr_test' });
});

afterEach(async () => {
  await warehouse.close();
  rmSync(dir, { recursive: true, force: true });
});

const TOKEN_URL = 'https://auth.example.test/token';

interface Item {
  id: number;
  name: string;
  updated_at: string;
}

/** A Greenhouse-like API: bare arrays, Link cursors, two-sided updated_at filter. */
function fakeApi(items: () => Item[], extra: Handler = () => undefined as never) {
  return fakeTransport((req, url) => {
    if (req.url === TOKEN_URL) {
      return json({ access_token: 'access-abcdef-123', expires_at: '2030-01-01T00:00:00Z' });
    }
    if (url.pathname.startsWith('/v1/details/')) return extra(req, url);
    const cursor = url.searchParams.get('cursor');
    let offset = 0;
    let size = Number(url.searchParams.get('per_page') ?? 2);
    let filter = url.searchParams.get('updated_at');
    if (cursor) {
      ({ offset, size, filter } = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as {
        offset: number;
        size: number;
        filter: string | null;
      });
    }
    let rows = [...items()].sort((a, b) => b.id - a.id);
    if (filter) {
      const [, gte, , lte] = filter.split('|');
      rows = rows.filter((r) => r.updated_at >= (gte ?? '') && r.updated_at <= (lte ?? '~'));
    }
    const page = rows.slice(offset, offset + size);
    const next =
      offset + size < rows.length
        ? Buffer.from(JSON.stringify({ offset: offset + size, size, filter })).toString('base64url')
        : undefined;
    return json(
      page,
      200,
      next ? { link: `<https://api.example.test/v1/items?cursor=${next}>; rel="next"` } : {},
    );
  });
}

const incrementalSpec = (streamPatch: Record<string, unknown> = {}) =>
  testSpec({
    streams: {
      items: {
        path: '/items',
        primary_key: ['id'],
        pagination: { kind: 'link_header', page_size_param: 'per_page', page_size: 2 },
        incremental: {
          cursor_field: 'updated_at',
          params: { updated_at: 'gte|{start}|lte|{end}' },
          start: '2020-01-01T00:00:00Z',
          lookback: '1h',
        },
        schema: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
        },
        pii: { name: ['name'] },
        ...streamPatch,
      },
    },
  });

async function rows(sql: string): Promise<Record<string, unknown>[]> {
  return warehouse.withSession((s) => s.query(sql));
}

const seed = (): Item[] => [
  { id: 1, name: 'Ada', updated_at: '2025-06-01T00:00:00Z' },
  { id: 2, name: 'Grace', updated_at: '2025-06-02T00:00:00Z' },
  { id: 3, name: 'Linus', updated_at: '2025-06-03T00:00:00Z' },
  { id: 4, name: 'Barbara', updated_at: '2025-06-04T00:00:00Z' },
  { id: 5, name: 'Edsger', updated_at: '2025-06-05T00:00:00Z' },
];

describe('syncSources', () => {
  it('lands every record once with the bronze columns and advances the cursor with them', async () => {
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const transport = fakeApi(seed);
    const summary = await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock,
      runId: 'run-1',
    });
    expect(summary.failures).toBe(0);
    expect(summary.streams[0]).toMatchObject({
      status: 'success',
      records: 5,
      inserted: 5,
      pages: 3,
    });
    const landed = await rows(
      `SELECT source_system, entity, source_id, run_id, payload->>'name' AS name, length(payload_hash) AS h, is_deleted, pulled_at
       FROM bronze.fake_items ORDER BY source_id`,
    );
    expect(landed.map((r) => r.source_id)).toEqual(['1', '2', '3', '4', '5']);
    expect(landed[0]).toMatchObject({
      source_system: 'fake',
      entity: 'items',
      run_id: 'run-1',
      name: 'Ada',
      h: '64',
      is_deleted: false,
    });
    const state = await rows(
      `SELECT state->>'cursor' AS cursor FROM hrflow.source_state WHERE stream = 'items'`,
    );
    expect(state).toEqual([{ cursor: '2026-01-01T00:00:00Z' }]);
  });

  it('adds nothing when the same window is synced again, and only changes after that', async () => {
    const data = seed();
    const transport = fakeApi(() => data);
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    await syncSources({ warehouse, specs: [incrementalSpec()], env: TEST_ENV, transport, clock });
    await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock,
      fullRefresh: true,
    });
    expect(await rows('SELECT count(*) AS n FROM bronze.fake_items')).toEqual([{ n: '5' }]);

    clock.advance(3_600_000);
    data[1] = { id: 2, name: 'Grace Hopper', updated_at: '2026-01-01T00:30:00Z' };
    const summary = await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock,
    });
    expect(summary.streams[0]).toMatchObject({
      records: 1,
      inserted: 1,
      window: { start: '2025-12-31T23:00:00Z', end: '2026-01-01T01:00:00Z' },
    });
    const filter = new URL(transport.requests.at(-1)?.url ?? '').searchParams.get('updated_at');
    expect(filter).toBe('gte|2025-12-31T23:00:00Z|lte|2026-01-01T01:00:00Z');
    expect(
      await rows(
        `SELECT payload->>'name' AS name FROM bronze.fake_items WHERE source_id = '2' ORDER BY load_seq`,
      ),
    ).toEqual([{ name: 'Grace' }, { name: 'Grace Hopper' }]);
  });

  it('quarantines records failing their schema and goes on', async () => {
    const data: unknown[] = [...seed(), { id: 6, updated_at: '2025-06-06T00:00:00Z' }];
    const transport = fakeApi(() => data as Item[]);
    const summary = await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    expect(summary.streams[0]).toMatchObject({ status: 'success', inserted: 5, quarantined: 1 });
    expect(await rows(`SELECT source_id, reason FROM bronze._quarantine`)).toEqual([
      { source_id: '6', reason: "(record) must have required property 'name'" },
    ]);
  });

  it('keeps what landed when the network goes down, says how to resume, and recovers without duplicates', async () => {
    const batchSize = 2;
    let down = false;
    let served = 0;
    const api = fakeApi(seed);
    const transport = fakeTransport((req) => {
      if (down && req.url !== TOKEN_URL && served++ >= 1) {
        throw new NetworkError('refused', req.url);
      }
      return api.send(req, { timeoutMs: 1 });
    });
    down = true;
    const clock = new FakeClock();
    const failed = await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock,
      batchSize,
    });
    const result = failed.streams[0];
    expect(result?.status).toBe('failed');
    expect(result?.error?.code).toBe('source-network-down');
    expect(result?.error?.hint).toContain('kept in bronze.fake_items');
    expect(result?.error?.hint).toContain('hrflow sync fake.items');
    expect(await rows('SELECT count(*) AS n FROM bronze.fake_items')).toEqual([{ n: '2' }]);
    expect(await rows('SELECT count(*) AS n FROM hrflow.source_state')).toEqual([{ n: '0' }]);

    down = false;
    const again = await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock,
      batchSize,
    });
    expect(again.failures).toBe(0);
    expect(await rows('SELECT source_id FROM bronze.fake_items ORDER BY source_id')).toEqual(
      ['1', '2', '3', '4', '5'].map((source_id) => ({ source_id })),
    );
  });

  it('writes tombstones for ids that disappeared from a complete read', async () => {
    let data = seed();
    const spec = testSpec({
      streams: {
        items: {
          path: '/items',
          primary_key: ['id'],
          pagination: { kind: 'link_header', page_size_param: 'per_page', page_size: 2 },
          track_deletes: true,
        },
      },
    });
    const transport = fakeApi(() => data);
    await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    data = data.filter((d) => d.id !== 3);
    const summary = await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    expect(summary.streams[0]).toMatchObject({ tombstoned: 1, inserted: 1 });
    expect(
      await rows(`SELECT source_id, is_deleted, payload FROM bronze.fake_items WHERE is_deleted`),
    ).toEqual([{ source_id: '3', is_deleted: true, payload: null }]);
    await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    expect(await rows(`SELECT count(*) AS n FROM bronze.fake_items WHERE is_deleted`)).toEqual([
      { n: '1' },
    ]);
  });

  it('does not tombstone a record that a complete read quarantined: it still exists', async () => {
    let data: unknown[] = seed();
    const spec = testSpec({
      streams: {
        items: {
          path: '/items',
          primary_key: ['id'],
          pagination: { kind: 'link_header', page_size_param: 'per_page', page_size: 2 },
          track_deletes: true,
          schema: { type: 'object', required: ['id', 'name'] },
        },
      },
    });
    const transport = fakeApi(() => data as Item[]);
    const sync = () =>
      syncSources({ warehouse, specs: [spec], env: TEST_ENV, transport, clock: new FakeClock() });
    await sync();
    data = seed().map((d) => (d.id === 4 ? { id: 4, updated_at: d.updated_at } : d));
    const summary = await sync();
    expect(summary.streams[0]).toMatchObject({ quarantined: 1, tombstoned: 0 });
  });

  it('reconciles an incremental stream after its first sync and refuses to tombstone most of it at once', async () => {
    let data = seed();
    const transport = fakeApi(() => data);
    const spec = incrementalSpec({
      reconcile: { params: { fields: 'id' }, max_delete_fraction: 0.5 },
    });
    await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    // The first sync fills an empty table, so it lists no ids.
    const listsIds = () =>
      transport.requests.some((r) => new URL(r.url).searchParams.get('fields') === 'id');
    expect(listsIds()).toBe(false);
    data = data.filter((d) => d.id !== 5);
    const one = await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
    });
    expect(one.streams[0]?.tombstoned).toBe(1);
    expect(listsIds()).toBe(true);
    data = data.slice(0, 1);
    const logger = memoryLogger();
    const many = await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
      logger,
    });
    expect(many.streams[0]?.tombstoned).toBe(0);
    expect(logger.events.some((e) => e.code === 'source-tombstones-withheld')).toBe(true);
  });

  it('fans a child stream out per parent record within its concurrency cap', async () => {
    let inFlight = 0;
    let peak = 0;
    const clock = new FakeClock(Date.UTC(2026, 0, 1));
    const transport = fakeApi(seed, async (_req, url) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      const id = url.pathname.split('/').pop();
      return json({ detail: `about ${id}`, effective: '2025-04-01-07:00' });
    });
    const spec = testSpec({
      streams: {
        items: { path: '/items', primary_key: ['id'], pagination: { kind: 'link_header' } },
        details: {
          path: '/details/{parent.id}',
          primary_key: ['$parent.id'],
          parent: { stream: 'items', concurrency: 2 },
          effective_date: '{record.effective}',
        },
      },
    });
    const summary = await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock,
      select: ['fake.details'],
    });
    expect(summary.streams.map((s) => [s.stream, s.status, s.inserted])).toEqual([
      ['fake.items', 'success', 5],
      ['fake.details', 'success', 5],
    ]);
    expect(peak).toBe(2);
    expect(
      await rows(
        `SELECT source_id, effective_date::VARCHAR AS d FROM bronze.fake_details ORDER BY source_id LIMIT 1`,
      ),
    ).toEqual([{ source_id: '1', d: '2025-04-01' }]);
  });

  it('skips and tombstones a parent whose child read answers 404 because it is gone', async () => {
    let gone = new Set<string>();
    const transport = fakeApi(seed, (_req, url) => {
      const id = url.pathname.split('/').pop() ?? '';
      return gone.has(id) ? json({ message: 'Resource not found' }, 404) : json({ detail: id });
    });
    const spec = testSpec({
      streams: {
        items: { path: '/items', primary_key: ['id'], pagination: { kind: 'link_header' } },
        details: {
          path: '/details/{parent.id}',
          primary_key: ['$parent.id'],
          parent: { stream: 'items', concurrency: 2 },
        },
      },
    });
    const logger = memoryLogger();
    const sync = () =>
      syncSources({
        warehouse,
        specs: [spec],
        env: TEST_ENV,
        transport,
        logger,
        clock: new FakeClock(Date.UTC(2026, 0, 1)),
        select: ['fake.details'],
      });
    await sync();
    gone = new Set(['3']);
    const summary = await sync();
    expect(
      summary.streams.map((s) => [s.stream, s.status, s.parentsGone, s.tombstoned, s.records]),
    ).toEqual([
      ['fake.items', 'success', 0, 0, 5],
      ['fake.details', 'success', 1, 1, 4],
    ]);
    expect(
      await rows(
        `SELECT source_id, is_deleted FROM bronze.fake_details
         QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY load_seq DESC) = 1
         ORDER BY source_id`,
      ),
    ).toEqual(['1', '2', '3', '4', '5'].map((id) => ({ source_id: id, is_deleted: id === '3' })));
    expect(logger.events.filter((e) => e.code === 'source-parent-gone')).toMatchObject([
      { level: 'warn', data: { stream: 'fake.details', id: '3', status: 404 } },
    ]);
  });

  it('still fails a child stream fast on other 4xx, and when most parents answer 404', async () => {
    const spec = (path: string) =>
      testSpec({
        streams: {
          items: { path: '/items', primary_key: ['id'], pagination: { kind: 'link_header' } },
          details: { path, primary_key: ['$parent.id'], parent: { stream: 'items' } },
        },
      });
    const transport = fakeApi(seed, (_req, url) => {
      if (url.pathname.startsWith('/v1/details/wrong/')) {
        return json({ message: 'Resource not found' }, 404);
      }
      return url.pathname.endsWith('/4')
        ? json({ message: 'bad parameter' }, 400)
        : json({ detail: 'ok' });
    });
    const sync = (path: string) =>
      syncSources({
        warehouse,
        specs: [spec(path)],
        env: TEST_ENV,
        transport,
        clock: new FakeClock(Date.UTC(2026, 0, 1)),
        select: ['fake.details'],
      });
    const rejected = (await sync('/details/{parent.id}')).streams[1];
    expect([rejected?.status, rejected?.error?.message]).toEqual([
      'failed',
      'fake: GET https://api.example.test/v1/details/4 answered HTTP 400: {"message":"bad parameter"}',
    ]);
    const wrongPath = (await sync('/details/wrong/{parent.id}')).streams[1];
    expect([wrongPath?.status, wrongPath?.parentsGone, wrongPath?.error?.message]).toEqual([
      'failed',
      5,
      'fake.details: /details/wrong/{parent.id} answered 404 for 5 of 5 parents',
    ]);
  });

  it('sets aside a parent without the field its child request is built from, and goes on', async () => {
    const items = (): Item[] =>
      seed().map((item) => (item.id === 3 ? { ...item, name: '' } : item));
    const transport = fakeApi(items, (_req, url) =>
      json({ detail: `about ${decodeURIComponent(url.pathname.split('/').pop() ?? '')}` }),
    );
    const spec = testSpec({
      streams: {
        items: { path: '/items', primary_key: ['id'], pagination: { kind: 'link_header' } },
        details: {
          path: '/details/{parent.name}',
          primary_key: ['$parent.id'],
          parent: { stream: 'items', concurrency: 2 },
        },
      },
    });
    const summary = await syncSources({
      warehouse,
      specs: [spec],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(Date.UTC(2026, 0, 1)),
      select: ['fake.details'],
    });
    expect(summary.streams.map((s) => [s.stream, s.status, s.inserted, s.quarantined])).toEqual([
      ['fake.items', 'success', 5, 0],
      ['fake.details', 'success', 4, 1],
    ]);
    expect(await rows(`SELECT entity, source_id, reason FROM bronze._quarantine`)).toEqual([
      {
        entity: 'details',
        source_id: '3',
        reason: 'the parent record has no name, so /details/{parent.name} could not be requested',
      },
    ]);
  });

  it('records every HTTP call, and no secret reaches bronze, state, logs or events', async () => {
    const logger = memoryLogger();
    const events: SyncEvent[] = [];
    let failures = 1;
    const api = fakeApi(seed);
    const transport = fakeTransport(async (req) => {
      if (req.url !== TOKEN_URL && failures-- > 0) {
        return json({ message: `boom ${TEST_ENV.TEST_CLIENT_SECRET}` }, 503);
      }
      return api.send(req, { timeoutMs: 1 });
    });
    await syncSources({
      warehouse,
      specs: [incrementalSpec()],
      env: TEST_ENV,
      transport,
      clock: new FakeClock(),
      logger,
      reporter: { event: (e) => events.push(e) },
    });
    const calls = await rows(
      `SELECT endpoint, http_status, retry_count, error FROM bronze._api_calls ORDER BY called_at, retry_count`,
    );
    expect(calls[0]).toMatchObject({ endpoint: '/token', http_status: 200 });
    expect(calls.filter((c) => c.endpoint === '/v1/items')).toHaveLength(4);
    expect(calls.some((c) => c.http_status === 503 && c.retry_count === 0)).toBe(true);
    const everything = JSON.stringify([
      calls,
      await rows('SELECT * FROM bronze.fake_items'),
      await rows('SELECT * FROM hrflow.source_state'),
      logger.events,
      events,
    ]);
    for (const secret of [TEST_ENV.TEST_CLIENT_SECRET, 'access-abcdef-123']) {
      expect(everything).not.toContain(secret);
    }
  });
});
