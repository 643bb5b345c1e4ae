/**
 * SQL for whole relations and their columns, shared by every materialization. Pure: each
 * function returns statement text for a dialect and runs nothing. A model's SELECT goes on lines
 * of its own inside parentheses, so a trailing `--` comment in it cannot swallow the closing one.
 */
import type { Dialect } from '../adapters/adapter.js';
import type { Column, Relation, RelationType } from '../relation.js';

/** Creates a table from a SELECT. */
export function createTableAs(d: Dialect, rel: Relation, sql: string): string {
  return `CREATE TABLE ${d.renderRelation(rel)} AS (\n${sql}\n)`;
}

/** `CREATE OR REPLACE VIEW`: atomic, so a view that fails to bind leaves the old one in place. */
export function createOrReplaceView(d: Dialect, rel: Relation, sql: string): string {
  return `CREATE OR REPLACE VIEW ${d.renderRelation(rel)} AS (\n${sql}\n)`;
}

/** Drops a table or view if it exists; DuckDB refuses `DROP TABLE` on a view, so say which. */
export function dropRelation(d: Dialect, rel: Relation, type: RelationType): string {
  return `DROP ${type === 'view' ? 'VIEW' : 'TABLE'} IF EXISTS ${d.renderRelation(rel)}`;
}

/** A query returning one row with the relation's row count as `row_count`. */
export function countRows(d: Dialect, rel: Relation): string {
  return `SELECT count(*) AS row_count FROM ${d.renderRelation(rel)}`;
}

/** Inserts the named columns of `from` (a relation or a parenthesised query with an alias). */
export function insertColumns(
  d: Dialect,
  target: Relation,
  columns: readonly string[],
  from: string,
): string {
  const list = columnList(d, columns);
  return `INSERT INTO ${d.renderRelation(target)} (${list})\nSELECT ${list}\nFROM ${from}`;
}

/** Adds a nullable column; existing rows get NULL. */
export function addColumn(d: Dialect, rel: Relation, column: Column): string {
  const name = d.quoteIdent(column.name);
  return `ALTER TABLE ${d.renderRelation(rel)} ADD COLUMN ${name} ${column.type}`;
}

/** Drops a column and its values. */
export function dropColumn(d: Dialect, rel: Relation, name: string): string {
  return `ALTER TABLE ${d.renderRelation(rel)} DROP COLUMN ${d.quoteIdent(name)}`;
}

/** Changes a column's type, converting its values with the warehouse's implicit cast. */
export function alterColumnType(d: Dialect, rel: Relation, column: Column): string {
  const name = d.quoteIdent(column.name);
  return `ALTER TABLE ${d.renderRelation(rel)} ALTER COLUMN ${name} TYPE ${column.type}`;
}

/** `"a", "b"`, optionally qualified: `S."a", S."b"`. */
export function columnList(d: Dialect, columns: readonly string[], qualifier?: string): string {
  const prefix = qualifier === undefined ? '' : `${qualifier}.`;
  return columns.map((c) => `${prefix}${d.quoteIdent(c)}`).join(', ');
}

/** The column with this name, compared case-insensitively as DuckDB and Spark do. */
export function findColumn<C extends { readonly name: string }>(
  columns: readonly C[],
  name: string,
): C | undefined {
  const lower = name.toLowerCase();
  return columns.find((c) => c.name.toLowerCase() === lower);
}

/** A config value that may be one name or several, as a list. */
export function asList(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : value;
}
