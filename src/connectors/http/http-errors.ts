/**
 * Errors of the HTTP layer. Whether a failure is worth retrying is decided here, once, from its
 * kind or status, and carried in `retryable`; the retry loop never looks at message text.
 */
import { HrflowError } from '../../core/errors.js';
import type { ErrorCode } from '../../core/errors.js';
import { redactor } from '../../core/redact.js';

/** What went wrong below HTTP. */
export type NetworkFailure =
  'reset' | 'refused' | 'timeout' | 'truncated' | 'malformed' | 'dns' | 'other';

/** The connection failed, timed out, or the body was cut short. Always retryable. */
export class NetworkError extends HrflowError {
  readonly failure: NetworkFailure;

  constructor(failure: NetworkFailure, url: string, cause?: unknown) {
    const what = {
      reset: 'the connection was reset',
      refused: 'the connection was refused',
      timeout: 'the request timed out',
      truncated: 'the response body was cut short',
      malformed: 'the response body could not be parsed (cut short, or not the expected format)',
      dns: 'the host name could not be resolved',
      other: 'the request failed',
    }[failure];
    super('source-network-down', redactor.redact(`${what}: ${stripQuery(url)}`), {
      cause,
      retryable: true,
      details: { failure },
    });
    this.name = 'NetworkError';
    this.failure = failure;
  }
}

/** A response whose status is not a success. */
export class HttpStatusError extends HrflowError {
  readonly status: number;
  /** The server's `Retry-After`, when it sent one. */
  readonly retryAfterMs: number | undefined;
  /**
   * The server refused the credential (a 401, or a SOAP authentication fault, which Workday
   * answers with 500): worth one retry with a renewed token.
   */
  readonly credentialRefused: boolean;

  constructor(
    code: ErrorCode,
    message: string,
    status: number,
    options: {
      retryable: boolean;
      retryAfterMs?: number;
      hint?: string;
      cause?: unknown;
      credentialRefused?: boolean;
    },
  ) {
    super(code, redactor.redact(message), {
      retryable: options.retryable,
      ...(options.hint ? { hint: redactor.redact(options.hint) } : {}),
      cause: options.cause,
      details: { status },
    });
    this.name = 'HttpStatusError';
    this.status = status;
    this.retryAfterMs = options.retryAfterMs;
    this.credentialRefused = options.credentialRefused ?? status === 401;
  }
}

/** The URL without its query string, which may hold cursors or filters too long to print. */
export function stripQuery(url: string): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/** The body shortened for an error message, secrets masked. */
export function bodyExcerpt(body: string, max = 500): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return redactor.redact(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** `Retry-After` as milliseconds: delta seconds or an HTTP date, relative to `nowMs`. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
