/**
 * Works out who sent a request: the local CLI's token, an identity provider's bearer token, or
 * a session cookie; and guards state-changing requests made with a cookie against cross-site
 * forgery (a matching `X-CSRF-Token` header and, when the browser sends one, a same-origin
 * `Origin`).
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { User } from '../auth/user.js';
import type { AppContext, AppEnv } from './context.js';
import { forbidden, unauthorized } from './responses.js';

export const SESSION_COOKIE = 'hrflow_session';

/** Sets `user` (and `session`) when the request proves an identity; never refuses by itself. */
export function identify(app: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('user', undefined);
    c.set('session', undefined);
    const auth = c.req.header('authorization');
    if (auth?.startsWith('Bearer ')) {
      const token = auth.slice('Bearer '.length).trim();
      if (sameSecret(token, app.localToken)) {
        c.set('user', localUser(app));
      } else if (app.bearer) {
        c.set('user', await app.bearer(token));
      }
      await next();
      return;
    }
    const session = app.sessions.get(getCookie(c, SESSION_COOKIE));
    if (session) {
      c.set('session', session);
      c.set('user', session.user);
    }
    await next();
  };
}

/** Refuses requests without an identity (401). */
export function requireUser(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.get('user')) return unauthorized(c);
    await next();
  };
}

/** On cookie-authenticated writes, demands the session's CSRF token and a same-origin Origin. */
export function csrfGuard(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const method = c.req.method;
    const session = c.get('session');
    if (method === 'GET' || method === 'HEAD' || !session) {
      await next();
      return;
    }
    if (!sameOrigin(c)) return forbidden(c, 'cross-site request refused');
    const token = c.req.header('x-csrf-token') ?? '';
    if (!sameSecret(token, session.csrfToken)) return forbidden(c, 'missing or wrong CSRF token');
    await next();
  };
}

/** True when the request's Origin, if any, is this server. */
export function sameOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return true;
  const host = c.req.header('host');
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

function localUser(app: AppContext): User {
  return {
    name: 'local-cli',
    groups: [app.serve.policies.adminGroups[0] ?? 'admin'],
    attributes: {},
    via: 'local-token',
  };
}
