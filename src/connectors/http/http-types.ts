/** The HTTP exchange as the connector runtime sees it: plain data, no streams or sockets. */

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequest {
  readonly method: HttpMethod;
  /** Absolute URL, query string included. */
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  /** Header names in lower case; repeated headers joined with `, `. */
  readonly headers: Readonly<Record<string, string>>;
  /** The whole body, decoded as UTF-8. */
  readonly body: string;
}

export interface SendOptions {
  /** Time allowed for the whole exchange, body included. */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/**
 * Sends one request. Implementations translate their own failures (socket errors, timeouts,
 * bodies cut short) into `source-network-down` errors marked retryable, and never retry.
 */
export interface Transport {
  send(request: HttpRequest, options: SendOptions): Promise<HttpResponse>;
  /** Releases pooled connections. */
  close?(): void;
}
