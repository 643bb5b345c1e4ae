/**
 * The real transport on `node:http`/`node:https` with keep-alive pools. This is the one place
 * where socket errors, timeouts and short bodies become {@link NetworkError}s.
 */
import http from 'node:http';
import https from 'node:https';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { HttpRequest, HttpResponse, SendOptions, Transport } from './http-types.js';
import { NetworkError } from './http-errors.js';
import type { NetworkFailure } from './http-errors.js';

const gunzipAsync = promisify(gunzip);

export interface NodeTransportOptions {
  /** Sockets kept per host; match the source's concurrency. */
  readonly maxSockets?: number;
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 16 };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  return {
    send: (request, sendOptions) => send(request, sendOptions, httpAgent, httpsAgent),
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function send(
  request: HttpRequest,
  options: SendOptions,
  httpAgent: http.Agent,
  httpsAgent: https.Agent,
): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch (cause) {
      reject(new NetworkError('other', request.url, cause));
      return;
    }
    const secure = url.protocol === 'https:';
    const lib = secure ? https : http;
    let settled = false;
    const fail = (failure: NetworkFailure, cause?: unknown): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(new NetworkError(failure, request.url, cause));
    };
    const headers: Record<string, string> = { 'accept-encoding': 'gzip', ...request.headers };
    if (request.body !== undefined) {
      headers['content-length'] = String(Buffer.byteLength(request.body));
    }
    const req = lib.request(url, {
      method: request.method,
      headers,
      agent: secure ? httpsAgent : httpAgent,
    });
    const timer = setTimeout(() => fail('timeout'), options.timeoutMs);
    const onAbort = (): void => fail('other', options.signal?.reason);
    options.signal?.addEventListener('abort', onAbort, { once: true });

    req.on('error', (error: NodeJS.ErrnoException) => fail(failureOf(error), error));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('aborted', () => fail('truncated'));
      res.on('error', (error: NodeJS.ErrnoException) =>
        fail(error.code === 'ECONNRESET' ? 'truncated' : failureOf(error), error),
      );
      res.on('end', () => {
        if (settled) return;
        const raw = Buffer.concat(chunks);
        const declared = res.headers['content-length'];
        if (!res.complete || (declared !== undefined && Number(declared) !== raw.length)) {
          fail('truncated');
          return;
        }
        decode(raw, res.headers['content-encoding']).then(
          (body) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), body });
          },
          (cause: unknown) => fail('truncated', cause),
        );
      });
    });
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

async function decode(raw: Buffer, encoding: string | undefined): Promise<string> {
  if (encoding === 'gzip') return (await gunzipAsync(raw)).toString('utf8');
  return raw.toString('utf8');
}

function failureOf(error: NodeJS.ErrnoException): NetworkFailure {
  switch (error.code) {
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ECONNABORTED':
      return 'reset';
    case 'ECONNREFUSED':
      return 'refused';
    case 'ETIMEDOUT':
      return 'timeout';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'HPE_INVALID_CONSTANT':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return 'truncated';
    default:
      return 'other';
  }
}

function flatten(headers: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
