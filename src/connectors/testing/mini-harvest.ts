/**
 * A small Harvest-v3-shaped server on loopback for connector integration tests and the
 * benchmark, until the project's sandbox simulators land: OAuth client credentials, bare
 * arrays, Link cursors that must travel alone, `updated_at` windows, id-descending order, a
 * fixed rate-limit window per credential, and injectable faults. Deterministic for a seed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Faults {
  /** Share of data requests answered 500/502/503. */
  readonly serverErrors?: number;
  /** Share of data requests whose connection is reset before answering. */
  readonly resets?: number;
  /** Share of data requests whose body is cut short. */
  readonly truncations?: number;
  /** Every n-th data request starts a storm of `stormLength` 429s. */
  readonly stormEvery?: number;
  readonly stormLength?: number;
  /** Added latency per data request, milliseconds. */
  readonly latencyMs?: number;
  /** Seconds after which the server refuses a token with 401, whatever it announced. */
  readonly tokenLifetimeS?: number;
}

export interface MiniHarvestOptions {
  readonly candidates: number;
  readonly applicationsPerCandidate?: number;
  readonly stagesPerApplication?: number;
  readonly limit?: number;
  readonly windowMs?: number;
  readonly seed?: number;
  readonly faults?: Faults;
}

export interface MiniHarvest {
  readonly url: string;
  readonly stats: {
    requests: number;
    rateLimited: number;
    rateLimitedAfterFirstWindow: number;
    faults: number;
    firstRequestAt: number;
    unauthorized: number;
  };
  close(): Promise<void>;
}

const BASE_TIME = Date.UTC(2025, 0, 1);

export async function startMiniHarvest(options: MiniHarvestOptions): Promise<MiniHarvest> {
  const limit = options.limit ?? 50;
  const windowMs = options.windowMs ?? 30_000;
  const faults = options.faults ?? {};
  const random = mulberry32(options.seed ?? 1);
  const perCandidate = options.applicationsPerCandidate ?? 3;
  const perApplication = options.stagesPerApplication ?? 2;
  const tables = {
    candidates: options.candidates,
    applications: options.candidates * perCandidate,
    application_stages: options.candidates * perCandidate * perApplication,
  } as const;
  const windows = new Map<number, number>();
  const tokens = new Map<string, number>();
  const stats = {
    requests: 0,
    rateLimited: 0,
    rateLimitedAfterFirstWindow: 0,
    faults: 0,
    firstRequestAt: 0,
    unauthorized: 0,
  };
  let storm = 0;
  let tokenSeq = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/token') {
      const basic = Buffer.from('bench-client:bench-secret').toString('base64');
      if (req.headers.authorization !== `Basic ${basic}`) {
        return send(res, 401, { error: 'invalid_client' });
      }
      const token = `mini-token-${++tokenSeq}`;
      tokens.set(token, Date.now() + (faults.tokenLifetimeS ?? 3600) * 1000);
      // Announces an hour even when the server expires it sooner: a token revoked mid-sync.
      return send(res, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
      });
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const expires = tokens.get(token);
    if (expires === undefined || expires < Date.now()) {
      stats.unauthorized += 1;
      return send(res, 401, { message: 'Unauthorized' });
    }

    stats.requests += 1;
    if (stats.firstRequestAt === 0) stats.firstRequestAt = Date.now();
    const now = Date.now();
    const window = Math.floor(now / windowMs);
    const resetS = Math.ceil(((window + 1) * windowMs) / 1000);
    const used = (windows.get(window) ?? 0) + 1;
    const rateHeaders = {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(Math.max(0, limit - used)),
      'x-ratelimit-reset': String(resetS),
    };
    const retryAfter = String(Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)));
    if (used > limit) {
      stats.rateLimited += 1;
      if (now >= stats.firstRequestAt + windowMs) stats.rateLimitedAfterFirstWindow += 1;
      return send(
        res,
        429,
        { message: 'Rate limit exceeded' },
        { ...rateHeaders, 'retry-after': retryAfter },
      );
    }
    windows.set(window, used);

    if (storm > 0 || (faults.stormEvery && stats.requests % faults.stormEvery === 0)) {
      if (storm === 0) storm = faults.stormLength ?? 3;
      storm -= 1;
      stats.faults += 1;
      return send(
        res,
        429,
        { message: 'Rate limit exceeded' },
        { ...rateHeaders, 'retry-after': '1' },
      );
    }
    const roll = random();
    const errorsUpTo = faults.serverErrors ?? 0;
    const resetsUpTo = errorsUpTo + (faults.resets ?? 0);
    const truncUpTo = resetsUpTo + (faults.truncations ?? 0);
    if (roll < errorsUpTo) {
      stats.faults += 1;
      return send(
        res,
        [500, 502, 503][Math.floor(random() * 3)] ?? 500,
        { message: 'Server timeout in API' },
        rateHeaders,
      );
    }
    if (roll < resetsUpTo) {
      stats.faults += 1;
      req.socket.destroy();
      return;
    }
    const answer = (): void => {
      const page = listPage(url, tables);
      if ('error' in page) return send(res, 422, { errors: [page.error] }, rateHeaders);
      const headers: Record<string, string> = { ...rateHeaders };
      if (page.next) {
        headers.link = `<http://${req.headers.host ?? ''}${url.pathname}?cursor=${page.next}>; rel="next"`;
      }
      const body = JSON.stringify(page.rows);
      if (roll < truncUpTo) {
        stats.faults += 1;
        res.writeHead(200, {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          ...headers,
        });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 2);
        return;
      }
      send(res, 200, body, headers);
    };
    if (faults.latencyMs) setTimeout(answer, faults.latencyMs);
    else answer();
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

type Table = 'candidates' | 'applications' | 'application_stages';

function listPage(
  url: URL,
  tables: Record<Table, number>,
): { rows: unknown[]; next: string | undefined } | { error: string } {
  const table = url.pathname.replace(/^\/v3\//, '') as Table;
  if (!(table in tables)) return { error: `unknown resource ${url.pathname}` };
  const cursor = url.searchParams.get('cursor');
  let state: { before: number; size: number; gte: number; lte: number; onlyId: boolean };
  if (cursor !== null) {
    if ([...url.searchParams.keys()].length !== 1) {
      return { error: 'When passing a cursor, do not include other query params.' };
    }
    state = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as typeof state;
  } else {
    const size = Number(url.searchParams.get('per_page') ?? 100);
    if (!(size >= 1 && size <= 500)) return { error: `per_page ${size} is out of range` };
    const [, gte, , lte] = (url.searchParams.get('updated_at') ?? '').split('|');
    state = {
      before: tables[table] + 1,
      size,
      gte: gte ? Date.parse(gte) : 0,
      lte: lte ? Date.parse(lte) : Number.MAX_SAFE_INTEGER,
      onlyId: url.searchParams.get('fields') === 'id',
    };
  }
  const rows: unknown[] = [];
  let id = state.before - 1;
  for (; id >= 1 && rows.length < state.size; id -= 1) {
    const updated = BASE_TIME + id * 60_000;
    if (updated < state.gte || updated > state.lte) continue;
    rows.push(state.onlyId ? { id } : record(table, id, updated));
  }
  const more = id >= 1 && BASE_TIME + 60_000 <= state.lte && rows.length === state.size;
  const next = more
    ? Buffer.from(JSON.stringify({ ...state, before: id + 1 })).toString('base64url')
    : undefined;
  return { rows, next };
}

function record(table: Table, id: number, updated: number): Record<string, unknown> {
  const at = new Date(updated).toISOString();
  switch (table) {
    case 'candidates':
      return {
        id,
        first_name: `First${id}`,
        last_name: `Last${id}`,
        company: 'Acme',
        title: 'Engineer',
        private: id % 17 === 0,
        email_addresses: [{ value: `c${id}@example.com`, type: 'personal' }],
        phone_numbers: [],
        addresses: [],
        created_at: at,
        updated_at: at,
      };
    case 'applications':
      return {
        id,
        candidate_id: Math.ceil(id / 3),
        job_id: 1000 + (id % 40),
        status: ['in_process', 'rejected', 'hired'][id % 3],
        prospect: false,
        created_at: at,
        updated_at: at,
      };
    case 'application_stages':
      return {
        id,
        application_id: Math.ceil(id / 2),
        job_interview_stage_id: 800 + (id % 6),
        entered_at: at,
        exited_at: null,
        created_at: at,
        updated_at: at,
      };
    default:
      return { id };
  }
}

function send(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(text);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
