/**
 * Scheduled syncs and builds from `serve.schedules`, on node-cron. A tick only queues a job; the
 * job queue runs one job at a time, so schedules never overlap each other or anything else, and
 * a tick whose previous job is still waiting or running is skipped rather than piled up.
 */
import cron from 'node-cron';
import type { ScheduledTask } from 'node-cron';
import { HrflowError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import type { Schedule } from './config/serve-config.js';
import type { Job, JobQueue } from './jobs/job-queue.js';
import type { JobSpec } from './jobs/job.js';

export class Scheduler {
  readonly #tasks: ScheduledTask[] = [];
  readonly #last = new Map<string, Job>();

  constructor(
    private readonly schedules: readonly Schedule[],
    private readonly queue: JobQueue,
    private readonly logger: Logger,
    file: string,
  ) {
    schedules.forEach((s, i) => {
      if (!cron.validate(s.cron)) {
        throw new HrflowError(
          'config-invalid',
          `schedule '${s.name}': '${s.cron}' is not a cron expression`,
          {
            location: { file, yamlPath: `serve.schedules[${i}].cron` },
            hint: 'Write five fields (minute hour day month weekday), e.g. */15 * * * *.',
          },
        );
      }
    });
  }

  /** Starts the cron timers. */
  start(): void {
    for (const s of this.schedules) {
      this.#tasks.push(cron.schedule(s.cron, () => void this.tick(s.name), { name: s.name }));
    }
  }

  /** Queues the schedule's job unless its previous one has not finished; returns the job queued. */
  tick(name: string): Job | undefined {
    const schedule = this.schedules.find((s) => s.name === name);
    if (!schedule) return undefined;
    const previous = this.#last.get(name);
    if (previous && (previous.status === 'queued' || previous.status === 'running')) {
      this.logger.info(
        'schedule-skipped',
        `schedule ${name}: previous job still ${previous.status}`,
      );
      return undefined;
    }
    const job = this.queue.submit(specOf(schedule), `schedule:${name}`);
    this.#last.set(name, job);
    return job;
  }

  async stop(): Promise<void> {
    for (const task of this.#tasks.splice(0)) await task.destroy();
  }
}

function specOf(schedule: Schedule): JobSpec {
  if (schedule.job === 'sync+build') {
    return {
      kind: 'sync+build',
      syncSelect: [],
      select: schedule.select,
      fullRefresh: schedule.fullRefresh,
      failFast: false,
    };
  }
  return {
    kind: schedule.job,
    select: schedule.select,
    fullRefresh: schedule.fullRefresh,
    failFast: false,
  };
}
