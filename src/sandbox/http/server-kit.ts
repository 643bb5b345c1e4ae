/**
 * The small HTTP toolkit both simulators share: a loopback listener, a router keyed by method and
 * path pattern, JSON and text replies, body reading with a size cap, and Basic-auth parsing.
 * Handlers throw nothing on purpose; anything unexpected becomes a 500 with a generic body so a
 * simulator bug looks like a vendor outage rather than a hung connection.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HrflowError } from '../../core/errors.js';

/** One request as a route handler sees it. */
export interface Request {
  readonly method: string;
  /** The path without the query string, percent-decoded per segment by the router. */
  readonly path: string;
  readonly query: URLSearchParams;
  /** The raw query string without the `?`, for rules about which parameters were sent. */
  readonly rawQuery: string;
  readonly headers: IncomingMessage['headers'];
  /** Path parameters captured by the route pattern. */
  readonly params: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly raw: IncomingMessage;
}

/** What a handler answers; the server writes it, through the fault injector. */
export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** JSON-serialisable value, or a string/Buffer sent as is. */
  readonly body?: unknown;
  /** Content type when `body` is a string or Buffer. */
  readonly contentType?: string;
}

export type Handler = (request: Request) => Reply | Promise<Reply>;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly handler: Handler;
}

/** Routes by method and a path template such as `/v3/:resource`. */
export class Router {
  readonly #routes: Route[] = [];

  add(method: string, template: string, handler: Handler): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          names.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.#routes.push({ method, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The handler and captured parameters for a request, or why none matched. */
  match(
    method: string,
    path: string,
  ): { handler: Handler; params: Record<string, string> } | 'not-found' | 'method-not-allowed' {
    let pathMatched = false;
    for (const route of this.#routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(found[i + 1] ?? '');
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method-not-allowed' : 'not-found';
  }
}

/** A running loopback server. */
export interface Listening {
  readonly server: Server;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

/** Starts `handle` on 127.0.0.1; port 0 picks a free port. */
export async function listen(
  port: number,
  handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<Listening> {
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end('{"message":"Internal Server Error"}');
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new HrflowError('sandbox-error', `cannot listen on 127.0.0.1:${port}: ${error.message}`, {
          cause: error,
          hint:
            error.code === 'EADDRINUSE' ? 'Pick another --port or stop what uses it.' : undefined,
        }),
      );
    });
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Reads the whole request body, refusing more than `limit` bytes. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new HrflowError('sandbox-error', 'request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

/** Builds the {@link Request} for a raw request and its body. */
export function toRequest(req: IncomingMessage, body: Buffer): Omit<Request, 'params'> {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  const rawQuery = q === -1 ? '' : url.slice(q + 1);
  return {
    method: req.method ?? 'GET',
    path,
    query: new URLSearchParams(rawQuery),
    rawQuery,
    headers: req.headers,
    body,
    raw: req,
  };
}

/** The serialised body and content type of a reply. */
export function encodeReply(reply: Reply): { bytes: Buffer; contentType: string } {
  const body = reply.body;
  if (body === undefined) {
    return { bytes: Buffer.alloc(0), contentType: reply.contentType ?? 'text/plain' };
  }
  if (Buffer.isBuffer(body)) {
    return { bytes: body, contentType: reply.contentType ?? 'application/octet-stream' };
  }
  if (typeof body === 'string') {
    return {
      bytes: Buffer.from(body),
      contentType: reply.contentType ?? 'text/plain; charset=utf-8',
    };
  }
  return {
    bytes: Buffer.from(JSON.stringify(body)),
    contentType: reply.contentType ?? 'application/json; charset=utf-8',
  };
}

/** Writes a reply in one go. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const { bytes, contentType } = encodeReply(reply);
  res.writeHead(reply.status, {
    'content-type': contentType,
    'content-length': String(bytes.length),
    ...reply.headers,
  });
  res.end(bytes);
}

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** The user and password of a Basic `Authorization` header, or null. */
export function parseBasic(header: string | undefined): { user: string; password: string } | null {
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return null;
  return { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** The token of a Bearer `Authorization` header, or null. */
export function parseBearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

/** A form-encoded body as parameters. */
export function parseForm(body: Buffer): URLSearchParams {
  return new URLSearchParams(body.toString('utf8'));
}
