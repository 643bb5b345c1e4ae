/**
 * `catalog.json`: what the warehouse actually holds for every model, seed, snapshot and source:
 * column names and types in order, table type, comment and row count. `hrflow docs generate`
 * writes it; the docs site reads it next to the manifest.
 */
import type { ReadExecutor } from './adapters/adapter.js';
import type { Manifest } from './compile/manifest.js';
import type { Relation } from './relation.js';

type CatalogRow = {
  table_catalog: string;
  table_schema: string;
  table_name: string;
  table_type: string;
  column_name: string;
  data_type: string;
  ordinal_position: number;
  comment: string | null;
};

export async function catalogJson(
  manifest: Manifest,
  executor: ReadExecutor,
  generatedAt: Date,
): Promise<Record<string, unknown>> {
  const relations = new Map<string, { id: string; kind: string; relation: Relation }>();
  for (const [id, entry] of manifest.nodes) {
    if (!entry.relation || entry.node.kind === 'test' || entry.node.kind === 'exposure') continue;
    relations.set(key(entry.relation), { id, kind: entry.node.kind, relation: entry.relation });
  }
  const catalogs = [...new Set([...relations.values()].map((r) => r.relation.catalog))];
  const q = (s: string) => executor.dialect.quoteLiteral(s);
  const rows =
    catalogs.length === 0
      ? []
      : await executor.query<CatalogRow>(
          `SELECT c.table_catalog, c.table_schema, c.table_name, t.table_type, c.column_name, c.data_type,
                  c.ordinal_position::INTEGER AS ordinal_position, c.column_comment AS comment
           FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_catalog, table_schema, table_name)
           WHERE c.table_catalog IN (${catalogs.map(q).join(', ')})
           ORDER BY c.table_schema, c.table_name, c.ordinal_position`,
        );
  const counts = new Map<string, number>();
  const tableRows = await executor.query<{
    database_name: string;
    schema_name: string;
    table_name: string;
    estimated_size: number | null;
  }>(
    `SELECT database_name, schema_name, table_name, estimated_size::BIGINT::DOUBLE AS estimated_size FROM duckdb_tables()`,
  );
  for (const t of tableRows) {
    counts.set(
      `${t.database_name}.${t.schema_name}.${t.table_name}`,
      Number(t.estimated_size ?? 0),
    );
  }

  const nodes: Record<string, unknown> = {};
  const sources: Record<string, unknown> = {};
  for (const row of rows) {
    const k = `${row.table_catalog}.${row.table_schema}.${row.table_name}`;
    const found = relations.get(k);
    if (!found) continue;
    const bucket = found.kind === 'source' ? sources : nodes;
    let entry = bucket[found.id] as { columns: Record<string, unknown> } | undefined;
    if (!entry) {
      entry = {
        unique_id: found.id,
        metadata: {
          type: row.table_type === 'VIEW' ? 'VIEW' : 'BASE TABLE',
          schema: row.table_schema,
          name: row.table_name,
          database: row.table_catalog,
          comment: null,
          owner: null,
        },
        columns: {},
        stats: statsFor(counts.get(k)),
      } as { columns: Record<string, unknown> };
      bucket[found.id] = entry;
    }
    entry.columns[row.column_name] = {
      type: row.data_type,
      index: row.ordinal_position,
      name: row.column_name,
      comment: row.comment,
    };
  }
  return {
    metadata: {
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json',
      generated_at: generatedAt.toISOString(),
      invocation_id: manifest.invocation.invocationId,
      env: {},
    },
    nodes,
    sources,
    errors: null,
  };
}

function key(rel: Relation): string {
  return `${rel.catalog}.${rel.schema}.${rel.identifier}`;
}

function statsFor(rows: number | undefined): Record<string, unknown> {
  const hasStats = {
    id: 'has_stats',
    label: 'Has Stats?',
    value: rows !== undefined,
    include: false,
    description: '',
  };
  if (rows === undefined) return { has_stats: hasStats };
  return {
    row_count: {
      id: 'row_count',
      label: 'Row Count',
      value: rows,
      include: true,
      description: 'Rows in the table',
    },
    has_stats: hasStats,
  };
}
