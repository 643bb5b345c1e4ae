/**
 * Connector specs in `sources/` as engine sources: each stream becomes `source('<spec>',
 * '<stream>')`, living in `bronze.<spec>_<stream>` with `pulled_at` as its loaded-at field and the
 * spec's freshness. The payload fields a spec declares, with their PII tags, ride in `meta`.
 */
import { join } from 'node:path';
import { loadSourceSpecs } from '../connectors/spec/load-spec.js';
import type { SourceSpec } from '../connectors/spec/source-spec.js';
import { sourceTablesOf } from '../connectors/source-tables.js';
import type { SourceProvider } from '../engine/project/load-project.js';
import { nodeId } from '../engine/project/nodes.js';
import type { ColumnSpec, SourceNode } from '../engine/project/nodes.js';
import type { ProjectSettings } from '../engine/project/settings.js';

/** Reads every spec under the project's `sources` paths. */
export function projectSourceSpecs(settings: ProjectSettings): SourceSpec[] {
  return settings.paths.sources.flatMap((dir) =>
    loadSourceSpecs(join(settings.root, dir), settings.root),
  );
}

/** The engine's view of the project's connector specs. */
export const connectorSourceProvider: SourceProvider = (settings) =>
  projectSourceSpecs(settings).flatMap((spec) => sourceNodesOf(spec, settings));

export function sourceNodesOf(spec: SourceSpec, settings: ProjectSettings): SourceNode[] {
  const path = settings.paths.sources[0]
    ? `${settings.paths.sources[0]}/${spec.name}.yaml`
    : `${spec.name}.yaml`;
  return sourceTablesOf(spec).map((table) => {
    const columns: Record<string, ColumnSpec> = {};
    for (const column of table.columns) {
      columns[column.name] = {
        name: column.name,
        description: column.description,
        dataType: column.type,
        meta: {},
        tags: [],
      };
    }
    return {
      kind: 'source',
      id: nodeId('source', settings.name, spec.name, table.name),
      name: table.name,
      packageName: settings.name,
      path,
      fqn: [settings.name, spec.name, table.name],
      description: table.description ?? '',
      sourceDescription: spec.description ?? '',
      columns,
      config: { enabled: true },
      tags: [spec.name, 'bronze'],
      meta: {
        primary_key: table.primaryKey,
        payload_fields: table.fields.map((f) => ({
          path: f.path,
          type: f.type ?? null,
          pii: f.pii,
        })),
        pii: table.piiTags,
        enabled_by_default: table.enabledByDefault,
      },
      sourceName: spec.name,
      tableName: table.name,
      catalog: settings.catalog,
      schema: table.relation.schema,
      identifier: table.relation.identifier,
      loadedAtField: table.loadedAtField,
      ...(table.freshness ? { freshness: table.freshness } : {}),
      connector: { source: spec.name, stream: table.name },
    } satisfies SourceNode;
  });
}
