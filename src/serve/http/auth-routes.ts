/** `POST /auth/login`, `POST /auth/logout`, `GET /api/me`. */
import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { getConnInfo } from '@hono/node-server/conninfo';
import { DECOY_HASH, verifyPassword } from '../auth/password.js';
import { isAdmin } from '../governance/access.js';
import type { AppContext, AppEnv } from './context.js';
import { SESSION_COOKIE, sameOrigin } from './authenticate.js';
import { forbidden } from './responses.js';

export function authRoutes(app: AppContext, http: Hono<AppEnv>): void {
  const users = new Map(app.serve.users.map((u) => [u.name, u]));

  http.post('/auth/login', async (c) => {
    if (!sameOrigin(c)) return forbidden(c, 'cross-site sign-in refused');
    if (!(c.req.header('content-type') ?? '').startsWith('application/json')) {
      return c.json({ error: { code: 'usage-invalid', message: 'send JSON' } }, 415);
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    const name = field(body, 'username');
    const password = field(body, 'password');
    if (name === undefined || password === undefined) {
      return c.json(
        { error: { code: 'usage-invalid', message: 'username and password are required' } },
        400,
      );
    }
    const address = remoteAddress(c);
    const wait = app.limiter.retryAfterMs(name, address);
    if (wait > 0) {
      app.metrics.inc('hrflow_login_total', 'Sign-in attempts by outcome.', { outcome: 'limited' });
      c.header('Retry-After', String(Math.ceil(wait / 1000)));
      return c.json({ error: { code: 'rate-limited', message: 'too many attempts; wait' } }, 429);
    }
    const user = users.get(name);
    const ok = await verifyPassword(password, user?.passwordHash ?? DECOY_HASH);
    if (!user || !ok) {
      app.limiter.failed(name, address);
      app.metrics.inc('hrflow_login_total', 'Sign-in attempts by outcome.', { outcome: 'failed' });
      app.logger.warn('login-failed', `failed sign-in for '${name}'`, { address });
      return c.json(
        { error: { code: 'unauthorized', message: 'wrong user name or password' } },
        401,
      );
    }
    app.limiter.succeeded(name);
    const session = app.sessions.create({
      name: user.name,
      groups: user.groups,
      attributes: user.attributes,
      via: 'session',
    });
    setCookie(c, SESSION_COOKIE, session.id, {
      httpOnly: true,
      secure: app.serve.session.secureCookie,
      sameSite: 'Strict',
      path: '/',
      maxAge: app.sessions.maxAgeSeconds(),
    });
    app.metrics.inc('hrflow_login_total', 'Sign-in attempts by outcome.', { outcome: 'ok' });
    app.logger.info('login', `${user.name} signed in`);
    return c.json({ user: user.name, csrfToken: session.csrfToken });
  });

  http.post('/auth/logout', (c) => {
    const session = c.get('session');
    if (session) app.sessions.delete(session.id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.json({ ok: true });
  });

  http.get('/api/me', (c) => {
    const user = c.get('user');
    if (!user) return c.json({ error: { code: 'unauthorized', message: 'sign in first' } }, 401);
    return c.json({
      name: user.name,
      groups: user.groups,
      admin: isAdmin(user, app.serve.policies),
      csrfToken: c.get('session')?.csrfToken ?? null,
    });
  });
}

function field(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 1024 ? value : undefined;
}

function remoteAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
