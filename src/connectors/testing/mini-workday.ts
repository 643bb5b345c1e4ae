/**
 * A small Workday-shaped server on loopback for fan-out tests and the benchmark: refresh-token
 * grant, `{total, data}` worker pages, and per-worker staffing detail, service dates and personal
 * information. Measures how many child requests are in flight over time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MiniWorkday {
  readonly url: string;
  readonly stats: {
    childRequests: number;
    peakChildInFlight: number;
    averageChildInFlight(): number;
  };
  close(): Promise<void>;
}

export async function startMiniWorkday(options: {
  workers: number;
  childLatencyMs?: number;
}): Promise<MiniWorkday> {
  const wid = (n: number, kind: string): string =>
    `${kind}${n.toString(16)}`.padStart(32, '0').slice(-32);
  let inFlight = 0;
  let area = 0;
  let lastChange = 0;
  let firstChild = 0;
  let lastChild = 0;
  const stats = {
    childRequests: 0,
    peakChildInFlight: 0,
    averageChildInFlight: () => (lastChild > firstChild ? area / (lastChild - firstChild) : 0),
  };
  const track = (delta: number): void => {
    const now = performance.now();
    if (firstChild === 0) firstChild = now;
    if (lastChange > 0) area += inFlight * (now - lastChange);
    lastChange = now;
    lastChild = now;
    inFlight += delta;
    stats.peakChildInFlight = Math.max(stats.peakChildInFlight, inFlight);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: unknown, status = 200): void => {
      res.writeHead(status, {
        'content-type': 'application/json',
        'wd-ratelimit-tokens-remaining': '7199',
      });
      res.end(JSON.stringify(body));
    };
    if (/^\/ccx\/oauth2\/[^/]+\/token$/.test(url.pathname)) {
      return send({
        access_token: 'wd-access',
        token_type: 'Bearer',
        expires_in: 3600,
        refresh_token: 'wd-refresh',
      });
    }
    const list = /^\/ccx\/api\/v1\/[^/]+\/workers$/.exec(url.pathname);
    if (list) {
      const offset = Number(url.searchParams.get('offset') ?? 0);
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20));
      const data = [];
      for (let i = offset; i < Math.min(options.workers, offset + limit); i += 1) {
        data.push({
          id: wid(i + 1, 'a'),
          descriptor: `Worker ${i + 1}`,
          businessTitle: 'Engineer',
          isManager: i % 10 === 0,
        });
      }
      return send({ total: options.workers, data });
    }
    const child =
      /^\/ccx\/api\/staffing\/v6\/[^/]+\/workers\/([0-9a-f]{32})(\/serviceDates)?$/.exec(
        url.pathname,
      ) ??
      /^\/ccx\/api\/person\/v4\/[^/]+\/people\/([0-9a-f]{32})\/personalInformation$/.exec(
        url.pathname,
      );
    if (!child) return send({ error: 'not found' }, 404);
    stats.childRequests += 1;
    track(1);
    setTimeout(() => {
      track(-1);
      const id = child[1] ?? '';
      if (url.pathname.includes('/people/')) {
        return send({ gender: { descriptor: 'Female' }, hispanicOrLatino: false });
      }
      if (child[2]) {
        return send({
          total: 1,
          data: [{ hireDate: '2021-03-15', continuousServiceDate: '2021-03-15' }],
        });
      }
      return send({
        id,
        workerId: id.slice(-5),
        person: { id: `b${id.slice(1)}` },
        primaryJob: { businessTitle: 'Engineer' },
        additionalJobs: [],
      });
    }, options.childLatencyMs ?? 20);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
