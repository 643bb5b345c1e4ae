/**
 * The Greenhouse Harvest v3 simulator: OAuth at `/token` and `/authorize`, list endpoints under
 * `/v3`, with Greenhouse's rules for bearer tokens, scopes, the Site Admin requirement, fixed
 * 30-second rate-limit windows, cursor pagination (the cursor must be the only parameter), pipe
 * filters and id-descending order. Administrative routes under `/_sandbox/` are answered by the
 * sandbox itself and never see injected faults.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../core/clock.js';
import type { World } from '../company/generate.js';
import { indexOfId } from '../company/ids.js';
import type { FaultSettings } from '../http/faults.js';
import { FaultInjector } from '../http/faults.js';
import { FixedWindowBudget } from '../http/fixed-window.js';
import type { WindowDecision } from '../http/fixed-window.js';
import { respond } from '../http/respond.js';
import type { Handler, Listening, Reply, Request } from '../http/server-kit.js';
import { json, listen, parseBearer, readBody, Router, toRequest } from '../http/server-kit.js';
import type { ListEndpoint } from './list-endpoint.js';
import { GreenhouseAuth } from './oauth.js';
import type { Grant, GreenhouseAuthOptions } from './oauth.js';
import { harvestEndpoints } from './resources.js';

export interface GreenhouseServerOptions {
  readonly port: number;
  readonly seed: number;
  readonly auth: GreenhouseAuthOptions;
  /** Requests per fixed window and credential; null turns rate limiting off. */
  readonly rateLimit: { readonly limit: number; readonly windowSeconds: number } | null;
  readonly faults: FaultSettings;
}

const MAX_PER_PAGE = 500;
const DEFAULT_PER_PAGE = 100;
const CURSOR_ALONE = 'When passing a cursor, do not include other query params.';

interface Cursor {
  readonly p: string;
  readonly q: readonly (readonly [string, string])[];
  readonly n: number;
  readonly i: number;
}

export class GreenhouseServer {
  readonly auth: GreenhouseAuth;
  readonly faults: FaultInjector;
  readonly #world: World;
  readonly #endpoints = harvestEndpoints();
  readonly #budget: FixedWindowBudget | null;
  readonly #router = new Router();
  #listening: Listening | null = null;

  private constructor(
    world: World,
    options: GreenhouseServerOptions,
    clock: Clock,
    admin: Handler,
  ) {
    this.#world = world;
    const company = world.company;
    this.auth = new GreenhouseAuth(
      options.auth,
      clock,
      (id) => {
        const index = indexOfId('user', id, company.users.length);
        return index === -1 ? undefined : company.users[index];
      },
      world.staff.serviceAccount,
    );
    this.faults = new FaultInjector(options.seed, 'greenhouse', clock, options.faults);
    this.#budget = options.rateLimit
      ? new FixedWindowBudget(options.rateLimit.limit, options.rateLimit.windowSeconds, clock)
      : null;
    this.#router
      .add('POST', '/token', (r) => this.auth.token(r))
      .add('GET', '/authorize', (r) => this.auth.authorize(r))
      .add('GET', '/v3/rejection_reasons/:id', (r) => this.#api(r, (g) => this.#one(r, g)))
      .add('GET', '/v3/:resource', (r) => this.#api(r, (g) => this.#list(r, g)))
      .add('GET', '/_sandbox/:action', admin)
      .add('POST', '/_sandbox/:action', admin)
      .add('PUT', '/_sandbox/:action', admin);
  }

  /** Starts the server on 127.0.0.1. */
  static async start(
    world: World,
    options: GreenhouseServerOptions,
    clock: Clock,
    admin: Handler,
  ): Promise<GreenhouseServer> {
    const server = new GreenhouseServer(world, options, clock, admin);
    server.#listening = await listen(options.port, (req, res) => server.#handle(req, res));
    return server;
  }

  /** `http://127.0.0.1:PORT` */
  get origin(): string {
    if (!this.#listening) throw new Error('Greenhouse server is not listening');
    return this.#listening.origin;
  }

  async close(): Promise<void> {
    await this.#listening?.close();
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const body = await readBody(req);
    const base = toRequest(req, body);
    const admin = base.path.startsWith('/_sandbox/');
    if (!admin) {
      const decision = await this.faults.before();
      if (decision.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (decision.kind === 'too-many-requests') {
        respond(
          res,
          json(
            429,
            { message: 'Rate limit exceeded' },
            { 'retry-after': String(decision.retryAfterSeconds) },
          ),
          null,
        );
        return;
      }
      if (decision.kind === 'server-error') {
        respond(res, serverError(decision.status), null);
        return;
      }
    }
    const match = this.#router.match(base.method, base.path);
    if (match === 'not-found') {
      respond(res, json(404, { message: 'Resource not found' }), null);
      return;
    }
    if (match === 'method-not-allowed') {
      respond(res, json(405, { message: 'Method not allowed' }), null);
      return;
    }
    const reply = await match.handler({ ...base, params: match.params });
    respond(res, reply, admin ? null : this.faults);
  }

  /** Authentication, the token-expiry fault, the rate limit, then the Site Admin rule. */
  #api(request: Request, serve: (grant: Grant) => Reply): Reply {
    const auth = this.auth.authenticate(parseBearer(request.headers.authorization));
    if (auth.kind !== 'ok') return json(401, { message: 'Unauthorized' });
    const grant = auth.grant;
    grant.calls++;
    if (this.faults.tokenExpired(grant.calls)) {
      grant.revoked = true;
      return json(401, { message: 'Unauthorized' });
    }
    const budget = this.#budget ? this.#budget.take(grant.clientId) : null;
    const headers = rateHeaders(budget);
    if (budget && !budget.allowed) {
      return json(
        429,
        { message: 'Rate limit exceeded' },
        { ...headers, 'retry-after': String(budget.retryAfterSeconds) },
      );
    }
    if (!grant.user.siteAdmin) {
      return json(
        403,
        { message: 'Forbidden', errors: ['List endpoints require a Site Admin user.'] },
        headers,
      );
    }
    const reply = serve(grant);
    return { ...reply, headers: { ...headers, ...reply.headers } };
  }

  #list(request: Request, grant: Grant): Reply {
    const company = this.#world.company;
    const endpoint = this.#endpoints.get(request.params.resource ?? '');
    if (!endpoint) return json(404, { message: 'Resource not found' });
    if (!grant.scopes.has(endpoint.scope)) {
      return json(403, {
        message: 'Forbidden',
        errors: [`This credential lacks the ${endpoint.scope} scope.`],
      });
    }

    const read = readListParams(request, endpoint);
    if ('errors' in read) return json(422, { errors: read.errors });
    const params = new Map(read.cursor.q);
    const fields = params.get('fields');
    const wanted =
      fields === undefined
        ? null
        : fields
            .split(',')
            .map((f) => f.trim())
            .filter(Boolean);
    if (wanted && wanted.length > 50) {
      return json(422, { errors: [{ fields: 'A maximum of 50 fields may be requested.' }] });
    }
    const prepared = endpoint.prepare({ company, viewer: grant.user, params });
    if (!('size' in prepared)) return json(422, { errors: prepared });

    // Scan downwards (id descending) over every row, or over the positions an index offers.
    const positions = prepared.candidates;
    const at = (k: number): number => (positions ? (positions[k] ?? -1) : k);
    let k = positions
      ? lastAtMost(positions, read.cursor.i)
      : Math.min(read.cursor.i, prepared.size - 1);
    const rows: Record<string, unknown>[] = [];
    for (; k >= 0 && rows.length < read.cursor.n; k--) {
      if (prepared.matches(at(k))) rows.push(prepared.render(at(k)));
    }
    while (k >= 0 && !prepared.matches(at(k))) k--;
    const index = k >= 0 ? at(k) : -1;

    this.faults.drift(rows);
    const body = wanted ? rows.map((row) => project(row, wanted)) : rows;
    const headers: Record<string, string> = {};
    if (index >= 0) {
      const next = encodeCursor({ ...read.cursor, i: index });
      headers.link = `<${this.origin}/v3/${endpoint.path}?cursor=${next}>; rel="next"`;
    }
    return json(200, body, headers);
  }

  /** `GET /v3/rejection_reasons/{id}`, one of the few single-record reads v3 has. */
  #one(request: Request, grant: Grant): Reply {
    const company = this.#world.company;
    const endpoint = this.#endpoints.get('rejection_reasons');
    if (!endpoint || !grant.scopes.has(endpoint.scope)) {
      return json(403, {
        message: 'Forbidden',
        errors: ['This credential lacks the harvest:rejection_reasons:list scope.'],
      });
    }
    const id = Number(request.params.id);
    const index = indexOfId('rejectionReason', id, company.rejectionReasons.length);
    const prepared = endpoint.prepare({ company, viewer: grant.user, params: new Map() });
    if (index === -1 || !('size' in prepared)) return json(404, { message: 'Resource not found' });
    return json(200, prepared.render(index));
  }
}

/** The first page's parameters, or a cursor's, checked the way Greenhouse checks them. */
function readListParams(
  request: Request,
  endpoint: ListEndpoint,
): { cursor: Cursor } | { errors: unknown[] } {
  const keys = [...request.query.keys()];
  const cursorText = request.query.get('cursor');
  if (cursorText !== null) {
    if (keys.some((key) => key !== 'cursor') || keys.length > 1) return { errors: [CURSOR_ALONE] };
    const cursor = decodeCursor(cursorText);
    if (!cursor || cursor.p !== endpoint.path) {
      return { errors: ['The cursor is invalid or has expired.'] };
    }
    return { cursor };
  }
  const perPageText = request.query.get('per_page');
  let perPage = DEFAULT_PER_PAGE;
  if (perPageText !== null) {
    perPage = Number(perPageText);
    if (!Number.isInteger(perPage)) {
      return { errors: [{ per_page: `\`${perPageText}\` is not an integer` }] };
    }
    if (perPage > MAX_PER_PAGE) {
      return { errors: [{ per_page: `\`${perPage}\` number is greater than: ${MAX_PER_PAGE}` }] };
    }
    if (perPage < 1) return { errors: [{ per_page: `\`${perPage}\` number is less than: 1` }] };
  }
  const q = [...request.query.entries()].filter(([key]) => key !== 'per_page');
  return { cursor: { p: endpoint.path, q, n: perPage, i: Number.MAX_SAFE_INTEGER } };
}

/** The position of the last element of an ascending list that is at most `limit`, or -1. */
function lastAtMost(sorted: readonly number[], limit: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? 0) <= limit) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { p, q, n, i } = value as Record<string, unknown>;
    if (
      typeof p !== 'string' ||
      !Array.isArray(q) ||
      typeof n !== 'number' ||
      typeof i !== 'number'
    ) {
      return null;
    }
    const pairs = q.filter(
      (pair): pair is [string, string] =>
        Array.isArray(pair) && typeof pair[0] === 'string' && typeof pair[1] === 'string',
    );
    return { p, q: pairs, n, i };
  } catch {
    return null;
  }
}

function rateHeaders(budget: WindowDecision | null): Record<string, string> {
  if (!budget) return {};
  return {
    'x-ratelimit-limit': String(budget.limit),
    'x-ratelimit-remaining': String(budget.remaining),
    'x-ratelimit-reset': String(budget.resetEpochSeconds),
  };
}

function project(row: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (field in row) out[field] = row[field];
  return out;
}

function serverError(status: 500 | 502 | 503): Reply {
  if (status === 502) {
    return {
      status,
      body: '<html><body><h1>502 Bad Gateway</h1></body></html>',
      contentType: 'text/html',
    };
  }
  if (status === 503) return json(503, { message: 'Service Unavailable' }, { 'retry-after': '5' });
  return json(500, { message: 'Server timeout in API' });
}
