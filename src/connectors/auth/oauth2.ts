/**
 * OAuth 2.0 token strategies: client credentials (Greenhouse Harvest v3) and refresh token
 * (Workday). Tokens are minted single-flight, renewed `refreshMarginMs` before they expire, and
 * once more after a 401. A rotated refresh token is saved before the access token it came with
 * is used, so a crash can never strand the only valid refresh token in memory.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { HrflowError } from '../../core/errors.js';
import { redactor } from '../../core/redact.js';
import { bodyExcerpt, HttpStatusError } from '../http/http-errors.js';
import type { HttpRequest, HttpResponse } from '../http/http-types.js';
import type { ResolvedClientCredentials, ResolvedRefreshToken } from '../spec/resolved-source.js';
import type { AuthStrategy, Credential, CredentialStore, TokenFetcher } from './auth-strategy.js';

export interface OAuthDeps {
  readonly source: string;
  readonly fetch: TokenFetcher;
  readonly clock: Clock;
  /** Source-specific advice for credential errors. */
  readonly hint?: string;
}

export function clientCredentialsAuth(
  auth: ResolvedClientCredentials,
  deps: OAuthDeps,
): AuthStrategy {
  const form = (): Record<string, string> => ({
    grant_type: 'client_credentials',
    ...(auth.subject !== undefined ? { sub: auth.subject } : {}),
    ...(auth.scope !== undefined ? { scope: auth.scope } : {}),
  });
  return tokenStrategy(auth.kind, auth, deps, async () => {
    const response = await deps.fetch(tokenRequest(auth, form()));
    return parseTokenResponse(response, auth, deps);
  });
}

export function refreshTokenAuth(
  auth: ResolvedRefreshToken,
  deps: OAuthDeps & { readonly store: CredentialStore },
): AuthStrategy {
  // Rotations chain from the refresh token in the environment: a new token there starts a new
  // chain, so a regenerated token always wins over one saved from an older chain.
  const chainKey = createHash('sha256').update(auth.refreshToken).digest('hex').slice(0, 16);
  let latest: string | undefined;
  return tokenStrategy(auth.kind, auth, deps, async () => {
    if (latest === undefined) {
      latest = (await deps.store.load(deps.source, chainKey)) ?? auth.refreshToken;
      redactor.add(latest);
    }
    const form: Record<string, string> = { grant_type: 'refresh_token', refresh_token: latest };
    if (auth.scope !== undefined) form.scope = auth.scope;
    const response = await deps.fetch(tokenRequest(auth, form));
    const token = parseTokenResponse(response, auth, deps);
    if (token.refreshToken !== undefined && token.refreshToken !== latest) {
      redactor.add(token.refreshToken);
      await deps.store.save(deps.source, chainKey, token.refreshToken);
      latest = token.refreshToken;
    }
    return token;
  });
}

interface MintedToken {
  readonly accessToken: string;
  readonly expiresAtMs: number;
  readonly refreshToken?: string;
}

function tokenStrategy(
  kind: AuthStrategy['kind'],
  auth: ResolvedClientCredentials | ResolvedRefreshToken,
  deps: OAuthDeps,
  mint: () => Promise<MintedToken>,
): AuthStrategy {
  let current: (Credential & { readonly expiresAtMs: number }) | undefined;
  let minting: Promise<Credential> | undefined;
  let generation = 0;

  const renew = (): Promise<Credential> => {
    minting ??= mint()
      .then((token) => {
        generation += 1;
        current = {
          headers: { authorization: `Bearer ${token.accessToken}` },
          generation,
          expiresAtMs: token.expiresAtMs,
        };
        return current;
      })
      .finally(() => {
        minting = undefined;
      });
    return minting;
  };

  return {
    kind,
    current: () => {
      if (current && deps.clock.now() < current.expiresAtMs - auth.refreshMarginMs) {
        return Promise.resolve(current);
      }
      return renew();
    },
    invalidate: (used) => {
      if (current && current.generation === used.generation) current = undefined;
      return true;
    },
  };
}

function tokenRequest(
  auth: ResolvedClientCredentials | ResolvedRefreshToken,
  form: Record<string, string>,
): HttpRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  const fields = { ...form };
  if (auth.clientAuth === 'basic') {
    const pair = `${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(pair).toString('base64')}`;
  } else {
    fields.client_id = auth.clientId;
    fields.client_secret = auth.clientSecret;
  }
  return {
    method: 'POST',
    url: auth.tokenUrl,
    headers,
    body: new URLSearchParams(fields).toString(),
  };
}

/** Reads `access_token` and an expiry from `expires_at` (ISO-8601) or `expires_in` (seconds). */
function parseTokenResponse(
  response: HttpResponse,
  auth: ResolvedClientCredentials | ResolvedRefreshToken,
  deps: OAuthDeps,
): MintedToken {
  const now = deps.clock.now();
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch (cause) {
    // No excerpt: a successful token response that does not parse may still hold a token.
    const type = response.headers['content-type'] ?? 'no content type';
    throw authError(
      auth,
      deps,
      `the token endpoint answered with something that is not JSON (${type}, ${response.body.length} characters)`,
      cause,
    );
  }
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const accessToken = fields.access_token;
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw authError(auth, deps, 'the token endpoint answered without an access_token');
  }
  redactor.add(accessToken);

  let expiresAtMs = now + auth.defaultLifetimeMs;
  if (typeof fields.expires_at === 'string' && !Number.isNaN(Date.parse(fields.expires_at))) {
    expiresAtMs = Date.parse(fields.expires_at);
  } else if (typeof fields.expires_at === 'number') {
    expiresAtMs = fields.expires_at * 1000;
  } else {
    const seconds = Number(fields.expires_in);
    // Workday reports -1 when the client does not enforce an expiry; fall back to the default.
    if (Number.isFinite(seconds) && seconds > 0) expiresAtMs = now + seconds * 1000;
  }
  const refreshToken = typeof fields.refresh_token === 'string' ? fields.refresh_token : undefined;
  return { accessToken, expiresAtMs, ...(refreshToken ? { refreshToken } : {}) };
}

/**
 * Turns a failed token request into `source-auth-failed`, naming the environment variables and
 * quoting the endpoint's RFC 6749 error. Called by the source client for 4xx token responses.
 */
export function tokenEndpointError(
  response: HttpResponse,
  source: string,
  tokenUrl: string,
  envNames: readonly string[],
  hint: string | undefined,
): HttpStatusError {
  let detail = bodyExcerpt(response.body, 300);
  try {
    const parsed = JSON.parse(response.body) as Record<string, unknown>;
    if (typeof parsed.error === 'string') {
      detail =
        typeof parsed.error_description === 'string'
          ? `${parsed.error}: ${parsed.error_description}`
          : parsed.error;
    }
  } catch {
    // Not JSON: the excerpt above already says what came back.
  }
  return new HttpStatusError(
    'source-auth-failed',
    `${source}: the token endpoint ${tokenUrl} refused the credentials (HTTP ${response.status}, ${detail})`,
    response.status,
    {
      retryable: false,
      hint:
        `Check ${envNames.join(', ')}: they must hold a valid credential for this tenant.` +
        (detail.startsWith('invalid_grant')
          ? ' invalid_grant means the refresh token expired, was revoked, or was already used; generate a new one.'
          : '') +
        (hint ? ` ${hint}` : ''),
    },
  );
}

function authError(
  auth: ResolvedClientCredentials | ResolvedRefreshToken,
  deps: OAuthDeps,
  message: string,
  cause?: unknown,
): HrflowError {
  return new HrflowError(
    'source-auth-failed',
    redactor.redact(`${deps.source}: ${message} (${auth.tokenUrl})`),
    {
      cause,
      hint: `Check ${auth.envNames.join(', ')} and the token URL.${deps.hint ? ` ${deps.hint}` : ''}`,
    },
  );
}
