/** An in-memory transport: a handler answers each request; every request is kept for asserts. */
import type { HttpRequest, HttpResponse, Transport } from '../http/http-types.js';

export type Handler = (request: HttpRequest, url: URL) => HttpResponse | Promise<HttpResponse>;

export interface FakeTransport extends Transport {
  readonly requests: HttpRequest[];
}

export function fakeTransport(handler: Handler): FakeTransport {
  const requests: HttpRequest[] = [];
  return {
    requests,
    send: async (request) => {
      requests.push(request);
      return handler(request, new URL(request.url));
    },
  };
}

export function json(
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): HttpResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}
