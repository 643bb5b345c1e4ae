/**
 * The HTTP surface of `hrflow serve`, assembled from its route groups: probes and metrics,
 * sign-in, the governed data API, jobs, webhooks and the web app. Security headers on every
 * answer; request counts by route pattern for `/metrics`.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import type { AppContext, AppEnv } from './context.js';
import { authRoutes } from './auth-routes.js';
import { csrfGuard, identify } from './authenticate.js';
import { dataRoutes } from './data-routes.js';
import { jobRoutes } from './job-routes.js';
import { localRoutes } from './local-routes.js';
import { errorResponse } from './responses.js';
import { staticRoutes } from './static-routes.js';
import { webhookRoutes } from './webhook-routes.js';

export function createApp(app: AppContext): Hono<AppEnv> {
  const http = new Hono<AppEnv>();

  http.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    c.header(
      'Content-Security-Policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    );
    app.metrics.inc('hrflow_http_requests_total', 'HTTP requests by route and status.', {
      method: c.req.method,
      route: routePath(c as Context),
      status: String(c.res.status),
    });
  });

  http.get('/healthz', (c) => c.json({ status: 'ok' }));
  http.get('/readyz', (c) =>
    app.ready() ? c.json({ status: 'ready' }) : c.json({ status: 'starting or stopping' }, 503),
  );
  http.get('/metrics', (c) => {
    c.header('Content-Type', 'text/plain; version=0.0.4');
    return c.body(app.metrics.render());
  });

  webhookRoutes(app, http);
  http.use('/auth/*', identify(app));
  http.use('/api/*', identify(app));
  http.use('/auth/logout', csrfGuard());
  authRoutes(app, http);
  dataRoutes(app, http);
  jobRoutes(app, http);
  localRoutes(app, http);
  staticRoutes(app, http);

  http.notFound((c) => c.json({ error: { code: 'not-found', message: 'no such path' } }, 404));
  http.onError((error, c) => errorResponse(c, error, app.logger));
  return http;
}
