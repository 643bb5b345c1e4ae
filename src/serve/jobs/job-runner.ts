/**
 * How the server does a job: syncs through the connectors runtime, `run` and `build` through the
 * same pipeline the CLI uses (sync what the selection reads, then build), other engine commands
 * through `invoke()` — all on the warehouse and the sources the server already holds, with
 * progress turned into job events. A handed-over command does the same work it would have done
 * in its own process.
 */
import type { Logger } from '../../core/log.js';
import { syncSources } from '../../connectors/sync/sync-sources.js';
import { RateLimiterRegistry } from '../../connectors/rate-limit/rate-limiter.js';
import { invoke } from '../../engine/invoke.js';
import type { InvokeOptions } from '../../engine/invoke.js';
import type { ProjectSettings } from '../../engine/project/settings.js';
import { isFailure } from '../../engine/run/results.js';
import { connectorSourceProvider } from '../../pipeline/connector-sources.js';
import { runPipeline } from '../../pipeline/run-pipeline.js';
import type { SourceEnvironment } from '../../pipeline/source-environment.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { reporterToEvents, toWireSync } from './job-events.js';
import type { JobEvent } from './job-events.js';
import type { Job, JobRunner } from './job-queue.js';
import type { JobSpec } from './job.js';

export interface JobRunnerContext {
  readonly warehouse: Warehouse;
  readonly settings: ProjectSettings;
  /** Where the target's sources live (the sandbox on the dev target), open for the server's life. */
  readonly sources: SourceEnvironment;
  readonly logger: Logger;
}

/** A {@link JobRunner} for the server's warehouse. */
export function createJobRunner(context: JobRunnerContext): JobRunner {
  // One registry for the server's life: scheduled and webhook syncs share the API's budget.
  const limiters = new RateLimiterRegistry();
  return async (job: Job, emit: (event: JobEvent) => void) => {
    const spec = job.spec;
    switch (spec.kind) {
      case 'sync':
        return sync(context, spec, spec.select, emit, limiters, job.id);
      case 'sync+build': {
        const failures = await sync(context, spec, spec.syncSelect ?? [], emit, limiters, job.id);
        return failures + (await engine(context, { ...spec, kind: 'build' }, emit));
      }
      case 'run':
      case 'build': {
        const result = await runPipeline({
          ...engineOptions(context, { ...spec, kind: spec.kind }, emit),
          skipSync: spec.skipSync ?? false,
          sources: context.sources,
          limiters,
          runId: job.id,
          syncReporter: { event: (event) => emit({ type: 'sync', event: toWireSync(event) }) },
        });
        return (
          (result.sync?.failures ?? 0) + result.invocation.result.results.filter(isFailure).length
        );
      }
      case 'test':
      case 'seed':
      case 'snapshot':
      case 'compile':
        return engine(context, { ...spec, kind: spec.kind }, emit);
    }
  };
}

async function sync(
  context: JobRunnerContext,
  spec: JobSpec,
  select: readonly string[],
  emit: (event: JobEvent) => void,
  limiters: RateLimiterRegistry,
  runId: string,
): Promise<number> {
  const { sources } = context;
  const summary = await syncSources({
    warehouse: context.warehouse,
    specs: sources.specs,
    overrides: sources.overrides,
    env: sources.env,
    select,
    fullRefresh: spec.fullRefresh,
    ...(spec.syncRecords ? { records: spec.syncRecords } : {}),
    reporter: { event: (event) => emit({ type: 'sync', event: toWireSync(event) }) },
    logger: context.logger,
    limiters,
    runId,
  });
  return summary.failures;
}

async function engine(
  context: JobRunnerContext,
  spec: JobSpec & { kind: 'run' | 'build' | 'test' | 'seed' | 'snapshot' | 'compile' },
  emit: (event: JobEvent) => void,
): Promise<number> {
  const invocation = await invoke(engineOptions(context, spec, emit));
  return invocation.result.results.filter(isFailure).length;
}

function engineOptions(
  context: JobRunnerContext,
  spec: JobSpec & { kind: 'run' | 'build' | 'test' | 'seed' | 'snapshot' | 'compile' },
  emit: (event: JobEvent) => void,
): InvokeOptions {
  const { settings } = context;
  return {
    command: spec.kind,
    projectDir: settings.root,
    target: settings.target.name,
    ...(spec.vars ? { vars: spec.vars } : {}),
    ...(spec.threads ? { threads: spec.threads } : {}),
    env: context.sources.env,
    sourceProviders: [connectorSourceProvider],
    ...(spec.select.length > 0 ? { select: spec.select } : {}),
    ...(spec.exclude && spec.exclude.length > 0 ? { exclude: spec.exclude } : {}),
    ...(spec.selector ? { selector: spec.selector } : {}),
    ...(spec.state ? { state: spec.state } : {}),
    fullRefresh: spec.fullRefresh,
    failFast: spec.failFast,
    logger: context.logger,
    reporter: reporterToEvents(emit),
    warehouse: context.warehouse,
  };
}
