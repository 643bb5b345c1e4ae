/**
 * The governed read API: dataset index, dataset queries (JSON and CSV), page definitions and
 * the live-update stream. Every number leaves through `DatasetService.read`.
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { HrflowError } from '../../core/errors.js';
import type { Dataset } from '../datasets/dataset.js';
import { PAGES } from '../datasets/pages.js';
import type { DatasetResult } from '../datasets/query-service.js';
import { isAdmin } from '../governance/access.js';
import type { AppContext, AppEnv } from './context.js';
import { requireUser } from './authenticate.js';
import { errorResponse } from './responses.js';

export function dataRoutes(app: AppContext, http: Hono<AppEnv>): void {
  http.use('/api/datasets/*', requireUser());
  http.use('/api/datasets', requireUser());
  http.use('/api/pages', requireUser());
  http.use('/api/events', requireUser());

  http.get('/api/datasets', (c) => {
    const user = c.get('user');
    if (!user) throw new HrflowError('internal', 'no user');
    return c.json({
      datasets: app.datasets.list().map((d) => describe(d, readable(app, d, user))),
    });
  });

  http.get('/api/datasets/:name', async (c) => {
    const user = c.get('user');
    if (!user) throw new HrflowError('internal', 'no user');
    const name = c.req.param('name');
    const query = new URL(c.req.url).searchParams;
    try {
      const result = await app.datasets.read(user, name, query, query.has('id') ? 'rows' : 'query');
      c.header('Cache-Control', 'no-store');
      return c.json(result);
    } catch (error) {
      return errorResponse(c, error, app.logger);
    }
  });

  http.get('/api/datasets/:name/csv', async (c) => {
    const user = c.get('user');
    if (!user) throw new HrflowError('internal', 'no user');
    const name = c.req.param('name');
    try {
      const result = await app.datasets.read(user, name, new URL(c.req.url).searchParams, 'export');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${name}.csv"`);
      c.header('Cache-Control', 'no-store');
      return c.body(toCsv(result));
    } catch (error) {
      return errorResponse(c, error, app.logger);
    }
  });

  http.get('/api/pages', (c) => c.json({ pages: PAGES }));

  http.get('/api/events', (c) => {
    const user = c.get('user');
    if (!user) throw new HrflowError('internal', 'no user');
    return streamSSE(c, async (stream) => {
      let id = 0;
      let resolveClosed: () => void = () => undefined;
      const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
      const unsubscribe = app.live.subscribe({
        user,
        admin: isAdmin(user, app.serve.policies),
        send: (message) => {
          void stream.writeSSE({
            event: message.event,
            data: JSON.stringify(message.data),
            id: String(++id),
          });
        },
        close: () => {
          stream.abort();
          resolveClosed();
        },
      });
      stream.onAbort(() => {
        unsubscribe();
        resolveClosed();
      });
      const last = app.live.lastUpdate;
      await stream.writeSSE({ event: 'hello', data: JSON.stringify(last ?? {}), id: String(++id) });
      const ping = setInterval(() => void stream.writeSSE({ event: 'ping', data: '{}' }), 15_000);
      await closed;
      clearInterval(ping);
      unsubscribe();
    });
  });
}

function readable(
  app: AppContext,
  dataset: Dataset,
  user: Parameters<AppContext['datasets']['access']>[0],
): boolean {
  try {
    app.datasets.access(user, dataset);
    return true;
  } catch {
    return false;
  }
}

function describe(dataset: Dataset, readableByUser: boolean): Record<string, unknown> {
  const base = {
    name: dataset.name,
    kind: dataset.kind,
    title: dataset.title,
    definition: dataset.definition,
    readable: readableByUser,
    filters: Object.entries(dataset.filters).map(([name, f]) => ({
      name,
      kind: f.kind,
      label: f.label,
    })),
  };
  if (dataset.kind === 'rows') {
    return {
      ...base,
      columns: Object.entries(dataset.columns).map(([name, c]) => ({ name, label: c.label })),
    };
  }
  return {
    ...base,
    dimensions: Object.entries(dataset.dimensions).map(([name, d]) => ({ name, label: d.label })),
    measures: [
      ...Object.entries(dataset.measures).map(([name, m]) => ({ name, label: m.label })),
      ...Object.entries(dataset.ratios ?? {}).map(([name, r]) => ({ name, label: r.label })),
    ],
  };
}

/** CSV of exactly what the JSON answer shows; cells that look like formulas are defused. */
export function toCsv(result: DatasetResult): string {
  const lines: string[] = [];
  if (result.kind === 'rows') {
    lines.push(result.columns.map((c) => cell(c.label)).join(','));
    for (const row of result.rows) {
      lines.push(result.columns.map((c) => cell(row[c.name])).join(','));
    }
  } else {
    lines.push(
      [
        ...result.dimensions.map((d) => d.label),
        ...result.measures.map((m) => m.label),
        'Suppressed',
      ]
        .map(cell)
        .join(','),
    );
    for (const row of result.rows) {
      lines.push(
        [...row.key, ...result.measures.map((m) => row.values[m.name]), row.suppressed ? 'yes' : '']
          .map(cell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
