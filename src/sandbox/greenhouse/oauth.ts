/**
 * Greenhouse's OAuth 2.0 token service (`POST /token`, `GET /authorize`). Customer integrations
 * use client credentials with HTTP Basic client authentication and an optional numeric `sub`;
 * partner integrations use the authorization-code flow with single-use refresh tokens. Responses
 * carry an ISO-8601 `expires_at`; failures use the RFC 6749 `{"error": ...}` shape, which is what
 * Greenhouse returns rather than its documented `{"message": ...}`. The token endpoint has its
 * own 60-second budget. Rotated client secrets keep working for a grace period, as in
 * Greenhouse's Dev Center.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { User } from '../company/model.js';
import { FixedWindowBudget } from '../http/fixed-window.js';
import type { Reply, Request } from '../http/server-kit.js';
import { json, parseBasic, parseForm } from '../http/server-kit.js';

export interface GreenhouseAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Scopes granted to the credential, e.g. `harvest:candidates:list`. */
  readonly scopes: readonly string[];
  /** Access-token lifetime; Greenhouse's is one hour. */
  readonly tokenLifetimeSeconds: number;
  /** When true, minting a token revokes the credential's previous one (unverified behaviour). */
  readonly singleActiveToken: boolean;
  /** Token requests allowed per 60-second window and client. */
  readonly tokenRequestsPerMinute: number;
  /** How long a rotated-out secret keeps working. */
  readonly secretGraceSeconds: number;
}

/** What a valid bearer token stands for. */
export interface Grant {
  readonly clientId: string;
  /** The acting user: the `sub` user, or the integration service account. */
  readonly user: User;
  readonly scopes: ReadonlySet<string>;
  readonly expiresAtMs: number;
  /** API calls made with this token, for the token-expiry fault. */
  calls: number;
  revoked: boolean;
}

export type Authentication =
  | { readonly kind: 'ok'; readonly grant: Grant }
  | { readonly kind: 'missing' | 'invalid' | 'expired' };

const CODE_LIFETIME_MS = 60_000;
const REFRESH_IDLE_MS = 24 * 3_600_000;

export class GreenhouseAuth {
  readonly #options: GreenhouseAuthOptions;
  readonly #clock: Clock;
  readonly #userById: (id: number) => User | undefined;
  readonly #serviceAccount: User;
  readonly #tokens = new Map<string, Grant>();
  readonly #codes = new Map<string, { sub: User; redirectUri: string; expiresAtMs: number }>();
  readonly #refresh = new Map<string, { sub: User; lastUsedMs: number }>();
  readonly #budget: FixedWindowBudget;
  #secrets: { secret: string; validUntilMs: number }[];

  constructor(
    options: GreenhouseAuthOptions,
    clock: Clock,
    userById: (id: number) => User | undefined,
    serviceAccount: User,
  ) {
    this.#options = options;
    this.#clock = clock;
    this.#userById = userById;
    this.#serviceAccount = serviceAccount;
    this.#secrets = [{ secret: options.clientSecret, validUntilMs: Number.POSITIVE_INFINITY }];
    this.#budget = new FixedWindowBudget(options.tokenRequestsPerMinute, 60, clock);
  }

  /** `POST /token`. */
  token(request: Request): Reply {
    const client = parseBasic(request.headers.authorization);
    if (!client || client.user !== this.#options.clientId || !this.#secretValid(client.password)) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Client authentication failed.',
      });
    }
    const budget = this.#budget.take(client.user);
    if (!budget.allowed) {
      return json(
        429,
        { error: 'rate_limited', error_description: 'Too many token requests.' },
        { 'retry-after': String(budget.retryAfterSeconds) },
      );
    }
    const form = parseForm(request.body);
    const grantType = form.get('grant_type');
    switch (grantType) {
      case 'client_credentials': {
        const sub = form.get('sub');
        if (sub === null || sub === '') return this.#issue(this.#serviceAccount, false);
        const user = /^\d+$/.test(sub) ? this.#userById(Number(sub)) : undefined;
        if (!user) {
          return json(400, {
            error: 'invalid_grant',
            error_description: `Unknown user ${sub} in sub.`,
          });
        }
        return this.#issue(user, false);
      }
      case 'authorization_code': {
        const code = this.#codes.get(form.get('code') ?? '');
        this.#codes.delete(form.get('code') ?? '');
        if (
          !code ||
          code.expiresAtMs < this.#clock.now() ||
          code.redirectUri !== form.get('redirect_uri')
        ) {
          return json(400, {
            error: 'invalid_grant',
            error_description: 'The authorization code is invalid or expired.',
          });
        }
        return this.#issue(code.sub, true);
      }
      case 'refresh_token': {
        const presented = form.get('refresh_token') ?? '';
        const entry = this.#refresh.get(presented);
        this.#refresh.delete(presented);
        if (!entry || this.#clock.now() - entry.lastUsedMs > REFRESH_IDLE_MS) {
          return json(400, {
            error: 'invalid_grant',
            error_description: 'The refresh token is invalid, expired or already used.',
          });
        }
        return this.#issue(entry.sub, true);
      }
      default:
        return json(400, {
          error: 'unsupported_grant_type',
          error_description: `grant_type '${grantType ?? ''}' is not supported.`,
        });
    }
  }

  /** `GET /authorize`: consents at once, as the service account, and redirects with a code. */
  authorize(request: Request): Reply {
    const query = request.query;
    const redirectUri = query.get('redirect_uri');
    if (
      query.get('client_id') !== this.#options.clientId ||
      !redirectUri ||
      query.get('response_type') !== 'code'
    ) {
      return json(400, {
        error: 'invalid_request',
        error_description: 'client_id, redirect_uri and response_type=code are required.',
      });
    }
    const code = randomBytes(16).toString('hex');
    this.#codes.set(code, {
      sub: this.#serviceAccount,
      redirectUri,
      expiresAtMs: this.#clock.now() + CODE_LIFETIME_MS,
    });
    const target = new URL(redirectUri);
    target.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) target.searchParams.set('state', state);
    return { status: 302, headers: { location: target.toString() } };
  }

  /** Resolves a bearer token. */
  authenticate(token: string | null): Authentication {
    if (!token) return { kind: 'missing' };
    const grant = this.#tokens.get(token);
    if (!grant) return { kind: 'invalid' };
    if (grant.revoked || grant.expiresAtMs <= this.#clock.now()) return { kind: 'expired' };
    return { kind: 'ok', grant };
  }

  /** Replaces the client secret; the old one keeps working for the grace period. */
  rotateSecret(): string {
    const now = this.#clock.now();
    const fresh = `gh_secret_${randomBytes(18).toString('hex')}`;
    this.#secrets = [
      { secret: fresh, validUntilMs: Number.POSITIVE_INFINITY },
      ...this.#secrets.map((s) => ({
        ...s,
        validUntilMs: Math.min(s.validUntilMs, now + this.#options.secretGraceSeconds * 1000),
      })),
    ];
    return fresh;
  }

  /** Revokes every access token, as a token expiring mid-sync would. */
  expireAll(): void {
    for (const grant of this.#tokens.values()) grant.revoked = true;
  }

  #secretValid(secret: string): boolean {
    const now = this.#clock.now();
    return this.#secrets.some((s) => s.secret === secret && s.validUntilMs > now);
  }

  #issue(user: User, withRefresh: boolean): Reply {
    const now = this.#clock.now();
    if (this.#options.singleActiveToken) {
      for (const grant of this.#tokens.values()) {
        if (grant.clientId === this.#options.clientId) grant.revoked = true;
      }
    }
    const expiresAtMs = now + this.#options.tokenLifetimeSeconds * 1000;
    const token = jwtLike(user.id, expiresAtMs);
    this.#tokens.set(token, {
      clientId: this.#options.clientId,
      user,
      scopes: new Set(this.#options.scopes),
      expiresAtMs,
      calls: 0,
      revoked: false,
    });
    const body: Record<string, string> = {
      access_token: token,
      token_type: 'Bearer',
      expires_at: new Date(expiresAtMs).toISOString(),
    };
    if (withRefresh) {
      const refresh = randomBytes(24).toString('hex');
      this.#refresh.set(refresh, { sub: user, lastUsedMs: now });
      body.refresh_token = refresh;
    }
    return json(200, body, { 'cache-control': 'no-store' });
  }
}

/** An opaque token shaped like a JWT, as Greenhouse's are. */
function jwtLike(sub: number, expiresAtMs: number): string {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url');
  const header = part({ alg: 'RS256', typ: 'JWT' });
  const payload = part({
    sub: String(sub),
    exp: Math.floor(expiresAtMs / 1000),
    jti: randomBytes(8).toString('hex'),
  });
  return `${header}.${payload}.${randomBytes(32).toString('base64url')}`;
}
