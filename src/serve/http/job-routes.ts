/**
 * Jobs over HTTP, for admins and for the local CLI: submit one, list them, follow one over
 * server-sent events from its first event (so a follower that connects late misses nothing).
 */
import type { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { User } from '../auth/user.js';
import { isAdmin } from '../governance/access.js';
import type { Job } from '../jobs/job-queue.js';
import { JOB_KINDS } from '../jobs/job.js';
import type { JobKind, JobSpec } from '../jobs/job.js';
import type { AppContext, AppEnv } from './context.js';
import { csrfGuard, requireUser } from './authenticate.js';
import { forbidden } from './responses.js';

export function jobRoutes(app: AppContext, http: Hono<AppEnv>): void {
  http.use('/api/jobs', requireUser(), csrfGuard());
  http.use('/api/jobs/*', requireUser(), csrfGuard());
  const admin = (user: User | undefined): boolean =>
    user !== undefined && isAdmin(user, app.serve.policies);

  http.post('/api/jobs', async (c) => {
    const user = c.get('user');
    if (!admin(user)) return forbidden(c, 'only admins and the local CLI run jobs');
    const body: unknown = await c.req.json().catch(() => undefined);
    const spec = parseSpec(body);
    if (typeof spec === 'string') {
      return c.json({ error: { code: 'usage-invalid', message: spec } }, 400);
    }
    const trigger = user?.via === 'local-token' ? 'cli' : `api:${user?.name ?? '?'}`;
    let job: Job;
    try {
      job = app.queue.submit(spec, trigger);
    } catch {
      return c.json(
        { error: { code: 'server-error', message: 'the server is shutting down' } },
        503,
      );
    }
    return c.json(summary(job), 202);
  });

  http.get('/api/jobs', (c) => {
    if (!admin(c.get('user'))) return forbidden(c, 'only admins see jobs');
    return c.json({ jobs: app.queue.list().slice(0, 50).map(summary) });
  });

  http.get('/api/jobs/:id', (c) => {
    if (!admin(c.get('user'))) return forbidden(c, 'only admins see jobs');
    const job = app.queue.get(c.req.param('id'));
    if (!job) return c.json({ error: { code: 'not-found', message: 'no such job' } }, 404);
    return c.json(summary(job));
  });

  http.get('/api/jobs/:id/events', (c) => {
    if (!admin(c.get('user'))) return forbidden(c, 'only admins follow jobs');
    const job = app.queue.get(c.req.param('id'));
    if (!job) return c.json({ error: { code: 'not-found', message: 'no such job' } }, 404);
    const from = Number(c.req.header('last-event-id') ?? '0') || 0;
    return streamSSE(c, async (stream) => {
      let next = from;
      let wake: () => void = () => undefined;
      const unsubscribe = app.queue.listen((j) => {
        if (j.id === job.id) wake();
      });
      stream.onAbort(() => wake());
      try {
        for (;;) {
          while (next < job.events.length) {
            const event = job.events[next];
            next += 1;
            await stream.writeSSE({ event: 'job', data: JSON.stringify(event), id: String(next) });
            if (event?.type === 'job-finished') return;
          }
          if (stream.aborted) return;
          await new Promise<void>((resolve) => (wake = resolve));
        }
      } finally {
        unsubscribe();
      }
    });
  });
}

function summary(job: Job): Record<string, unknown> {
  return {
    id: job.id,
    kind: job.spec.kind,
    trigger: job.trigger,
    status: job.status,
    queuedAt: new Date(job.queuedAt).toISOString(),
    ...(job.startedAt ? { startedAt: new Date(job.startedAt).toISOString() } : {}),
    ...(job.finishedAt ? { finishedAt: new Date(job.finishedAt).toISOString() } : {}),
    failures: job.failures,
  };
}

/** The spec from a JSON body, or a message saying what is wrong with it. */
export function parseSpec(body: unknown): JobSpec | string {
  if (typeof body !== 'object' || body === null) return 'send a JSON object';
  const b = body as Record<string, unknown>;
  if (!JOB_KINDS.includes(b.kind as JobKind)) return `kind must be one of ${JOB_KINDS.join(', ')}`;
  const select = b.select === undefined ? [] : strings(b.select);
  if (!select) return 'select must be a list of strings';
  const exclude = b.exclude === undefined ? undefined : strings(b.exclude);
  if (b.exclude !== undefined && !exclude) return 'exclude must be a list of strings';
  const syncSelect = b.syncSelect === undefined ? undefined : strings(b.syncSelect);
  if (b.syncSelect !== undefined && !syncSelect) return 'syncSelect must be a list of strings';
  const syncRecords = b.syncRecords === undefined ? undefined : idLists(b.syncRecords);
  if (b.syncRecords !== undefined && !syncRecords) {
    return 'syncRecords must map source.stream to a list of ids';
  }
  if (b.selector !== undefined && typeof b.selector !== 'string') return 'selector must be text';
  if (b.vars !== undefined && typeof b.vars !== 'string') return 'vars must be text';
  if (b.state !== undefined && typeof b.state !== 'string') return 'state must be text';
  if (b.threads !== undefined && !(Number.isInteger(b.threads) && Number(b.threads) > 0)) {
    return 'threads must be a positive whole number';
  }
  return {
    kind: b.kind as JobKind,
    select,
    ...(syncSelect ? { syncSelect } : {}),
    ...(syncRecords ? { syncRecords } : {}),
    ...(exclude ? { exclude } : {}),
    ...(typeof b.selector === 'string' ? { selector: b.selector } : {}),
    ...(typeof b.state === 'string' ? { state: b.state } : {}),
    fullRefresh: b.fullRefresh === true,
    failFast: b.failFast === true,
    ...(b.skipSync === true ? { skipSync: true } : {}),
    ...(typeof b.vars === 'string' ? { vars: b.vars } : {}),
    ...(typeof b.threads === 'number' ? { threads: b.threads } : {}),
  };
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : undefined;
}

/** `{"greenhouse.candidates": ["101"]}`: ids by `source.stream`. */
function idLists(value: unknown): Record<string, string[]> | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const out: Record<string, string[]> = {};
  for (const [key, ids] of Object.entries(value)) {
    const list = strings(ids);
    if (!/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/.test(key) || !list) return undefined;
    out[key] = list;
  }
  return out;
}
