/**
 * The web app: `index.html` for every page path, and the bundled assets. Files are read once
 * from the build output; nothing comes from a CDN.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Context, Hono } from 'hono';
import type { AppContext, AppEnv } from './context.js';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
};

export function staticRoutes(app: AppContext, http: Hono<AppEnv>): void {
  const assets = new Map<string, Buffer>();
  let index: Buffer | undefined;
  try {
    index = readFileSync(join(app.webRoot, 'index.html'));
    for (const name of readdirSync(join(app.webRoot, 'assets'))) {
      assets.set(name, readFileSync(join(app.webRoot, 'assets', name)));
    }
  } catch {
    app.logger.warn('web-missing', `no web app under ${app.webRoot}; run npm run build`);
  }

  http.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const body = assets.get(name);
    if (!body) return c.notFound();
    c.header('Content-Type', TYPES[extname(name)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'no-cache');
    return c.body(new Uint8Array(body));
  });

  const page = (c: Context<AppEnv>): Response => {
    if (!index) return c.text('The web app is not built; run npm run build.', 503);
    c.header('Content-Type', TYPES['.html'] ?? 'text/html');
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(index));
  };
  http.get('/', page);
  http.get('/login', page);
  http.get('/pages/:id', page);
}
