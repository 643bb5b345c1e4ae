/**
 * How the server does a job: syncs through the connectors runtime and engine commands through
 * `invoke()`, both on the warehouse the server already holds, with progress turned into job
 * events. The same options a CLI command takes, so a handed-over command does the same work.
 */
import { join } from 'node:path';
import type { Logger } from '../../core/log.js';
import { loadSourceSpecs } from '../../connectors/spec/load-spec.js';
import type { SourceOverrides } from '../../connectors/spec/resolve-source.js';
import { syncSources } from '../../connectors/sync/sync-sources.js';
import { RateLimiterRegistry } from '../../connectors/rate-limit/rate-limiter.js';
import { invoke } from '../../engine/invoke.js';
import type { ProjectSettings } from '../../engine/project/settings.js';
import { isFailure } from '../../engine/run/results.js';
import type { Warehouse } from '../../warehouse/warehouse.js';
import { reporterToEvents, toWireSync } from './job-events.js';
import type { JobEvent } from './job-events.js';
import type { Job, JobRunner } from './job-queue.js';
import type { JobSpec } from './job.js';

export interface JobRunnerContext {
  readonly warehouse: Warehouse;
  readonly settings: ProjectSettings;
  readonly env: NodeJS.ProcessEnv;
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
      case 'build':
      case 'test':
      case 'seed':
      case 'snapshot':
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
  const { settings } = context;
  const specs = settings.paths.sources.flatMap((dir) =>
    loadSourceSpecs(join(settings.root, dir), settings.root),
  );
  const summary = await syncSources({
    warehouse: context.warehouse,
    specs,
    overrides: overridesOf(settings),
    env: context.env,
    select,
    fullRefresh: spec.fullRefresh,
    reporter: { event: (event) => emit({ type: 'sync', event: toWireSync(event) }) },
    logger: context.logger,
    limiters,
    runId,
  });
  return summary.failures;
}

async function engine(
  context: JobRunnerContext,
  spec: JobSpec & { kind: 'run' | 'build' | 'test' | 'seed' | 'snapshot' },
  emit: (event: JobEvent) => void,
): Promise<number> {
  const { settings } = context;
  const invocation = await invoke({
    command: spec.kind,
    projectDir: settings.root,
    target: settings.target.name,
    ...(spec.vars ? { vars: spec.vars } : {}),
    ...(spec.threads ? { threads: spec.threads } : {}),
    env: context.env,
    ...(spec.select.length > 0 ? { select: spec.select } : {}),
    ...(spec.exclude && spec.exclude.length > 0 ? { exclude: spec.exclude } : {}),
    ...(spec.selector ? { selector: spec.selector } : {}),
    ...(spec.state ? { state: spec.state } : {}),
    fullRefresh: spec.fullRefresh,
    failFast: spec.failFast,
    logger: context.logger,
    reporter: reporterToEvents(emit),
    warehouse: context.warehouse,
  });
  return invocation.result.results.filter(isFailure).length;
}

function overridesOf(settings: ProjectSettings): Record<string, SourceOverrides> {
  const out: Record<string, SourceOverrides> = {};
  for (const [source, params] of Object.entries(settings.target.sources)) {
    out[source] = Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string | number | boolean] =>
        ['string', 'number', 'boolean'].includes(typeof e[1]),
      ),
    );
  }
  return out;
}
