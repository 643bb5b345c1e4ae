/**
 * Workday's OAuth token endpoint, `POST /ccx/oauth2/{tenant}/token`, for the refresh-token grant
 * integrations use: an API Client for Integrations with a refresh token generated for the
 * Integration System User. Client id and secret may come in the form body (as Workday's own
 * samples send them) or as HTTP Basic. Refresh tokens are non-expiring by default; with rotation
 * on, each refresh returns a new refresh token and retires the old one. Error bodies follow
 * RFC 6749, which is an assumption: Workday publishes no token error samples.
 */
import { randomBytes } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import type { Reply, Request } from '../http/server-kit.js';
import { json, parseBasic, parseForm } from '../http/server-kit.js';

export interface WorkdayAuthOptions {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly refreshToken: string;
  readonly isuUsername: string;
  readonly isuPassword: string;
  readonly tokenLifetimeSeconds: number;
  /** Each refresh returns a new refresh token and invalidates the presented one. */
  readonly rotateRefreshTokens: boolean;
}

export interface WorkdayGrant {
  readonly expiresAtMs: number;
  calls: number;
  revoked: boolean;
}

export type WorkdayAuthentication =
  { readonly kind: 'ok'; readonly grant: WorkdayGrant } | { readonly kind: 'denied' };

export class WorkdayAuth {
  readonly #options: WorkdayAuthOptions;
  readonly #clock: Clock;
  readonly #tokens = new Map<string, WorkdayGrant>();
  readonly #refreshTokens = new Set<string>();

  constructor(options: WorkdayAuthOptions, clock: Clock) {
    this.#options = options;
    this.#clock = clock;
    this.#refreshTokens.add(options.refreshToken);
  }

  /** `POST /ccx/oauth2/{tenant}/token`. */
  token(request: Request): Reply {
    const form = parseForm(request.body);
    const basic = parseBasic(request.headers.authorization);
    const clientId = basic?.user ?? form.get('client_id');
    const clientSecret = basic?.password ?? form.get('client_secret');
    if (clientId !== this.#options.clientId || clientSecret !== this.#options.clientSecret) {
      return json(401, {
        error: 'invalid_client',
        error_description: 'Invalid client credentials.',
      });
    }
    if (form.get('grant_type') !== 'refresh_token') {
      return json(400, {
        error: 'unsupported_grant_type',
        error_description: 'Only refresh_token is supported for this client.',
      });
    }
    const presented = form.get('refresh_token') ?? '';
    if (!this.#refreshTokens.has(presented)) {
      return json(400, { error: 'invalid_grant', error_description: 'Invalid refresh token.' });
    }
    const accessToken = randomBytes(24).toString('base64url');
    const expiresAtMs = this.#clock.now() + this.#options.tokenLifetimeSeconds * 1000;
    this.#tokens.set(accessToken, { expiresAtMs, calls: 0, revoked: false });
    const body: Record<string, string | number> = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: this.#options.tokenLifetimeSeconds,
    };
    if (this.#options.rotateRefreshTokens) {
      this.#refreshTokens.delete(presented);
      const fresh = randomBytes(32).toString('hex');
      this.#refreshTokens.add(fresh);
      body.refresh_token = fresh;
    }
    return json(200, body, { 'cache-control': 'no-store' });
  }

  /** Resolves a bearer token, or ISU Basic credentials (accepted by RaaS). */
  authenticate(
    bearer: string | null,
    basic: { user: string; password: string } | null,
  ): WorkdayAuthentication {
    if (basic) {
      return this.checkIsu(basic.user, basic.password)
        ? { kind: 'ok', grant: this.#isuGrant() }
        : { kind: 'denied' };
    }
    const grant = bearer ? this.#tokens.get(bearer) : undefined;
    if (!grant || grant.revoked || grant.expiresAtMs <= this.#clock.now()) {
      return { kind: 'denied' };
    }
    return { kind: 'ok', grant };
  }

  /** ISU user names work with or without the `@tenant` suffix. */
  checkIsu(user: string, password: string): boolean {
    const expected = this.#options.isuUsername;
    const bare = expected.split('@')[0];
    return (user === expected || user === bare) && password === this.#options.isuPassword;
  }

  expireAll(): void {
    for (const grant of this.#tokens.values()) grant.revoked = true;
  }

  #isuGrant(): WorkdayGrant {
    return { expiresAtMs: Number.POSITIVE_INFINITY, calls: 0, revoked: false };
  }
}
