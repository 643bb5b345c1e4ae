/**
 * `hrflow serve`: open the warehouse for writing and keep it, run jobs one at a time from the
 * CLI, the scheduler and webhooks, serve the governed API and the dashboards, and tell open
 * pages when data changes. Stopping (SIGINT/SIGTERM or `close()`) stops accepting connections,
 * lets the running job finish, cancels queued ones, flushes the audit log and closes the
 * warehouse cleanly.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { serve as listen } from '@hono/node-server';
import { systemClock } from '../core/clock.js';
import type { Clock } from '../core/clock.js';
import { HrflowError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { silentLogger } from '../core/log.js';
import { openWarehouse, prepare } from '../engine/invoke.js';
import { openSourceEnvironment } from '../pipeline/source-environment.js';
import type { Sandbox } from '../sandbox/index.js';
import { ensureRunLog } from '../engine/run/run-log.js';
import { loadSettings } from '../engine/project/settings.js';
import type { ProjectSettings } from '../engine/project/settings.js';
import type { Warehouse } from '../warehouse/warehouse.js';
import { AuditLog } from './audit-log.js';
import { bearerVerifier } from './auth/bearer.js';
import { LoginLimiter } from './auth/login-limiter.js';
import { SessionStore } from './auth/sessions.js';
import { loadServeSettings } from './config/serve-config.js';
import type { ServeSettings } from './config/serve-config.js';
import { DATASETS } from './datasets/catalog.js';
import { resolveTables } from './datasets/gold-tables.js';
import { DatasetService } from './datasets/query-service.js';
import { MemoryRollups } from './datasets/memory-rollups.js';
import { ResultCache } from './datasets/result-cache.js';
import { newLocalToken, removeDiscovery, writeDiscovery } from './discovery.js';
import { addTag, piiFromManifest, TableCatalog } from './governance/table-catalog.js';
import { createApp } from './http/app.js';
import { createJobRunner } from './jobs/job-runner.js';
import { JobQueue } from './jobs/job-queue.js';
import type { Job } from './jobs/job-queue.js';
import { LiveUpdates } from './live-updates.js';
import { Metrics } from './metrics.js';
import { Scheduler } from './scheduler.js';
import { SessionPool } from './session-pool.js';
import { QueueTransport } from './webhooks/change-transport.js';
import { ReplayGuard } from './webhooks/replay-guard.js';

export interface ServeOptions {
  readonly projectDir: string;
  readonly target?: string;
  readonly vars?: string;
  /** Overrides `serve.port` (0 picks a free port). */
  readonly port?: number;
  readonly host?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly logger?: Logger;
  readonly clock?: Clock;
  /** The built web app; `dist/web` of the package by default. */
  readonly webRoot?: string;
  /** Start the cron timers (tests drive the scheduler by hand). */
  readonly startSchedules?: boolean;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly settings: ProjectSettings;
  readonly serve: ServeSettings;
  readonly queue: JobQueue;
  readonly scheduler: Scheduler;
  readonly warehouse: Warehouse;
  /** The in-process sandbox on a sandbox target; its Greenhouse webhooks come to this server. */
  readonly sandbox?: Sandbox;
  /** Resolves when a job has finished and pages have been told. */
  readonly jobSettled: (job: Job) => Promise<void>;
  /** Re-reads the warehouse's tables and columns. */
  refreshCatalog(): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const logger = options.logger ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const env = options.env ?? process.env;
  const settings = loadSettings({
    projectDir: options.projectDir,
    ...(options.target ? { target: options.target } : {}),
    ...(options.vars ? { vars: options.vars } : {}),
    env,
  });
  const serve = loadServeSettings(settings);
  const targetDir = join(settings.root, settings.paths.target);

  const warehouse = await openWarehouse(settings);
  let ready = false;
  const closers: (() => Promise<void> | void)[] = [() => warehouse.close()];
  const sources = await openSourceEnvironment(settings, env, logger).catch(
    async (error: unknown) => {
      await warehouse.close();
      throw error;
    },
  );
  closers.push(() => sources.close());
  try {
    await warehouse.withSession(async (s) => {
      await ensureRunLog(s);
      await AuditLog.ensureTable(s);
      await JobQueue.ensureTable(s);
    });

    const metrics = new Metrics();
    const pool = new SessionPool(warehouse);
    closers.unshift(() => pool.close());
    const audit = new AuditLog(() => warehouse.session(), clock, logger);
    closers.unshift(() => audit.flush());
    const tables = resolveTables(serve.tables);
    let catalog = new TableCatalog(new Map(), new Date(0));
    const refreshCatalog = async (): Promise<void> => {
      const pii = piiFromManifest(manifestOrNothing(options, env, logger));
      for (const d of DATASETS) {
        const table = tables[d.table];
        for (const [column, tag] of Object.entries(d.pii ?? {})) {
          if (table) addTag(pii, table, column, tag);
        }
      }
      catalog = await pool.use((s) => TableCatalog.load(s, settings.catalog, pii));
    };
    await refreshCatalog();
    const memory = new MemoryRollups();
    const rollupTables = DATASETS.flatMap((d) =>
      d.kind === 'aggregate' ? (d.rollups ?? []).flatMap((r) => tables[r.table] ?? []) : [],
    );
    const refreshMemory = (): Promise<void> =>
      memory.refresh(
        (fn) => pool.use(fn),
        rollupTables,
        (table) => catalog.types(table),
      );
    await refreshMemory();

    const cache = new ResultCache();
    const datasets = new DatasetService({
      cache,
      memory,
      datasets: DATASETS,
      tables,
      policies: serve.policies,
      columnsOf: (table) => catalog.columns(table),
      typesOf: (table) => catalog.types(table),
      pool,
      audit,
    });
    const live = new LiveUpdates();
    const queue = new JobQueue(
      createJobRunner({ warehouse, settings, sources, logger }),
      () => warehouse.session(),
      clock,
      logger,
    );
    const finished = new Set<string>();
    const waiters = new Map<string, (() => void)[]>();
    const jobSettled = (job: Job): Promise<void> =>
      finished.has(job.id)
        ? Promise.resolve()
        : new Promise<void>((resolve) =>
            waiters.set(job.id, [...(waiters.get(job.id) ?? []), resolve]),
          );
    queue.listen((job, event) => {
      metricsForJob(metrics, job, event.type === 'job-finished' ? event.status : undefined);
      live.publish({
        event: 'job',
        data: { id: job.id, kind: job.spec.kind, trigger: job.trigger, status: job.status },
        adminOnly: true,
      });
      if (event.type !== 'job-finished') return;
      void (async () => {
        if (event.status !== 'cancelled') {
          await refreshCatalog().catch((e: unknown) =>
            logger.warn('catalog-refresh-failed', String(e)),
          );
          // Before the cache is cleared: answers computed after it must come from the new data.
          await refreshMemory().catch((e: unknown) =>
            logger.warn('rollup-memory-refresh-failed', String(e)),
          );
          cache.clear();
          live.publish({
            event: 'data-updated',
            data: { at: new Date(clock.now()).toISOString(), job: job.id, kind: job.spec.kind },
            adminOnly: false,
          });
        }
        finished.add(job.id);
        if (finished.size > 1000) finished.delete(finished.values().next().value ?? '');
        for (const wake of waiters.get(job.id) ?? []) wake();
        waiters.delete(job.id);
      })();
    });
    const drainQueue = (): Promise<void> => queue.drain();
    closers.unshift(drainQueue);

    const greenhouse = serve.webhooks.greenhouse
      ? {
          guard: new ReplayGuard(clock, serve.webhooks.greenhouse.replayWindowMs),
          transport: new QueueTransport(queue, serve.webhooks.greenhouse.debounceMs),
        }
      : undefined;
    if (greenhouse) closers.unshift(() => greenhouse.transport.flush());

    const sessions = new SessionStore(clock, serve.session.ttlMs, serve.session.idleTimeoutMs);
    const localToken = newLocalToken();
    metrics.gauge('hrflow_jobs_queued', 'Jobs waiting to run.', () => queue.queued);
    metrics.gauge('hrflow_job_running', '1 while a job runs.', () => (queue.running ? 1 : 0));
    metrics.gauge('hrflow_live_clients', 'Open live-update streams.', () => live.size);
    metrics.gauge('hrflow_sessions', 'Signed-in sessions.', () => sessions.size);
    metrics.gauge(
      'hrflow_query_cache_hits',
      'Dataset queries answered from the cache.',
      () => cache.hits,
    );
    metrics.gauge(
      'hrflow_query_cache_misses',
      'Dataset queries run on the warehouse.',
      () => cache.misses,
    );
    metrics.gauge('hrflow_rollups_in_memory', 'Rollup tables held in memory.', () => memory.size);
    metrics.gauge('hrflow_read_sessions_busy', 'Warehouse reads running.', () => pool.active);
    metrics.gauge('hrflow_read_sessions_queued', 'Reads waiting for a session.', () => pool.queued);

    const app = createApp({
      serve,
      clock,
      logger,
      // On a sandbox target the sandbox's webhook secret is among its credentials.
      env: sources.env,
      datasets,
      queue,
      sessions,
      limiter: new LoginLimiter(
        clock,
        serve.loginRateLimit.attempts,
        serve.loginRateLimit.windowMs,
      ),
      ...(serve.oidc ? { bearer: bearerVerifier(serve.oidc, () => clock.now()) } : {}),
      localToken,
      metrics,
      live,
      webhooks: greenhouse ? { greenhouse } : {},
      readWarehouse: (sql) => pool.use((s) => s.queryReadOnly(sql)),
      webRoot: options.webRoot ?? DEFAULT_WEB_ROOT,
      ready: () => ready,
    });

    const host = options.host ?? serve.host;
    const server = await new Promise<Server>((resolve, reject) => {
      const s = listen({ fetch: app.fetch, port: options.port ?? serve.port, hostname: host }, () =>
        resolve(s),
      ) as Server;
      s.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          new HrflowError(
            'server-error',
            `cannot listen on ${host}:${options.port ?? serve.port}`,
            {
              cause: error,
              hint: 'Another program uses that port; pass --port or change serve.port.',
            },
          ),
        ),
      );
    });
    // Stop listening first; connections (a CLI following its job) end after the queue drains.
    let serverClosed: Promise<void> = Promise.resolve();
    closers.splice(closers.indexOf(drainQueue) + 1, 0, async () => {
      await serverClosed;
    });
    closers.unshift(() => {
      live.closeAll();
      serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 5_000).unref();
    });
    const port = (server.address() as AddressInfo).port;

    writeDiscovery(targetDir, {
      pid: process.pid,
      host,
      port,
      token: localToken,
      warehouse: warehouse.path,
      startedAt: new Date(clock.now()).toISOString(),
    });
    closers.unshift(() => removeDiscovery(targetDir));

    const scheduler = new Scheduler(serve.schedules, queue, logger, settings.file);
    if (options.startSchedules ?? true) scheduler.start();
    closers.unshift(() => scheduler.stop());

    ready = true;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    logger.info(
      'serve-started',
      `serving ${settings.name} on ${url} (warehouse ${warehouse.path})`,
    );
    if (sources.sandbox && greenhouse) {
      // As a Greenhouse admin would register the web hook: the sandbox's changes now arrive here.
      const local = ['0.0.0.0', '::'].includes(host) ? `http://127.0.0.1:${port}` : url;
      sources.sandbox.setWebhookUrl(`${local}/webhooks/greenhouse`);
      logger.info(
        'sandbox-webhooks',
        `the sandbox sends Greenhouse webhooks to ${local}/webhooks/greenhouse; POST ${sources.sandbox.greenhouse.origin}/_sandbox/advance {"days": 1} to make some`,
      );
    }
    let closing: Promise<void> | undefined;
    return {
      url,
      port,
      settings,
      serve,
      queue,
      scheduler,
      warehouse,
      ...(sources.sandbox ? { sandbox: sources.sandbox } : {}),
      jobSettled,
      refreshCatalog,
      close: () => {
        ready = false;
        closing ??= runClosers(closers, logger);
        return closing;
      },
    };
  } catch (error) {
    await runClosers(closers, logger);
    throw error;
  }
}

async function runClosers(
  closers: readonly (() => Promise<void> | void)[],
  logger: Logger,
): Promise<void> {
  for (const close of closers) {
    try {
      await close();
    } catch (error) {
      logger.warn('serve-close', `while stopping: ${String(error)}`);
    }
  }
}

function manifestOrNothing(
  options: ServeOptions,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): ReturnType<typeof prepare>['manifest'] | undefined {
  try {
    return prepare({
      projectDir: options.projectDir,
      ...(options.target ? { target: options.target } : {}),
      ...(options.vars ? { vars: options.vars } : {}),
      env,
    }).manifest;
  } catch (error) {
    logger.warn(
      'manifest-unavailable',
      `column PII tags from the project are unavailable: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

function metricsForJob(metrics: Metrics, job: Job, finished: string | undefined): void {
  if (!finished) return;
  metrics.inc('hrflow_jobs_total', 'Finished jobs by kind and status.', {
    kind: job.spec.kind,
    status: finished,
  });
}
