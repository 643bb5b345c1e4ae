/**
 * `hrflow run` and `hrflow build`: sync the sources the selection reads from, then build it, in
 * one process holding the warehouse once. The sync lands raw records in bronze; the engine
 * builds on whatever landed, and a failed stream is reported and counted, not fatal to the
 * models that do not depend on it.
 */
import type { SyncReporter } from '../connectors/progress/sync-events.js';
import { syncSources } from '../connectors/sync/sync-sources.js';
import type { SyncSummary } from '../connectors/sync/sync-result.js';
import { ancestors } from '../engine/graph/dag.js';
import { selectForCommand } from '../engine/select-for-command.js';
import { invoke, openWarehouse, prepare } from '../engine/invoke.js';
import type { Invocation, InvokeOptions } from '../engine/invoke.js';
import type { Manifest } from '../engine/compile/manifest.js';
import type { NodeId } from '../engine/project/nodes.js';
import { silentLogger } from '../core/log.js';
import type { RateLimiterRegistry } from '../connectors/rate-limit/rate-limiter.js';
import { openSourceEnvironment } from './source-environment.js';
import type { SourceEnvironment } from './source-environment.js';

export interface PipelineOptions extends InvokeOptions {
  /** Skip the sync and build on what bronze already holds. */
  readonly skipSync?: boolean;
  readonly syncReporter?: SyncReporter;
  /** Sources already open in this process (`hrflow serve`); otherwise opened and closed here. */
  readonly sources?: SourceEnvironment;
  /** Rate limiters shared with other syncs of this process. */
  readonly limiters?: RateLimiterRegistry;
  /** Names this run's sync in bronze and the API call log. */
  readonly runId?: string;
}

export interface PipelineResult {
  readonly sync?: SyncSummary;
  readonly invocation: Invocation;
}

export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const logger = options.logger ?? silentLogger;
  const runStartedAt = new Date();
  const prepared = prepare({ ...options, runStartedAt });
  const { project, manifest } = prepared;
  const streams = options.skipSync ? [] : streamsToSync(manifest, options);
  if (streams.length === 0) {
    return { invocation: await invoke({ ...options, prepared }) };
  }

  const sources =
    options.sources ??
    (await openSourceEnvironment(project.settings, options.env ?? process.env, logger));
  try {
    const warehouse =
      options.warehouse ?? (await openWarehouse(project.settings, options.waitForLockMs ?? 0));
    try {
      const sync = await syncSources({
        warehouse,
        specs: sources.specs,
        overrides: sources.overrides,
        env: sources.env,
        select: streams,
        fullRefresh: options.fullRefresh ?? false,
        ...(options.syncReporter ? { reporter: options.syncReporter } : {}),
        ...(options.limiters ? { limiters: options.limiters } : {}),
        ...(options.runId ? { runId: options.runId } : {}),
        logger,
      });
      const invocation = await invoke({ ...options, warehouse });
      return { sync, invocation };
    } finally {
      if (!options.warehouse) await warehouse.close();
    }
  } finally {
    if (!options.sources) await sources.close();
  }
}

/**
 * The connector streams (`source.stream`) the selected nodes read from, directly or through
 * other models; every enabled stream when nothing narrows the selection.
 */
export function streamsToSync(
  manifest: Manifest,
  options: Pick<InvokeOptions, 'select' | 'exclude' | 'selector'>,
): string[] {
  const connectorSources = [...manifest.nodes.values()].filter(
    (e) => e.node.kind === 'source' && e.node.connector !== undefined,
  );
  const narrowed = (options.select?.length ?? 0) > 0 || options.selector !== undefined;
  let wanted: Set<string>;
  if (!narrowed) {
    wanted = new Set(connectorSources.map((e) => e.node.id));
  } else {
    const selected = selectedIds(manifest, options);
    wanted = new Set<string>();
    for (const id of selected) {
      for (const parent of ancestors(manifest.graph, id)) wanted.add(parent);
      wanted.add(id);
    }
  }
  const out: string[] = [];
  for (const entry of connectorSources) {
    const node = entry.node;
    if (node.kind !== 'source' || !node.connector || !wanted.has(node.id)) continue;
    if (!narrowed && node.meta.enabled_by_default === false) continue;
    out.push(`${node.connector.source}.${node.connector.stream}`);
  }
  return out;
}

function selectedIds(
  manifest: Manifest,
  options: Pick<InvokeOptions, 'select' | 'exclude' | 'selector'>,
): NodeId[] {
  return selectForCommand(manifest, {
    resourceTypes: ['model', 'seed', 'snapshot', 'test', 'source'],
    ...(options.select ? { select: options.select } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.selector ? { selector: options.selector } : {}),
  });
}
