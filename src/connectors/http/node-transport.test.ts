import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopback } from '../testing/loopback-server.js';
import type { Loopback } from '../testing/loopback-server.js';
import { NetworkError } from './http-errors.js';
import { createNodeTransport } from './node-transport.js';

let server: Loopback | undefined;
const transport = createNodeTransport({ maxSockets: 4 });

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failureOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(NetworkError);
  return (error as NetworkError).failure;
}

describe('node transport', () => {
  it('returns status, lower-case headers and the body, and sends the request body', async () => {
    server = await startLoopback((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        res.writeHead(201, { 'X-RateLimit-Remaining': '49', 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, body }));
      });
    });
    const response = await transport.send(
      { method: 'POST', url: `${server.url}/x`, headers: {}, body: 'a=1' },
      { timeoutMs: 5_000 },
    );
    expect(response.status).toBe(201);
    expect(response.headers['x-ratelimit-remaining']).toBe('49');
    expect(JSON.parse(response.body)).toEqual({ method: 'POST', body: 'a=1' });
  });

  it('decodes gzip bodies', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(gzipSync('[{"id":1}]'));
    });
    expect(
      (await transport.send({ method: 'GET', url: server.url, headers: {} }, { timeoutMs: 5_000 }))
        .body,
    ).toBe('[{"id":1}]');
  });

  it('reports a body shorter than its Content-Length as truncated', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('[{"id":1},');
      setTimeout(() => res.socket?.destroy(), 5);
    });
    expect(
      await failureOf(
        transport.send({ method: 'GET', url: server.url, headers: {} }, { timeoutMs: 5_000 }),
      ),
    ).toBe('truncated');
  });

  it('reports a connection reset before any response', async () => {
    server = await startLoopback((req) => req.socket.destroy());
    expect(
      await failureOf(
        transport.send({ method: 'GET', url: server.url, headers: {} }, { timeoutMs: 5_000 }),
      ),
    ).toBe('reset');
  });

  it('reports a refused connection', async () => {
    const closed = await startLoopback(() => undefined);
    const url = closed.url;
    await closed.close();
    expect(
      await failureOf(transport.send({ method: 'GET', url, headers: {} }, { timeoutMs: 5_000 })),
    ).toBe('refused');
  });

  it('times out a server that never answers', async () => {
    server = await startLoopback(() => undefined);
    expect(
      await failureOf(
        transport.send({ method: 'GET', url: server.url, headers: {} }, { timeoutMs: 50 }),
      ),
    ).toBe('timeout');
  });
});
