/**
 * One source's HTTP client: every request takes a rate-limit token and a concurrency permit,
 * carries the current credential, is logged as an API call, and is retried by the policy when
 * its error says it is retryable. A 401 renews the credential once. The body is parsed inside
 * the retry loop, so a body cut short is retried like a reset.
 */
import type { Clock } from '../../core/clock.js';
import { HrflowError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import { redactor } from '../../core/redact.js';
import type { AuthStrategy, Credential } from '../auth/auth-strategy.js';
import { tokenEndpointError } from '../auth/oauth2.js';
import type { SyncReporter } from '../progress/sync-events.js';
import type { RateLimiter } from '../rate-limit/rate-limiter.js';
import { scalarText, valueAtPath } from '../records/record-selector.js';
import { parseXml } from '../records/xml.js';
import type { RetryPolicy } from '../retry/retry-policy.js';
import type { ResolvedSource, SourceStreamId } from '../spec/resolved-source.js';
import { Semaphore } from '../sync/semaphore.js';
import {
  bodyExcerpt,
  HttpStatusError,
  NetworkError,
  parseRetryAfter,
  stripQuery,
} from './http-errors.js';
import type { HttpRequest, HttpResponse, Transport } from './http-types.js';

/** One row of `bronze._api_calls`. */
export interface ApiCall {
  readonly source: string;
  readonly stream: SourceStreamId | undefined;
  readonly method: string;
  /** URL path without the query string. */
  readonly endpoint: string;
  /** Undefined when no response came back. */
  readonly httpStatus: number | undefined;
  readonly latencyMs: number;
  /** Earlier attempts of the same logical request. */
  readonly retryCount: number;
  readonly rateLimitRemaining: number | undefined;
  readonly calledAtMs: number;
  readonly error: string | undefined;
}

export interface ApiCallSink {
  record(call: ApiCall): void;
}

export interface SourceClientDeps {
  readonly source: ResolvedSource;
  readonly transport: Transport;
  readonly limiter: RateLimiter;
  readonly retry: RetryPolicy;
  readonly clock: Clock;
  readonly calls: ApiCallSink;
  readonly reporter: SyncReporter;
  readonly logger: Logger;
}

/** Counters per stream, read into the stream's result. */
export interface RequestStats {
  requests: number;
  retries: number;
  rateLimitWaitMs: number;
}

/** A parsed response. */
export interface Fetched {
  readonly response: HttpResponse;
  readonly body: unknown;
}

export type BodyFormat = 'json' | 'xml' | 'text';

/** Renewals one request may make when tokens keep expiring under it. */
const MAX_RENEWALS = 4;

export class SourceClient {
  readonly #deps: SourceClientDeps;
  readonly #permits: Semaphore;
  #auth: AuthStrategy | undefined;
  /** The newest credential generation that was accepted at least once. */
  #acceptedGeneration = -1;

  constructor(deps: SourceClientDeps) {
    this.#deps = deps;
    this.#permits = new Semaphore(deps.source.concurrency);
  }

  /** Attaches the auth strategy (built with {@link tokenFetcher}). */
  useAuth(auth: AuthStrategy): void {
    this.#auth = auth;
  }

  /** Requests in flight right now, and the most at once so far. */
  get inFlight(): { readonly now: number; readonly peak: number } {
    return { now: this.#permits.inUse, peak: this.#permits.peak };
  }

  /** Sends an authorised request and parses its body, retrying as the policy allows. */
  async fetch(
    request: HttpRequest,
    format: BodyFormat,
    stream: SourceStreamId | undefined,
    stats: RequestStats,
  ): Promise<Fetched> {
    const { clock, limiter, source } = this.#deps;
    let attempts = 0;
    let tries = 0;
    let waitedMs = 0;
    let renewals = 0;
    for (;;) {
      const waited = await limiter.acquire();
      if (waited > 0) {
        stats.rateLimitWaitMs += waited;
        this.#deps.reporter.event({
          kind: 'rate-limit-wait',
          source: source.name,
          stream,
          waitedMs: waited,
        });
      }
      let credential: Credential | undefined;
      let outcome: { response?: HttpResponse; body?: unknown; error?: HrflowError };
      try {
        credential = await this.#authorise();
      } catch (error) {
        limiter.settle(undefined);
        throw error;
      }
      const release = await this.#permits.acquire();
      const started = clock.now();
      try {
        outcome = await this.#exchange(
          { ...request, headers: { ...request.headers, ...credential.headers } },
          format,
        );
      } finally {
        release();
      }
      stats.requests += 1;
      limiter.settle(outcome.response?.headers);
      this.#record(request, stream, outcome, started, tries);
      tries += 1;
      if (!outcome.error) {
        this.#acceptedGeneration = Math.max(this.#acceptedGeneration, credential.generation);
        return { response: outcome.response as HttpResponse, body: outcome.body };
      }

      const error = outcome.error;
      if (error instanceof HttpStatusError && error.credentialRefused) {
        // Renew once; again only while the refused tokens are ones the server had accepted
        // before (they expired under a long request), never for a token refused on first use.
        const expired = credential.generation <= this.#acceptedGeneration;
        if (
          (renewals === 0 || (expired && renewals < MAX_RENEWALS)) &&
          this.#auth?.invalidate(credential)
        ) {
          renewals += 1;
          stats.retries += 1;
          continue;
        }
      }
      if (error instanceof HttpStatusError && error.status === 429) {
        limiter.rateLimited(error.retryAfterMs ?? 1_000);
      }
      const decision = this.#deps.retry.decide(error, { attempts, waitedMs });
      if (!decision.retry) throw this.#giveUp(error, request, tries, waitedMs);
      if (decision.counts) attempts += 1;
      stats.retries += 1;
      waitedMs += decision.delayMs;
      this.#deps.reporter.event({
        kind: 'retry',
        source: source.name,
        stream,
        attempt: tries,
        delayMs: decision.delayMs,
        reason: error.message,
      });
      this.#deps.logger.debug(
        'source-retry',
        `${stream ?? source.name}: retrying in ${decision.delayMs} ms: ${error.message}`,
        {
          attempt: tries,
        },
      );
      await clock.sleep(decision.delayMs);
    }
  }

  /**
   * The function OAuth strategies use to reach the token endpoint: no bearer token, no source
   * rate limit (token endpoints have their own), the same retries, and 4xx turned into
   * `source-auth-failed` naming the credential's environment variables.
   */
  tokenFetcher(envNames: readonly string[]): (request: HttpRequest) => Promise<HttpResponse> {
    return async (request) => {
      const { clock, source } = this.#deps;
      let attempts = 0;
      let tries = 0;
      let waitedMs = 0;
      for (;;) {
        const started = clock.now();
        const outcome = await this.#exchange(request, 'text');
        this.#record(request, undefined, outcome, started, tries);
        tries += 1;
        const response = outcome.response;
        if (
          response &&
          response.status >= 400 &&
          response.status < 500 &&
          response.status !== 429 &&
          response.status !== 408
        ) {
          throw tokenEndpointError(
            response,
            source.name,
            stripQuery(request.url),
            envNames,
            source.hints.auth,
          );
        }
        // A success whose JSON does not parse was cut short in transit: retry it like a reset.
        // (A page that is not JSON at all, such as a login form, is not retried.)
        const cutShort =
          !outcome.error && response && isCutShortJson(response.body)
            ? new NetworkError('malformed', request.url)
            : undefined;
        if (!outcome.error && !cutShort && response) return response;
        const error = (outcome.error ?? cutShort) as HrflowError;
        const decision = this.#deps.retry.decide(error, { attempts, waitedMs });
        if (!decision.retry) throw this.#giveUp(error, request, tries, waitedMs);
        if (decision.counts) attempts += 1;
        waitedMs += decision.delayMs;
        this.#deps.reporter.event({
          kind: 'retry',
          source: source.name,
          stream: undefined,
          attempt: tries,
          delayMs: decision.delayMs,
          reason: `token endpoint: ${error.message}`,
        });
        await clock.sleep(decision.delayMs);
      }
    };
  }

  async #authorise(): Promise<Credential> {
    if (!this.#auth) return { headers: {}, generation: 0 };
    return this.#auth.current();
  }

  /** One attempt: send, classify the status, parse the body. Never throws. */
  async #exchange(
    request: HttpRequest,
    format: BodyFormat,
  ): Promise<{ response?: HttpResponse; body?: unknown; error?: HrflowError }> {
    const { transport, source, clock } = this.#deps;
    let response: HttpResponse;
    try {
      response = await transport.send(request, { timeoutMs: source.retry.timeoutMs });
    } catch (error) {
      return {
        error: error instanceof HrflowError ? error : new NetworkError('other', request.url, error),
      };
    }
    const statusError = classifyStatus(response, request, source, clock.now());
    if (statusError) return { response, error: statusError };
    try {
      return { response, body: parseBody(response.body, format) };
    } catch (cause) {
      return { response, error: new NetworkError('malformed', request.url, cause) };
    }
  }

  #record(
    request: HttpRequest,
    stream: SourceStreamId | undefined,
    outcome: { response?: HttpResponse; error?: HrflowError },
    started: number,
    retryCount: number,
  ): void {
    const now = this.#deps.clock.now();
    this.#deps.calls.record({
      source: this.#deps.source.name,
      stream,
      method: request.method,
      endpoint: endpointOf(request.url),
      httpStatus: outcome.response?.status,
      latencyMs: Math.max(0, now - started),
      retryCount,
      rateLimitRemaining: this.#deps.limiter.lastRemaining,
      calledAtMs: started,
      error: outcome.error ? redactor.redact(outcome.error.message).slice(0, 500) : undefined,
    });
  }

  #giveUp(error: HrflowError, request: HttpRequest, tries: number, waitedMs: number): HrflowError {
    if (!error.retryable || tries <= 1) return error;
    const url = stripQuery(request.url);
    const over = waitedMs >= 1_000 ? ` over ${Math.round(waitedMs / 1_000)} s` : '';
    const why = error.message.endsWith(`: ${url}`)
      ? error.message.slice(0, -url.length - 2)
      : error.message;
    const hint =
      error.hint ??
      (error instanceof NetworkError
        ? `Check the network between hrflow and ${hostOf(url)} (VPN, proxy, firewall) and the service's status page.`
        : undefined);
    return new HrflowError(
      error.code,
      redactor.redact(`${request.method} ${url} failed after ${tries} attempts${over}: ${why}`),
      {
        cause: error,
        retryable: error.retryable,
        ...(hint ? { hint } : {}),
        ...(error.details ? { details: error.details } : {}),
      },
    );
  }
}

/** The error a response's status stands for, or undefined for a success. */
export function classifyStatus(
  response: HttpResponse,
  request: HttpRequest,
  source: ResolvedSource,
  nowMs: number,
): HttpStatusError | undefined {
  const status = response.status;
  if (status >= 200 && status < 300) return undefined;
  const what = `${source.name}: ${request.method} ${stripQuery(request.url)} answered HTTP ${status}`;
  const body = bodyExcerpt(response.body);
  if (status === 401) {
    return new HttpStatusError(
      'source-auth-failed',
      `${what}: the access token was refused${body ? ` (${body})` : ''}`,
      status,
      {
        retryable: false,
        hint:
          `hrflow renewed the token and was refused again. Check ${source.auth.envNames.join(', ')}.` +
          (source.hints.auth ? ` ${source.hints.auth}` : ''),
      },
    );
  }
  if (status === 403) {
    return new HttpStatusError(
      'source-forbidden',
      `${what}: the credential may not read this endpoint${body ? ` (${body})` : ''}`,
      status,
      {
        retryable: false,
        hint:
          source.hints.forbidden ?? 'Grant the integration user permission to read this endpoint.',
      },
    );
  }
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(response.headers['retry-after'], nowMs);
    return new HttpStatusError('source-rate-limited', `${what}: rate limit exceeded`, status, {
      retryable: true,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  const fault = status === 500 ? soapFault(response) : undefined;
  if (fault) return soapFaultError(fault, what, source);
  if (status === 408 || status >= 500) {
    return new HttpStatusError(
      'source-request-failed',
      `${what}${body ? `: ${body}` : ''}`,
      status,
      { retryable: true },
    );
  }
  return new HttpStatusError('source-request-failed', `${what}${body ? `: ${body}` : ''}`, status, {
    retryable: false,
    hint: 'The request was rejected as invalid; the response above says which parameter. Check the stream definition in the source spec.',
  });
}

/** The code and text of a SOAP 1.1 fault, which Workday sends with HTTP 500. */
interface SoapFault {
  /** Without its namespace prefix: `Client.validationError`, `Server`. */
  readonly code: string;
  readonly message: string;
}

function soapFault(response: HttpResponse): SoapFault | undefined {
  if (!/^\s*</.test(response.body) || !response.body.includes('Fault')) return undefined;
  let fault: unknown;
  try {
    fault = valueAtPath(parseXml(response.body), ['Envelope', 'Body', 'Fault']);
  } catch {
    return undefined;
  }
  const code = scalarText(valueAtPath(fault, ['faultcode']));
  if (code === undefined) return undefined;
  return {
    code: code.replace(/^[^:]*:/, ''),
    message: scalarText(valueAtPath(fault, ['faultstring'])) ?? '',
  };
}

/**
 * SOAP 1.1 says a `Client` fault must not be resent unchanged, so only `Server` faults are
 * retried; an authentication fault means the token was refused. Only the fault string is kept:
 * a fault's detail can name workers.
 */
function soapFaultError(fault: SoapFault, what: string, source: ResolvedSource): HttpStatusError {
  const message = `${what}: SOAP fault ${fault.code}: ${fault.message}`;
  if (/^Client\.authentication/i.test(fault.code)) {
    return new HttpStatusError('source-auth-failed', message, 500, {
      retryable: false,
      credentialRefused: true,
      hint:
        `hrflow renewed the token and was refused again. Check ${source.auth.envNames.join(', ')}.` +
        (source.hints.auth ? ` ${source.hints.auth}` : ''),
    });
  }
  if (/^Client/i.test(fault.code)) {
    return new HttpStatusError('source-request-failed', message, 500, {
      retryable: false,
      hint: 'The service rejected the request itself, so it was not retried; the fault above says which element. Check the stream body template in the source spec.',
    });
  }
  return new HttpStatusError('source-request-failed', message, 500, { retryable: true });
}

function isCutShortJson(text: string): boolean {
  if (!/^\s*[[{]/.test(text)) return false;
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

function parseBody(text: string, format: BodyFormat): unknown {
  switch (format) {
    case 'json':
      return JSON.parse(text) as unknown;
    case 'xml':
      return parseXml(text);
    case 'text':
      return text;
    default:
      throw new HrflowError('internal', `unknown body format ${String(format)}`);
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function endpointOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return stripQuery(url);
  }
}
