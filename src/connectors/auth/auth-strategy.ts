/**
 * Auth schemes as small interchangeable objects. A strategy hands out the headers for the next
 * request and, after a 401, forgets the credential that failed so the next call mints a new one.
 */
import type { HttpRequest, HttpResponse } from '../http/http-types.js';

/** The headers one request was sent with, and which credential they came from. */
export interface Credential {
  readonly headers: Readonly<Record<string, string>>;
  /** Increases whenever a new token is minted; lets `invalidate` ignore stale reports. */
  readonly generation: number;
}

export interface AuthStrategy {
  readonly kind: 'oauth2_client_credentials' | 'oauth2_refresh_token' | 'basic' | 'bearer';
  /** Headers for the next request; may mint a token first (single-flight). */
  current(): Promise<Credential>;
  /**
   * Called after a 401 with the credential that was refused. Returns false when a fresh
   * credential cannot help (static credentials), so the caller fails at once.
   */
  invalidate(used: Credential): boolean;
}

/**
 * Sends a request to the token endpoint with retries on 429, 5xx and network errors, and records
 * it in the API call log. Supplied by the source client.
 */
export type TokenFetcher = (request: HttpRequest) => Promise<HttpResponse>;

/** Where rotated refresh tokens are kept between runs (hrflow's state table in production). */
export interface CredentialStore {
  load(source: string, chainKey: string): Promise<string | undefined>;
  save(source: string, chainKey: string, refreshToken: string): Promise<void>;
}

/** A store that keeps tokens in memory only; for tests and dry runs. */
export function memoryCredentialStore(): CredentialStore & {
  readonly tokens: Map<string, string>;
} {
  const tokens = new Map<string, string>();
  return {
    tokens,
    load: (source, key) => Promise.resolve(tokens.get(`${source}/${key}`)),
    save: (source, key, token) => {
      tokens.set(`${source}/${key}`, token);
      return Promise.resolve();
    },
  };
}
