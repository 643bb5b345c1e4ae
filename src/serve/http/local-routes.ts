/**
 * Reads for the local CLI while the server holds the warehouse: `hrflow debug`, `docs generate`
 * and `source freshness` send the queries they would have run on the file and get the same
 * JSON-safe rows back. Only the local token (the discovery file's, readable by the user who
 * started the server) may ask, and only statements DuckDB parses as SELECT run.
 */
import type { Hono } from 'hono';
import { HrflowError } from '../../core/errors.js';
import type { AppContext, AppEnv } from './context.js';
import { forbidden } from './responses.js';

export function localRoutes(app: AppContext, http: Hono<AppEnv>): void {
  http.post('/api/local/read', async (c) => {
    if (c.get('user')?.via !== 'local-token') {
      return forbidden(c, 'only the local CLI reads the warehouse directly');
    }
    const body: unknown = await c.req.json().catch(() => undefined);
    const sql =
      typeof body === 'object' && body !== null ? (body as { sql?: unknown }).sql : undefined;
    if (typeof sql !== 'string' || sql.trim() === '') {
      throw new HrflowError('usage-invalid', 'send {"sql": "<query>"}');
    }
    return c.json({ rows: await app.readWarehouse(sql) });
  });
}
