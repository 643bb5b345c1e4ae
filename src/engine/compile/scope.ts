/**
 * The dbt context for one render of one node: `ref`, `source`, `config`, `var`, `this`, … In the
 * parse phase the functions record what the template asks for and return stand-ins; in the
 * execute phase they return real relations and the facts the runner fetched beforehand.
 */
import { HrflowError } from '../../core/errors.js';
import type { Dialect } from '../adapters/adapter.js';
import type { Relation } from '../relation.js';
import type { NodeId, SeedNode, TemplatedNode } from '../project/nodes.js';
import type { Project } from '../project/load-project.js';
import { nearestHint } from './template-engine.js';
import type { RenderScope, TemplateEngine } from './template-engine.js';
import { RelationValue, splitArgs, TimestampValue } from './values.js';

/** The parts of a node its errors name. */
interface NodeLabel {
  readonly path: string;
  readonly id: NodeId;
  readonly name: string;
}

/** What the parse phase learned about a node. */
export interface ParseRecord {
  readonly refs: { readonly name: string; readonly packageName?: string }[];
  readonly sources: { readonly source: string; readonly table: string }[];
  /** Keyword arguments of every `config()` call, in order. */
  readonly configCalls: Record<string, unknown>[];
}

/** How the execute phase resolves names. */
export interface ExecuteFacts {
  /** The relation each ref-able node and source lives in (ephemeral ones as CTE names). */
  relationOf(id: NodeId): RelationValue;
  /** This node's own relation. */
  readonly self: Relation;
  /** dbt's `is_incremental()` for this node. */
  readonly isIncremental: boolean;
  /** Whether `--full-refresh` was given. */
  readonly fullRefresh: boolean;
  /** The node's resolved config. */
  readonly config: Readonly<Record<string, unknown>>;
}

export interface InvocationInfo {
  readonly invocationId: string;
  readonly runStartedAt: Date;
  readonly targetName: string;
  readonly env: NodeJS.ProcessEnv;
  readonly threads: number;
  readonly targetSchema: string;
  /** Receives `{{ log() }}` output. */
  readonly log?: (message: string) => void;
}

/** What every render needs, whatever it renders. */
export interface RenderEnvironment {
  readonly project: Project;
  readonly engine: TemplateEngine;
  readonly dialect: Dialect;
  readonly invocation: InvocationInfo;
}

export interface ScopeRequest extends RenderEnvironment {
  /** The node rendered, or whose hooks are rendered (seeds have hooks too). */
  readonly node: TemplatedNode | SeedNode;
}

/** What a project hook (`on-run-start`, `on-run-end`) sees besides the common context. */
export interface RunHookFacts {
  /** The relation each ref-able node and source lives in. */
  relationOf(id: NodeId): RelationValue;
  /** `on-run-end`: the run's results, as dbt's `results`. */
  readonly results?: readonly Readonly<Record<string, unknown>>[];
  /** `on-run-end`: the schemas the run built into. */
  readonly schemas?: readonly string[];
  /** `on-run-end`: the same as `[database, schema]` pairs. */
  readonly databaseSchemas?: readonly (readonly [string, string])[];
}

/** The parse-phase scope, and the record it fills. */
export function parseScope(request: ScopeRequest): { scope: RenderScope; record: ParseRecord } {
  const record: ParseRecord = { refs: [], sources: [], configCalls: [] };
  const { project, node } = request;
  const placeholder = (name: string): RelationValue =>
    new RelationValue(
      { catalog: project.settings.catalog, schema: '__parse__', identifier: name },
      request.dialect,
    );

  const ref = (...args: unknown[]): RelationValue => {
    const { name, packageName } = refArgs(args, node);
    findRefTarget(project, node, name, packageName);
    record.refs.push(packageName === undefined ? { name } : { name, packageName });
    return placeholder(name);
  };
  const source = (...args: unknown[]): RelationValue => {
    const { positional } = splitArgs(args);
    const [sourceName, table] = positional.map(String);
    if (!sourceName || !table) {
      throw new HrflowError(
        'template-error',
        "source() takes two arguments: source('greenhouse', 'candidates')",
        {
          location: { file: node.path, node: node.id },
        },
      );
    }
    findSource(project, node, sourceName, table);
    record.sources.push({ source: sourceName, table });
    return placeholder(`${sourceName}_${table}`);
  };
  const config = makeConfig(
    node,
    (kwargs) => record.configCalls.push(kwargs),
    () => ({
      ...node.config,
      ...(Object.assign({}, ...record.configCalls) as Record<string, unknown>),
    }),
  );

  return {
    scope: {
      ...commonScope(request, request.node, request.node),
      ref,
      source,
      config,
      is_incremental: () => false,
      this: placeholder(node.name),
      execute: false,
      should_full_refresh: () => false,
    },
    record,
  };
}

/** The execute-phase scope. */
export function executeScope(request: ScopeRequest, facts: ExecuteFacts): RenderScope {
  const { project, node } = request;
  const ref = (...args: unknown[]): RelationValue => {
    const { name, packageName } = refArgs(args, node);
    return facts.relationOf(findRefTarget(project, node, name, packageName));
  };
  const source = (...args: unknown[]): RelationValue => {
    const [sourceName, table] = splitArgs(args).positional.map(String);
    return facts.relationOf(findSource(project, node, sourceName ?? '', table ?? ''));
  };
  return {
    ...commonScope(request, request.node, request.node),
    ref,
    source,
    config: makeConfig(
      node,
      () => undefined,
      () => facts.config,
    ),
    is_incremental: () => facts.isIncremental,
    this: new RelationValue(facts.self, request.dialect),
    execute: true,
    should_full_refresh: () => facts.fullRefresh,
  };
}

/**
 * The scope of a project hook: the common context, `ref` and `source` resolving to relations
 * (without making the hook depend on anything), and on-run-end's `results` and `schemas`.
 */
export function runHookScope(
  request: RenderEnvironment,
  file: string,
  facts: RunHookFacts,
): RenderScope {
  const { project } = request;
  const origin = { path: file, id: undefined, name: file };
  const refNode = { path: file, id: file as NodeId, name: 'a project hook' };
  return {
    ...commonScope(request, origin),
    ref: (...args: unknown[]): RelationValue => {
      const { name, packageName } = refArgs(args, refNode);
      return facts.relationOf(findRefTarget(project, refNode, name, packageName));
    },
    source: (...args: unknown[]): RelationValue => {
      const [sourceName, table] = splitArgs(args).positional.map(String);
      return facts.relationOf(findSource(project, refNode, sourceName ?? '', table ?? ''));
    },
    execute: true,
    results: facts.results ?? [],
    schemas: facts.schemas ?? [],
    database_schemas: facts.databaseSchemas ?? [],
  };
}

/** Where a render comes from, for the location of its errors. */
interface RenderOrigin {
  readonly path: string;
  readonly id: string | undefined;
  readonly name: string;
}

function commonScope(
  request: RenderEnvironment,
  origin: RenderOrigin,
  node?: TemplatedNode | SeedNode,
): RenderScope {
  const { project, dialect, invocation, engine } = request;
  const settings = project.settings;
  const location = { file: origin.path, ...(origin.id ? { node: origin.id } : {}) };
  const fail = (message: string): never => {
    throw new HrflowError('template-error', message, { location });
  };
  const var_ = (...args: unknown[]): unknown => {
    const { positional } = splitArgs(args);
    const name = String(positional[0]);
    if (Object.hasOwn(settings.vars, name)) return settings.vars[name];
    if (positional.length > 1) return positional[1];
    throw new HrflowError('var-missing', `var('${name}') is not defined and has no default`, {
      location,
      hint: `Define '${name}' under vars: in ${settings.file}, pass --vars '{${name}: …}', or write var('${name}', default).`,
    });
  };
  const envVar = (...args: unknown[]): unknown => {
    const { positional } = splitArgs(args);
    const name = String(positional[0]);
    const value = invocation.env[name];
    if (value !== undefined) return value;
    if (positional.length > 1) return positional[1];
    throw new HrflowError('env-var-missing', `env_var('${name}') is not set and has no default`, {
      location,
      hint: `Set the environment variable ${name}, or write env_var('${name}', 'default').`,
    });
  };
  return {
    var: var_,
    env_var: envVar,
    target: {
      name: invocation.targetName,
      type: dialect.kind,
      adapter: dialect.kind,
      schema: invocation.targetSchema,
      database: settings.catalog,
      threads: invocation.threads,
      profile_name: settings.name,
    },
    run_started_at: new TimestampValue(invocation.runStartedAt),
    invocation_id: invocation.invocationId,
    project_name: settings.name,
    project_flavor: settings.flavor,
    doc: (name: string) => project.docs.get(name)?.content ?? fail(`doc('${name}') is not defined`),
    ...(node
      ? {
          model: {
            name: node.name,
            unique_id: node.id,
            resource_type: node.kind,
            package_name: node.packageName,
            original_file_path: node.path,
            fqn: node.fqn,
            config: node.config,
            tags: node.tags,
            description: node.description,
          },
        }
      : {}),
    adapter: adapterValue(engine, dialect, fail),
    flags: { FULL_REFRESH: false, WHICH: 'run' },
    exceptions: {
      raise_compiler_error: (message: string) => fail(message),
      warn: (message: string) => invocation.log?.(`warning: ${message}`),
    },
    log: (message: unknown) => {
      invocation.log?.(String(message));
      return '';
    },
    print: (message: unknown) => {
      invocation.log?.(String(message));
      return '';
    },
    graph: { nodes: {}, sources: {} },
    modules: {},
    run_query: () =>
      fail(
        'run_query() is not available: hrflow compiles without querying the warehouse. Derive the values in SQL instead.',
      ),
    statement: () =>
      fail(
        '{% call statement %} is not available in models; write the query as part of the model SQL.',
      ),
    load_result: () => fail('load_result() is not available in models.'),
    load_relation: () => fail('load_relation() is not available in models.'),
  };
}

/**
 * dbt's `adapter` object: `dispatch` finds `<adapter>__name`, else `default__name`, among every
 * macro; `quote` quotes an identifier.
 */
export function adapterValue(
  engine: TemplateEngine,
  dialect: Dialect,
  fail: (message: string) => never,
): Readonly<Record<string, unknown>> {
  const dispatch = (...args: unknown[]): unknown => {
    const { positional, keywords } = splitArgs(args);
    const name = String(positional[0] ?? keywords.macro_name);
    for (const candidate of [`${dialect.kind}__${name}`, `default__${name}`]) {
      const fn = engine.macro(candidate);
      if (fn) return fn;
    }
    return fail(`adapter.dispatch found no '${dialect.kind}__${name}' or 'default__${name}' macro`);
  };
  return {
    dispatch,
    quote: (name: string) => dialect.quoteIdent(name),
    type: () => dialect.kind,
  };
}

/** `config(...)` records keyword arguments; `config.get` / `config.require` read the resolved config. */
function makeConfig(
  node: NodeLabel,
  record: (kwargs: Record<string, unknown>) => void,
  current: () => Readonly<Record<string, unknown>>,
): unknown {
  const config = (...args: unknown[]): string => {
    const { positional, keywords } = splitArgs(args);
    const first = positional[0];
    const values =
      first && typeof first === 'object'
        ? { ...(first as Record<string, unknown>), ...keywords }
        : keywords;
    record(values);
    return '';
  };
  config.get = (key: string, fallback?: unknown): unknown => current()[key] ?? fallback ?? null;
  config.require = (key: string): unknown => {
    const value = current()[key];
    if (value === undefined) {
      throw new HrflowError('config-invalid', `config '${key}' is required by ${node.name}`, {
        location: { file: node.path, node: node.id },
        hint: `Set ${key} in the model's config() call or its properties.`,
      });
    }
    return value;
  };
  return config;
}

function refArgs(
  args: readonly unknown[],
  node: NodeLabel,
): { name: string; packageName?: string } {
  const { positional } = splitArgs(args);
  if (positional.length === 1) return { name: String(positional[0]) };
  if (positional.length === 2) {
    return { packageName: String(positional[0]), name: String(positional[1]) };
  }
  throw new HrflowError(
    'template-error',
    `ref() takes one or two arguments, got ${positional.length}`,
    {
      location: { file: node.path, node: node.id },
    },
  );
}

/** The model, seed or snapshot a `ref()` names; `ref-not-found` with the nearest name otherwise. */
export function findRefTarget(
  project: Project,
  node: NodeLabel,
  name: string,
  packageName?: string,
): NodeId {
  const pkg = packageName ?? project.settings.name;
  for (const kind of ['model', 'seed', 'snapshot'] as const) {
    const id = `${kind}.${pkg}.${name}` as NodeId;
    if (project.nodes.has(id)) return id;
  }
  const names = [...project.nodes.values()]
    .filter((n) => n.kind === 'model' || n.kind === 'seed' || n.kind === 'snapshot')
    .map((n) => n.name);
  throw new HrflowError(
    'ref-not-found',
    `${node.name} refers to '${name}', which is not a model, seed or snapshot`,
    {
      location: { file: node.path, node: node.id },
      hint: nearestHint(name, names) ?? 'Check the name, or whether that model is disabled.',
    },
  );
}

/** The source table `source(a, b)` names; `source-not-found` with the nearest name otherwise. */
export function findSource(
  project: Project,
  node: NodeLabel,
  source: string,
  table: string,
): NodeId {
  const id = `source.${project.settings.name}.${source}.${table}` as NodeId;
  if (project.nodes.has(id)) return id;
  const names = [...project.nodes.values()]
    .filter((n) => n.kind === 'source')
    .map((n) => `${n.fqn[1]}.${n.fqn[2]}`);
  throw new HrflowError(
    'source-not-found',
    `${node.name} reads source('${source}', '${table}'), which is not declared`,
    {
      location: { file: node.path, node: node.id },
      hint:
        nearestHint(`${source}.${table}`, names) ??
        'Declare it under sources: in a properties file, or add the stream to the connector spec.',
    },
  );
}
