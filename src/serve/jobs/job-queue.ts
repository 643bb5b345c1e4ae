/**
 * One queue for everything that writes to the warehouse: jobs run one at a time in arrival
 * order, so a schedule, a webhook and a command handed over from the CLI never overlap. Each job
 * keeps its events so a follower that subscribes late still sees the whole story; history goes
 * to `hrflow.jobs`.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { asHrflowError } from '../../core/errors.js';
import type { Logger } from '../../core/log.js';
import type { Session } from '../../warehouse/warehouse.js';
import type { JobEvent, JobStatus } from './job-events.js';
import { toWireError } from './job-events.js';
import type { JobSpec, JobTrigger } from './job.js';

export interface Job {
  readonly id: string;
  spec: JobSpec;
  readonly trigger: JobTrigger;
  status: JobStatus;
  readonly queuedAt: number;
  startedAt?: number;
  finishedAt?: number;
  failures: number;
  readonly events: JobEvent[];
  /** Jobs with the same key merge while queued (webhook bursts). */
  readonly mergeKey?: string;
}

/** Runs one job; resolves to the number of failed nodes or streams. */
export type JobRunner = (job: Job, emit: (event: JobEvent) => void) => Promise<number>;

export type JobListener = (job: Job, event: JobEvent) => void;

export const JOBS_TABLE_SQL = `
  CREATE SCHEMA IF NOT EXISTS hrflow;
  CREATE TABLE IF NOT EXISTS hrflow.jobs (
    job_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    spec JSON,
    queued_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    failures INTEGER,
    error VARCHAR
  )`;

export class JobQueue {
  readonly #jobs = new Map<string, Job>();
  readonly #waiting: Job[] = [];
  readonly #listeners = new Set<JobListener>();
  #running: Job | undefined;
  #idle: Promise<void> = Promise.resolve();
  #accepting = true;
  #writes: Promise<void> = Promise.resolve();

  constructor(
    private readonly runner: JobRunner,
    private readonly openSession: () => Promise<Session>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly keep = 200,
  ) {}

  static async ensureTable(session: Session): Promise<void> {
    await session.run(JOBS_TABLE_SQL);
    // A job left running by a crash cannot still be running: this process holds the warehouse.
    await session.run(
      `UPDATE hrflow.jobs SET status = 'cancelled', error = 'the server stopped while it ran'
       WHERE status IN ('queued', 'running')`,
    );
  }

  /**
   * Queues a job. With a `mergeKey`, a job with the same key that has not started yet absorbs
   * this one's selectors instead, and is returned.
   */
  submit(spec: JobSpec, trigger: JobTrigger, mergeKey?: string): Job {
    if (!this.#accepting) throw new Error('the server is shutting down');
    if (mergeKey) {
      const queued = this.#waiting.find((j) => j.mergeKey === mergeKey);
      if (queued) {
        queued.spec = mergeSpecs(queued.spec, spec);
        return queued;
      }
    }
    const job: Job = {
      id: randomUUID(),
      spec,
      trigger,
      status: 'queued',
      queuedAt: this.clock.now(),
      failures: 0,
      events: [],
      ...(mergeKey ? { mergeKey } : {}),
    };
    this.#jobs.set(job.id, job);
    this.#waiting.push(job);
    this.#trim();
    this.#emit(job, { type: 'job-status', status: 'queued' });
    void this.#persist(job);
    this.#pump();
    return job;
  }

  get(id: string): Job | undefined {
    return this.#jobs.get(id);
  }

  /** Jobs newest first. */
  list(): Job[] {
    return [...this.#jobs.values()].reverse();
  }

  get running(): Job | undefined {
    return this.#running;
  }

  get queued(): number {
    return this.#waiting.length;
  }

  /** Called for every event of every job. Returns an unsubscribe function. */
  listen(listener: JobListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Stops taking jobs, cancels the ones still waiting and resolves when the running one ends.
   * The engine has no safe point to stop a build mid-node, so the running job finishes.
   */
  async drain(): Promise<void> {
    this.#accepting = false;
    await Promise.all(this.#waiting.splice(0).map((job) => this.#finish(job, 'cancelled', 0)));
    await this.#idle;
    await this.#writes;
  }

  #pump(): void {
    if (this.#running) return;
    const job = this.#waiting.shift();
    if (!job) return;
    this.#running = job;
    this.#idle = this.#run(job).finally(() => {
      this.#running = undefined;
      this.#pump();
    });
  }

  async #run(job: Job): Promise<void> {
    job.status = 'running';
    job.startedAt = this.clock.now();
    this.#emit(job, { type: 'job-status', status: 'running' });
    await this.#persist(job);
    try {
      const failures = await this.runner(job, (event) => this.#emit(job, event));
      await this.#finish(job, failures > 0 ? 'failed' : 'success', failures);
    } catch (error) {
      const e = asHrflowError(error);
      this.logger.error('job-error', `job ${job.spec.kind} failed: ${e.message}`, {
        job: job.id,
        code: e.code,
      });
      await this.#finish(job, 'error', 1, toWireError(e));
    }
  }

  /** Records the outcome in the history first, so a follower told of it can read it there. */
  async #finish(
    job: Job,
    status: JobStatus,
    failures: number,
    error?: ReturnType<typeof toWireError>,
  ): Promise<void> {
    job.status = status;
    job.failures = failures;
    job.finishedAt = this.clock.now();
    await this.#persist(job, error?.message);
    this.#emit(job, { type: 'job-finished', status, failures, ...(error ? { error } : {}) });
  }

  #emit(job: Job, event: JobEvent): void {
    job.events.push(event);
    for (const listener of this.#listeners) {
      try {
        listener(job, event);
      } catch (error) {
        this.logger.warn('job-listener-failed', String(error));
      }
    }
  }

  /** Forgets the oldest finished jobs beyond `keep`; their history stays in the warehouse. */
  #trim(): void {
    if (this.#jobs.size <= this.keep) return;
    for (const [id, job] of this.#jobs) {
      if (this.#jobs.size <= this.keep) break;
      if (job.finishedAt !== undefined) this.#jobs.delete(id);
    }
  }

  /** Writes are chained so two updates of one row never race. */
  #persist(job: Job, error?: string): Promise<void> {
    this.#writes = this.#writes.then(() => this.#write(job, error));
    return this.#writes;
  }

  async #write(job: Job, error: string | undefined): Promise<void> {
    let session: Session | undefined;
    try {
      session = await this.openSession();
      await session.run(
        `INSERT OR REPLACE INTO hrflow.jobs
           (job_id, kind, trigger, status, spec, queued_at, started_at, finished_at, failures, error)
         VALUES ($1, $2, $3, $4, $5::JSON, $6::TIMESTAMPTZ, $7::TIMESTAMPTZ, $8::TIMESTAMPTZ, $9, $10)`,
        [
          job.id,
          job.spec.kind,
          job.trigger,
          job.status,
          JSON.stringify(job.spec),
          new Date(job.queuedAt).toISOString(),
          job.startedAt === undefined ? null : new Date(job.startedAt).toISOString(),
          job.finishedAt === undefined ? null : new Date(job.finishedAt).toISOString(),
          job.failures,
          error ?? null,
        ],
      );
    } catch (e) {
      this.logger.warn('job-history-failed', `could not record job ${job.id}: ${String(e)}`);
    } finally {
      session?.close();
    }
  }
}

/** One queued job doing the work of two: selections united, named records kept only when both named them. */
export function mergeSpecs(a: JobSpec, b: JobSpec): JobSpec {
  const union = (x: readonly string[] = [], y: readonly string[] = []): string[] => [
    ...new Set([...x, ...y]),
  ];
  const { syncRecords: _replaced, ...rest } = a;
  return {
    ...rest,
    select: union(a.select, b.select),
    ...(a.syncSelect || b.syncSelect ? { syncSelect: union(a.syncSelect, b.syncSelect) } : {}),
    ...mergeRecords(a.syncRecords, b.syncRecords),
    fullRefresh: a.fullRefresh || b.fullRefresh,
  };
}

/**
 * Named records survive a merge only when both jobs named theirs: a job that syncs whole
 * windows must keep doing so, and its window holds the other job's records too.
 */
function mergeRecords(
  a: JobSpec['syncRecords'],
  b: JobSpec['syncRecords'],
): Pick<JobSpec, 'syncRecords'> {
  if (!a || !b) return {};
  const merged: Record<string, string[]> = {};
  for (const [key, ids] of [...Object.entries(a), ...Object.entries(b)]) {
    merged[key] = [...new Set([...(merged[key] ?? []), ...ids])];
  }
  return { syncRecords: merged };
}
