/**
 * `manifest.json` in dbt's v12 shape, so tools that read dbt artifacts (lineage viewers, catalog
 * ingestion) read hrflow's too. hrflow's additions ride in `meta` (a column's `pii`, a gold
 * model's `metric`), where dbt consumers already expect free-form data.
 */
import type { Manifest, ManifestNode } from '../compile/manifest.js';
import type { ColumnSpec, NodeId } from '../project/nodes.js';
import { VERSION } from '../../version.js';

export const MANIFEST_SCHEMA = 'https://schemas.getdbt.com/dbt/manifest/v12.json';

type Json = Record<string, unknown>;

export function manifestJson(manifest: Manifest, generatedAt: Date): Json {
  const { project } = manifest;
  const nodes: Json = {};
  const sources: Json = {};
  const exposures: Json = {};
  const parentMap: Record<string, string[]> = {};
  const childMap: Record<string, string[]> = {};

  for (const [id, entry] of manifest.nodes) {
    parentMap[id] = [...(manifest.graph.parents.get(id) ?? [])];
    childMap[id] = [...(manifest.graph.children.get(id) ?? [])];
    const kind = entry.node.kind;
    if (kind === 'source') sources[id] = sourceJson(manifest, entry);
    else if (kind === 'exposure') exposures[id] = exposureJson(entry);
    else nodes[id] = nodeJson(manifest, entry);
  }

  const macros: Json = {};
  for (const file of project.macros) {
    for (const name of file.names) {
      const id = `macro.${file.packageName}.${name}`;
      macros[id] = {
        name,
        resource_type: 'macro',
        package_name: file.packageName,
        path: file.path,
        original_file_path: file.path,
        unique_id: id,
        macro_sql: file.source,
        depends_on: { macros: [] },
        description: '',
        meta: {},
        docs: { show: true, node_color: null },
        patch_path: null,
        arguments: [],
        supported_languages: null,
      };
    }
  }
  const docs: Json = {};
  for (const doc of project.docs.values()) {
    const id = `doc.${project.settings.name}.${doc.name}`;
    docs[id] = {
      name: doc.name,
      resource_type: 'doc',
      package_name: project.settings.name,
      path: doc.path,
      original_file_path: doc.path,
      unique_id: id,
      block_contents: doc.content,
    };
  }

  return {
    metadata: {
      dbt_schema_version: MANIFEST_SCHEMA,
      dbt_version: `hrflow-${VERSION}`,
      generated_at: generatedAt.toISOString(),
      invocation_id: manifest.invocation.invocationId,
      env: {},
      project_name: project.settings.name,
      project_id: null,
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: manifest.dialect.kind,
    },
    nodes,
    sources,
    macros,
    docs,
    exposures,
    metrics: {},
    groups: {},
    selectors: {},
    disabled: {},
    parent_map: parentMap,
    child_map: childMap,
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: {},
  };
}

function nodeJson(manifest: Manifest, entry: ManifestNode): Json {
  const node = entry.node;
  const rel = entry.relation;
  const common = {
    database: rel?.catalog ?? manifest.project.settings.catalog,
    schema: rel?.schema ?? manifest.invocation.targetSchema,
    name: node.name,
    resource_type: node.kind,
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.path,
    unique_id: node.id,
    fqn: node.fqn,
    alias: rel?.identifier ?? (node.kind === 'test' ? node.alias : undefined) ?? node.name,
    checksum: { name: 'sha256', checksum: entry.checksum },
    config: configJson(entry),
    tags: asList(entry.config.tags ?? node.tags),
    description: node.description,
    columns: columnsJson(node.columns),
    meta: {
      ...node.meta,
      ...(node.kind === 'model' && node.metric ? { metric: node.metric } : {}),
    },
    group: null,
    docs: { show: true, node_color: null },
    patch_path: node.patchPath ?? null,
    build_path: null,
    unrendered_config: {},
    relation_name: rel ? manifest.dialect.renderRelation(rel) : null,
    raw_code: 'rawCode' in node ? node.rawCode : '',
    language: 'sql',
    refs: entry.refs.map((r) => ({ name: r.name, package: r.packageName ?? null, version: null })),
    sources: entry.sources.map((s) => [s.source, s.table]),
    metrics: [],
    depends_on: { macros: [], nodes: entry.dependsOn },
    compiled_path: null,
    contract: { enforced: false, alias_types: true, checksum: null },
    access: 'protected',
    constraints: [],
    version: null,
    latest_version: null,
    deprecation_date: null,
  };
  if (node.kind === 'seed') return { ...common, root_path: manifest.project.settings.root };
  if (node.kind === 'test') {
    return {
      ...common,
      column_name: node.columnName ?? null,
      attached_node: node.attachedNode ?? null,
      file_key_name: node.attachedNode
        ? `models.${manifest.nodes.get(node.attachedNode)?.node.name ?? ''}`
        : null,
      ...(node.testMetadata
        ? {
            test_metadata: {
              name: node.testMetadata.name,
              kwargs: node.testMetadata.kwargs,
              namespace: node.testMetadata.namespace ?? null,
            },
          }
        : {}),
    };
  }
  return common;
}

function sourceJson(manifest: Manifest, entry: ManifestNode): Json {
  const node = entry.node;
  if (node.kind !== 'source') return {};
  const rule = (r: { count: number; period: string } | undefined): Json =>
    r ? { count: r.count, period: r.period } : { count: null, period: null };
  return {
    database: node.catalog,
    schema: node.schema,
    name: node.tableName,
    resource_type: 'source',
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.path,
    unique_id: node.id,
    fqn: node.fqn,
    source_name: node.sourceName,
    source_description: node.sourceDescription,
    loader: node.connector ? 'hrflow' : '',
    identifier: node.identifier,
    quoting: {},
    loaded_at_field: node.loadedAtField ?? null,
    freshness: node.freshness
      ? {
          warn_after: rule(node.freshness.warnAfter),
          error_after: rule(node.freshness.errorAfter),
          filter: node.freshness.filter ?? null,
        }
      : null,
    external: null,
    description: node.description,
    columns: columnsJson(node.columns),
    meta: node.meta,
    source_meta: {},
    tags: node.tags,
    config: { enabled: true, ...node.config },
    patch_path: null,
    unrendered_config: {},
    relation_name: manifest.dialect.renderRelation({
      catalog: node.catalog,
      schema: node.schema,
      identifier: node.identifier,
    }),
  };
}

function exposureJson(entry: ManifestNode): Json {
  const node = entry.node;
  if (node.kind !== 'exposure') return {};
  return {
    name: node.name,
    resource_type: 'exposure',
    package_name: node.packageName,
    path: node.path,
    original_file_path: node.path,
    unique_id: node.id,
    fqn: node.fqn,
    type: node.exposureType,
    owner: node.owner,
    description: node.description,
    label: node.label,
    maturity: node.maturity ?? null,
    meta: node.meta,
    tags: node.tags,
    config: { enabled: true },
    unrendered_config: {},
    url: node.url ?? null,
    depends_on: { macros: [], nodes: entry.dependsOn },
    refs: entry.refs.map((r) => ({ name: r.name, package: null, version: null })),
    sources: entry.sources.map((s) => [s.source, s.table]),
    metrics: [],
  };
}

function columnsJson(columns: Readonly<Record<string, ColumnSpec>>): Json {
  const out: Json = {};
  for (const [name, column] of Object.entries(columns)) {
    out[name] = {
      name,
      description: column.description,
      meta: { ...column.meta, ...(column.pii ? { pii: column.pii } : {}) },
      data_type: column.dataType ?? null,
      constraints: [],
      quote: null,
      tags: column.tags,
    };
  }
  return out;
}

/**
 * A node's config as the manifest records it. `state:modified.configs` compares this shape with
 * a saved manifest's, so selection must use it too.
 */
export function configJson(entry: ManifestNode): Record<string, unknown> {
  return { enabled: true, ...entry.config };
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => `${v as string}`) : [];
}

/** Ids in a manifest's `nodes`, `sources` and `exposures`. */
export type ManifestId = NodeId;
