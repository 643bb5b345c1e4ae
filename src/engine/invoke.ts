/**
 * One engine invocation: load the project, compile phase one, select nodes, open the warehouse
 * and run the selected nodes as the command asks, then record results and write artifacts.
 * Commands of the CLI and of `hrflow serve` both come through here.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { HrflowError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { silentLogger } from '../core/log.js';
import { Warehouse } from '../warehouse/warehouse.js';
import { DuckDBExecutor } from './adapters/duckdb/duckdb-executor.js';
import { duckdbDialect } from './adapters/duckdb/duckdb-dialect.js';
import { writeManifestArtifact, writeRunResultsArtifact } from './artifacts/write-artifacts.js';
import { buildManifest, storeFailuresRelation } from './compile/manifest.js';
import type { Manifest, ManifestNode } from './compile/manifest.js';
import { loadProject } from './project/load-project.js';
import type { LoadOptions, Project } from './project/load-project.js';
import type { NodeId, ResourceType } from './project/nodes.js';
import { CompiledSqlWriter } from './run/compiled-writer.js';
import { describeNode, runNode } from './run/node-work.js';
import type { RunReporter } from './run/reporter.js';
import { silentReporter } from './run/reporter.js';
import type { HookResult, RunResult } from './run/results.js';
import { HOOK_COMMANDS, runEndFacts, runProjectHooks } from './run/run-hooks.js';
import { recordRunEnd, recordRunStart } from './run/run-log.js';
import { schedule } from './run/scheduler.js';
import type { SchedulableNode } from './run/scheduler.js';
import { testConfig } from './run/test-query.js';
import { selectForCommand } from './select-for-command.js';
import type { Relation } from './relation.js';

export type EngineCommand = 'run' | 'build' | 'test' | 'seed' | 'snapshot' | 'compile';

/** Which resources each command executes. */
export const COMMAND_RESOURCES = {
  run: ['model', 'seed', 'snapshot'],
  build: ['model', 'seed', 'snapshot', 'test'],
  test: ['test'],
  seed: ['seed'],
  snapshot: ['snapshot'],
  compile: ['model', 'snapshot', 'test'],
} as const satisfies Record<EngineCommand, readonly ResourceType[]>;

export interface InvokeOptions extends LoadOptions {
  readonly command: EngineCommand;
  readonly select?: readonly string[];
  readonly exclude?: readonly string[];
  readonly selector?: string;
  /** Directory of a previous manifest.json, for state: selectors. */
  readonly state?: string;
  readonly fullRefresh?: boolean;
  readonly failFast?: boolean;
  readonly logger?: Logger;
  readonly reporter?: RunReporter;
  /** A warehouse already open in this process (`hrflow serve`); otherwise one is opened. */
  readonly warehouse?: Warehouse;
  /** How long to wait for another process's warehouse lock. */
  readonly waitForLockMs?: number;
  /** `--warn-error`: a test that would warn fails instead, and project warnings are errors. */
  readonly warnError?: boolean;
  /** `--store-failures`: keep every test's failing rows unless its config says otherwise. */
  readonly storeFailures?: boolean;
  /**
   * The project as {@link prepare} loaded and compiled it moments ago for the same options, so
   * that a caller which needed it first (to pick the streams to sync) does not load it twice.
   */
  readonly prepared?: PreparedProject;
}

export interface Invocation {
  readonly project: Project;
  readonly manifest: Manifest;
  readonly selected: readonly NodeId[];
  readonly result: RunResult;
}

export interface PreparedProject {
  readonly project: Project;
  readonly manifest: Manifest;
}

/** Loads the project and runs compile phase one; no warehouse involved. */
export function prepare(
  options: LoadOptions & {
    readonly logger?: Logger;
    readonly runStartedAt?: Date;
    readonly warnError?: boolean;
  },
): PreparedProject {
  const logger = options.logger ?? silentLogger;
  const project = loadProject(options);
  if (options.warnError && project.warnings.length > 0) {
    throw new HrflowError('config-invalid', project.warnings.join('\n'), {
      hint: 'These are warnings, treated as errors because of --warn-error.',
    });
  }
  for (const warning of project.warnings) logger.warn('project-warning', warning);
  const settings = project.settings;
  const manifest = buildManifest({
    project,
    dialect: duckdbDialect,
    invocation: {
      invocationId: randomUUID(),
      runStartedAt: options.runStartedAt ?? new Date(),
      targetName: settings.target.name,
      env: options.env ?? process.env,
      threads: settings.target.threads,
      targetSchema: settings.target.schema,
      log: (message) => logger.info('template-log', message),
    },
  });
  return { project, manifest };
}

/** Opens the target's warehouse for writing. */
export function openWarehouse(
  settings: Project['settings'],
  waitForLockMs = 0,
): Promise<Warehouse> {
  return Warehouse.open({
    path: settings.target.path,
    catalog: settings.catalog,
    threads: settings.target.threads,
    ...(settings.target.memoryLimit ? { memoryLimit: settings.target.memoryLimit } : {}),
    waitForLockMs,
  });
}

export async function invoke(options: InvokeOptions): Promise<Invocation> {
  const logger = options.logger ?? silentLogger;
  const reporter = options.reporter ?? silentReporter;
  const runStartedAt = options.prepared?.manifest.invocation.runStartedAt ?? new Date();
  const { project, manifest } = options.prepared ?? prepare({ ...options, runStartedAt });
  const settings = project.settings;
  const invocationId = manifest.invocation.invocationId;
  const selected = selectForCommand(manifest, {
    resourceTypes: COMMAND_RESOURCES[options.command],
    ...(options.select ? { select: options.select } : {}),
    ...(options.exclude ? { exclude: options.exclude } : {}),
    ...(options.selector ? { selector: options.selector } : {}),
    ...(options.state ? { state: options.state } : {}),
    logger,
  });
  const targetDir = join(settings.root, settings.paths.target);
  writeManifestArtifact(targetDir, manifest);

  const warehouse =
    options.warehouse ?? (await openWarehouse(settings, options.waitForLockMs ?? 0));
  try {
    const control = await warehouse.session();
    try {
      const aborted = await recordRunStart(control, {
        runId: invocationId,
        command: options.command,
        target: settings.target.name,
        startedAt: runStartedAt,
        args: {
          select: options.select ?? [],
          exclude: options.exclude ?? [],
          full_refresh: options.fullRefresh ?? false,
        },
      });
      if (aborted > 0) {
        logger.warn('run-recovered', `marked ${aborted} interrupted earlier run(s) as aborted`);
      }

      const result = await runSelected({
        options,
        manifest,
        selected,
        warehouse,
        control: new DuckDBExecutor(control),
        reporter,
        runStartedAt,
        compiled: new CompiledSqlWriter(join(targetDir, 'compiled', settings.name)),
      });
      reporter.runFinished(result);
      await recordRunEnd(control, invocationId, result);
      writeRunResultsArtifact(targetDir, manifest, result, {
        command: options.command,
        select: options.select ?? [],
      });
      return { project, manifest, selected, result };
    } finally {
      control.close();
    }
  } finally {
    if (!options.warehouse) await warehouse.close();
  }
}

interface RunRequest {
  readonly options: InvokeOptions;
  readonly manifest: Manifest;
  readonly selected: readonly NodeId[];
  readonly warehouse: Warehouse;
  /** The invocation's own connection, for schemas and project hooks. */
  readonly control: DuckDBExecutor;
  readonly reporter: RunReporter;
  readonly runStartedAt: Date;
  readonly compiled: CompiledSqlWriter;
}

/**
 * The run proper: the schemas the selection builds into, on-run-start hooks, every selected
 * node on its workers, then on-run-end hooks, which see the nodes' results.
 */
async function runSelected(request: RunRequest): Promise<RunResult> {
  const { options, manifest, selected, warehouse, control, reporter, runStartedAt, compiled } =
    request;
  if (options.command !== 'compile') {
    // As dbt does, before anything runs; workers creating one schema at once would conflict.
    for (const [catalog, schema] of requiredSchemas(manifest, selected, options)) {
      await control.ensureSchema(catalog, schema);
    }
  }
  const hooksRun = HOOK_COMMANDS.has(options.command);
  const onHook = (hook: HookResult): void => reporter.hookFinished?.(hook);
  const startHooks = hooksRun
    ? await runProjectHooks(manifest, 'on-run-start', control, onHook)
    : [];
  const failedStart = startHooks.find((h) => h.status === 'error');

  const nodesRun = await schedule({
    command: options.command,
    nodes: schedulable(
      manifest,
      selected,
      options.command === 'build',
      options.command === 'compile',
    ),
    threads: manifest.project.settings.target.threads,
    failFast: options.failFast ?? false,
    // The summary waits for on-run-end, whose outcome it includes.
    reporter: {
      runStarted: (info) => reporter.runStarted(info),
      nodeStarted: (info) => reporter.nodeStarted(info),
      nodeFinished: (r, index, total) => reporter.nodeFinished(r, index, total),
      runFinished: () => undefined,
    },
    invocationId: manifest.invocation.invocationId,
    ...(failedStart
      ? { skipAllBecause: `skipped because on-run-start hook ${failedStart.index + 1} failed` }
      : {}),
    openWorker: async () => new DuckDBExecutor(await warehouse.session()),
    closeWorker: (executor) => executor.session.close(),
    work: (node, executor, threadId) =>
      runNode(
        {
          manifest,
          fullRefresh: options.fullRefresh ?? false,
          compileOnly: options.command === 'compile',
          compiled,
          runStartedAt,
          warnError: options.warnError ?? false,
          storeFailures: options.storeFailures ?? false,
        },
        node,
        executor,
        threadId,
      ),
  });
  const endHooks = hooksRun
    ? await runProjectHooks(
        manifest,
        'on-run-end',
        control,
        onHook,
        runEndFacts(manifest, nodesRun),
      )
    : [];
  return hooksRun
    ? { ...nodesRun, completedAt: new Date(), hooks: [...startHooks, ...endHooks] }
    : nodesRun;
}

/**
 * The selected nodes in run order, each waiting for its selected parents. In `build`, a node
 * also waits for the tests on its parents, so a failing test stops what is built on top of the
 * model it tests; a test that itself depends on the node (a relationships test pointing at it)
 * is left out to keep the graph acyclic.
 */
function schedulable(
  manifest: Manifest,
  selected: readonly NodeId[],
  build: boolean,
  keepEphemeral: boolean,
): SchedulableNode[] {
  const chosen = new Set(selected.filter((id) => keepEphemeral || !isEphemeral(manifest, id)));
  const parentsOf = (id: NodeId): NodeId[] => directParents(manifest, id, keepEphemeral);
  const testsOf = new Map<NodeId, NodeId[]>();
  if (build) {
    for (const id of selected) {
      const entry = manifest.nodes.get(id);
      if (entry?.node.kind !== 'test' || !entry.node.attachedNode) continue;
      testsOf.set(entry.node.attachedNode, [...(testsOf.get(entry.node.attachedNode) ?? []), id]);
    }
  }
  const order = manifest.graph.order.filter((id) => chosen.has(id));
  return order.map((id) => {
    const entry = manifest.nodes.get(id);
    if (!entry) throw new Error(`unknown node ${id}`);
    const parents = parentsOf(id);
    const waits = new Set(parents.filter((p) => chosen.has(p)));
    if (build && entry.node.kind !== 'test') {
      for (const parent of parents) {
        for (const test of testsOf.get(parent) ?? []) {
          if (!parentsOf(test).includes(id)) waits.add(test);
        }
      }
    }
    return {
      id,
      kind: entry.node.kind,
      name: entry.node.name,
      description: describeNode(entry),
      waitsFor: [...waits],
    };
  });
}

/** The schemas the selected nodes build into, and where their tests will store failures. */
function requiredSchemas(
  manifest: Manifest,
  selected: readonly NodeId[],
  options: InvokeOptions,
): (readonly [string, string])[] {
  const schemas = new Map<string, readonly [string, string]>();
  const add = (relation: Relation): void => {
    schemas.set(`${relation.catalog}.${relation.schema}`, [relation.catalog, relation.schema]);
  };
  const resources: readonly ResourceType[] = COMMAND_RESOURCES[options.command];
  for (const id of selected) {
    const entry = manifest.nodes.get(id);
    if (!entry || !resources.includes(entry.node.kind)) continue;
    if (entry.node.kind === 'test') {
      if (storesFailures(entry, options.storeFailures ?? false)) {
        add(storeFailuresRelation(manifest, id));
      }
    } else if (entry.relation && entry.node.kind !== 'source') {
      add(entry.relation);
    }
  }
  return [...schemas.values()];
}

/** Whether a test will store its failures; a config error is left for the test to report. */
function storesFailures(entry: ManifestNode, flag: boolean): boolean {
  try {
    return testConfig(entry.config, entry.node, { storeFailures: flag }).storeFailures !== 'none';
  } catch {
    return false;
  }
}

function isEphemeral(manifest: Manifest, id: NodeId): boolean {
  const entry = manifest.nodes.get(id);
  return entry?.node.kind === 'model' && entry.config.materialized === 'ephemeral';
}

/**
 * A node's parents as the run sees them. Ephemeral models are not run (they are inlined where
 * they are used, as in dbt), so unless they are kept, a node depends on their parents instead.
 */
function directParents(manifest: Manifest, id: NodeId, keepEphemeral: boolean): NodeId[] {
  const out = new Set<NodeId>();
  const visit = (current: NodeId): void => {
    for (const parent of manifest.nodes.get(current)?.dependsOn ?? []) {
      if (!keepEphemeral && isEphemeral(manifest, parent)) visit(parent);
      else out.add(parent);
    }
  };
  visit(id);
  return [...out];
}
