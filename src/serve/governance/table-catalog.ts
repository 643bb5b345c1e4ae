/**
 * The columns of every table in the warehouse with their PII tags: names from
 * information_schema, tags from the project's manifest (`pii:` on documented columns) and from
 * the datasets' own declarations. Refreshed after each job, since a build can add columns.
 */
import type { PiiTag } from '../../engine/project/nodes.js';
import type { Manifest } from '../../engine/compile/manifest.js';
import type { Session } from '../../warehouse/warehouse.js';
import type { TableColumns } from './access.js';

/** `schema.table` → column → tag. */
export type PiiIndex = ReadonlyMap<string, ReadonlyMap<string, PiiTag>>;

/** Column → DuckDB type name (`VARCHAR`, `DATE`, `TIMESTAMP`…). */
export type ColumnTypes = ReadonlyMap<string, string>;

export class TableCatalog {
  constructor(
    private readonly tables: ReadonlyMap<string, TableColumns>,
    readonly loadedAt: Date,
    private readonly columnTypes: ReadonlyMap<string, ColumnTypes> = new Map(),
  ) {}

  /** The table's columns, or undefined when it does not exist. */
  columns(table: string): TableColumns | undefined {
    return this.tables.get(table);
  }

  /** The table's column types, or undefined when it does not exist. */
  types(table: string): ColumnTypes | undefined {
    return this.columnTypes.get(table);
  }

  /** Every known `schema.table`. */
  names(): string[] {
    return [...this.tables.keys()].sort();
  }

  /** Reads the catalog from the warehouse, tagging columns from `pii`. */
  static async load(session: Session, catalog: string, pii: PiiIndex): Promise<TableCatalog> {
    const rows = await session.query<{ s: string; t: string; c: string; type: string }>(
      `SELECT table_schema AS s, table_name AS t, column_name AS c, data_type AS type
       FROM information_schema.columns WHERE table_catalog = $1
       ORDER BY table_schema, table_name, ordinal_position`,
      [catalog],
    );
    const tables = new Map<string, Map<string, PiiTag | undefined>>();
    const types = new Map<string, Map<string, string>>();
    for (const row of rows) {
      const key = `${row.s}.${row.t}`;
      let columns = tables.get(key);
      let typed = types.get(key);
      if (!columns || !typed) {
        columns = new Map();
        typed = new Map();
        tables.set(key, columns);
        types.set(key, typed);
      }
      columns.set(row.c, pii.get(key)?.get(row.c));
      typed.set(row.c, row.type);
    }
    return new TableCatalog(tables, new Date(), types);
  }
}

/** PII tags of documented columns, keyed by the relation each node builds. */
export function piiFromManifest(manifest: Manifest | undefined): Map<string, Map<string, PiiTag>> {
  const index = new Map<string, Map<string, PiiTag>>();
  if (!manifest) return index;
  for (const entry of manifest.nodes.values()) {
    const node = entry.node;
    if (!entry.relation || !('columns' in node)) continue;
    const columns = node.columns as Readonly<Record<string, { pii?: PiiTag }>>;
    for (const [name, column] of Object.entries(columns)) {
      if (!column.pii) continue;
      addTag(index, `${entry.relation.schema}.${entry.relation.identifier}`, name, column.pii);
    }
  }
  return index;
}

/** Adds one tag; the first tag seen for a column wins. */
export function addTag(
  index: Map<string, Map<string, PiiTag>>,
  table: string,
  column: string,
  tag: PiiTag,
): void {
  let columns = index.get(table);
  if (!columns) {
    columns = new Map();
    index.set(table, columns);
  }
  if (!columns.has(column)) columns.set(column, tag);
}
