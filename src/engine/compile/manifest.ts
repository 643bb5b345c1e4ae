/**
 * Phase one of compile: render every template with recording stand-ins to learn its
 * dependencies and final config, name every relation, and build the graph. Pure: no warehouse,
 * no files written.
 */
import { createHash } from 'node:crypto';
import { HrflowError } from '../../core/errors.js';
import type { Dialect } from '../adapters/adapter.js';
import { buildGraph } from '../graph/dag.js';
import type { Graph } from '../graph/dag.js';
import { mergeConfig } from '../project/folder-config.js';
import type { Project } from '../project/load-project.js';
import { isTemplated, nodeId } from '../project/nodes.js';
import type { NodeConfig, NodeId, ProjectNode } from '../project/nodes.js';
import type { Relation } from '../relation.js';
import { adapterValue, parseScope } from './scope.js';
import type { InvocationInfo } from './scope.js';
import { TemplateEngine } from './template-engine.js';
import type { RenderScope } from './template-engine.js';

/** A node with everything phase one learned about it. */
export interface ManifestNode {
  readonly node: ProjectNode;
  /** Folder defaults, then properties, then the template's own config() calls. */
  readonly config: NodeConfig;
  /** Parents: refs, sources and (for tests) the tested node. */
  readonly dependsOn: readonly NodeId[];
  readonly refs: readonly { readonly name: string; readonly packageName?: string }[];
  readonly sources: readonly { readonly source: string; readonly table: string }[];
  /** Where the node's result lives; absent for tests, exposures and ephemeral models. */
  readonly relation?: Relation;
  /** sha256 of the raw code (or CSV), for state:modified. */
  readonly checksum: string;
}

export interface Manifest {
  readonly project: Project;
  readonly engine: TemplateEngine;
  readonly dialect: Dialect;
  readonly invocation: InvocationInfo;
  readonly nodes: ReadonlyMap<NodeId, ManifestNode>;
  readonly graph: Graph<NodeId>;
}

export interface ManifestRequest {
  readonly project: Project;
  readonly dialect: Dialect;
  readonly invocation: InvocationInfo;
  /** Reuse an engine (its compiled-template cache) across builds of the same project. */
  readonly engine?: TemplateEngine;
}

export function buildManifest(request: ManifestRequest): Manifest {
  const { project, dialect, invocation } = request;
  const engine = request.engine ?? new TemplateEngine(project.macros, project.settings.name);
  const nodes = new Map<NodeId, ManifestNode>();

  for (const node of project.nodes.values()) {
    nodes.set(node.id, parseNode(request, engine, node));
  }
  const deps = new Map<NodeId, readonly NodeId[]>([...nodes].map(([id, m]) => [id, m.dependsOn]));
  const graph = buildGraph(deps, (id) => ({ file: project.nodes.get(id)?.path }));
  return { project, engine, dialect, invocation, nodes, graph };
}

function parseNode(
  request: ManifestRequest,
  engine: TemplateEngine,
  node: ProjectNode,
): ManifestNode {
  const { project, dialect, invocation } = request;
  if (node.kind === 'source') {
    return {
      node,
      config: node.config,
      dependsOn: [],
      refs: [],
      sources: [],
      relation: { catalog: node.catalog, schema: node.schema, identifier: node.identifier },
      checksum: sha256(JSON.stringify([node.schema, node.identifier, node.loadedAtField ?? ''])),
    };
  }
  if (node.kind === 'exposure') {
    const refs = node.dependsOnRaw.flatMap((text) => {
      const m = /ref\(\s*['"]([^'"]+)['"]\s*\)/.exec(text);
      return m?.[1] ? [{ name: m[1] }] : [];
    });
    const sources = node.dependsOnRaw.flatMap((text) => {
      const m = /source\(\s*['"]([^'"]+)['"]\s*,\s*['"]([^'"]+)['"]\s*\)/.exec(text);
      return m?.[1] && m[2] ? [{ source: m[1], table: m[2] }] : [];
    });
    return {
      node,
      config: node.config,
      dependsOn: [
        ...refs.map((r) => refId(project, r.name)).filter((id): id is NodeId => id !== undefined),
        ...sources.map((s) => nodeId('source', project.settings.name, s.source, s.table)),
      ],
      refs,
      sources,
      checksum: sha256(JSON.stringify(node.dependsOnRaw)),
    };
  }
  if (node.kind === 'seed') {
    return {
      node,
      config: node.config,
      dependsOn: [],
      refs: [],
      sources: [],
      relation: relationFor(request, engine, node, node.config),
      checksum: node.contentHash,
    };
  }
  if (!isTemplated(node)) throw new Error('unreachable');

  const { scope, record } = parseScope({ project, engine, node, dialect, invocation });
  engine.render(node.rawCode, node.path, scope);
  const config = record.configCalls.reduce<Record<string, unknown>>(
    (acc, call) => mergeConfig(acc, call),
    { ...node.config },
  ) as NodeConfig;
  const dependsOn = [
    ...record.refs
      .map((r) => refId(project, r.name, r.packageName))
      .filter((id): id is NodeId => id !== undefined),
    ...record.sources.map((s) => nodeId('source', project.settings.name, s.source, s.table)),
  ];
  const materialized = config.materialized;
  const relation =
    node.kind === 'test' || materialized === 'ephemeral'
      ? undefined
      : relationFor(request, engine, node, config);
  return {
    node,
    config,
    dependsOn: [...new Set(dependsOn)],
    refs: record.refs,
    sources: record.sources,
    ...(relation ? { relation } : {}),
    checksum: sha256(node.rawCode),
  };
}

/**
 * Where a test keeps its failing rows with `store_failures`: the test's `schema` config, by
 * default dbt's `dbt_test__audit` (hrflow projects: `test_failures`), named through the
 * project's naming macros like any relation; the identifier is the test's alias or name.
 */
export function storeFailuresRelation(manifest: Manifest, id: NodeId): Relation {
  const entry = manifest.nodes.get(id);
  if (entry?.node.kind !== 'test') throw new HrflowError('internal', `${id} is not a test`);
  const node = entry.node;
  const config = {
    ...entry.config,
    schema:
      entry.config.schema ??
      (manifest.project.settings.flavor === 'dbt' ? 'dbt_test__audit' : 'test_failures'),
    alias: entry.config.alias ?? node.alias ?? node.name,
  };
  return relationFor(manifest, manifest.engine, node, config);
}

/** Names a relation with the project's (possibly overridden) naming macros, as dbt does. */
function relationFor(
  request: ManifestRequest,
  engine: TemplateEngine,
  node: ProjectNode,
  config: NodeConfig,
): Relation {
  const { project } = request;
  const scope: RenderScope = {
    target: {
      schema: request.invocation.targetSchema,
      name: request.invocation.targetName,
      database: project.settings.catalog,
    },
    project_name: project.settings.name,
    project_flavor: project.settings.flavor,
    adapter: adapterValue(engine, request.dialect, (message) => {
      throw new HrflowError('template-error', message, { location: { file: node.path } });
    }),
  };
  const nodeInfo = {
    name: node.name,
    resource_type: node.kind,
    fqn: node.fqn,
    config,
    unique_id: node.id,
  };
  const legacySchema =
    node.kind === 'snapshot' && typeof config.target_schema === 'string'
      ? config.target_schema
      : undefined;
  const schema =
    legacySchema ??
    text(engine.callMacro('generate_schema_name', scope, config.schema ?? null, nodeInfo));
  const identifier = text(
    engine.callMacro('generate_alias_name', scope, config.alias ?? null, nodeInfo),
  );
  const catalog =
    (node.kind === 'snapshot' && typeof config.target_database === 'string'
      ? config.target_database
      : undefined) ??
    (typeof config.database === 'string' ? config.database : project.settings.catalog);
  return { catalog, schema, identifier };
}

function refId(project: Project, name: string, packageName?: string): NodeId | undefined {
  const pkg = packageName ?? project.settings.name;
  for (const kind of ['model', 'seed', 'snapshot'] as const) {
    const id = nodeId(kind, pkg, name);
    if (project.nodes.has(id)) return id;
  }
  return undefined;
}

function text(value: unknown): string {
  return String(value).trim();
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
