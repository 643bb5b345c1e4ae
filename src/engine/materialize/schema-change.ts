/**
 * `on_schema_change` for incremental models: compare the columns of the new rows with the
 * table's, then fail, or alter the table, or carry on, as dbt does. Pure: returns the ALTER
 * statements and the columns to write.
 */
import { HrflowError } from '../../core/errors.js';
import type { Dialect } from '../adapters/adapter.js';
import type { Column, Relation } from '../relation.js';
import type { OnSchemaChange } from './config.js';
import type { NodeRef } from './context.js';
import { unreachable } from './context.js';
import { addColumn, alterColumnType, dropColumn, findColumn } from './relation-sql.js';

/** A column present on both sides with different types. */
export interface RetypedColumn {
  readonly name: string;
  /** Type in the existing table. */
  readonly from: string;
  /** Type in the new rows. */
  readonly to: string;
}

/** How the new rows' columns differ from the table's; names compare case-insensitively. */
export interface SchemaDiff {
  /** In the new rows, not in the table. */
  readonly added: readonly Column[];
  /** In the table, not in the new rows. */
  readonly removed: readonly Column[];
  /** In both, with different types. */
  readonly retyped: readonly RetypedColumn[];
}

/** Compares the new rows' columns (`source`) with the table's (`target`). */
export function diffSchemas(source: readonly Column[], target: readonly Column[]): SchemaDiff {
  const retyped: RetypedColumn[] = [];
  for (const column of source) {
    const existing = findColumn(target, column.name);
    if (existing && normaliseType(existing.type) !== normaliseType(column.type)) {
      retyped.push({ name: existing.name, from: existing.type, to: column.type });
    }
  }
  return {
    added: source.filter((c) => !findColumn(target, c.name)),
    removed: target.filter((c) => !findColumn(source, c.name)),
    retyped,
  };
}

/** True when any column was added, removed or retyped. */
export function hasChanges(diff: SchemaDiff): boolean {
  return diff.added.length + diff.removed.length + diff.retyped.length > 0;
}

/** What `on_schema_change` decided. */
export interface SchemaChangePlan {
  /** ALTER statements to run, in order, before the new rows are written. */
  readonly statements: readonly string[];
  /** The columns to write from the new rows. */
  readonly columns: readonly string[];
}

/**
 * What `mode` does about `diff`: throws `schema-changed` for `fail` (any change) and for
 * `ignore` when the new rows lack a table column (dbt fails there too, with a SQL error).
 */
export function planSchemaChange(options: {
  readonly dialect: Dialect;
  readonly node: NodeRef;
  readonly mode: OnSchemaChange;
  readonly target: Relation;
  readonly source: readonly Column[];
  readonly existing: readonly Column[];
}): SchemaChangePlan {
  const { dialect: d, node, mode, target, source, existing } = options;
  const diff = diffSchemas(source, existing);
  const sourceNames = source.map((c) => c.name);

  switch (mode) {
    case 'ignore':
      if (diff.removed.length > 0) {
        throw schemaChanged(
          node,
          `the new rows lack ${describeColumns(diff.removed)} that the table has`,
          diff,
        );
      }
      return { statements: [], columns: existing.map((c) => c.name) };
    case 'fail':
      if (hasChanges(diff)) {
        throw schemaChanged(node, `the new rows no longer match the table's columns`, diff);
      }
      return { statements: [], columns: sourceNames };
    case 'append_new_columns':
      return { statements: diff.added.map((c) => addColumn(d, target, c)), columns: sourceNames };
    case 'sync_all_columns':
      return {
        statements: [
          ...diff.added.map((c) => addColumn(d, target, c)),
          ...diff.removed.map((c) => dropColumn(d, target, c.name)),
          ...diff.retyped.map((c) => alterColumnType(d, target, { name: c.name, type: c.to })),
        ],
        columns: sourceNames,
      };
    default:
      return unreachable(mode);
  }
}

function schemaChanged(node: NodeRef, what: string, diff: SchemaDiff): HrflowError {
  const parts = [
    diff.added.length > 0 ? `added ${formatColumns(diff.added)}` : undefined,
    diff.removed.length > 0 ? `removed ${formatColumns(diff.removed)}` : undefined,
    diff.retyped.length > 0
      ? `retyped ${diff.retyped.map((c) => `${c.name} ${c.from} -> ${c.to}`).join(', ')}`
      : undefined,
  ].filter((p) => p !== undefined);
  return new HrflowError('schema-changed', `${node.name}: ${what}: ${parts.join('; ')}`, {
    location: { node: node.id },
    hint:
      'Set on_schema_change to append_new_columns or sync_all_columns, run once with ' +
      '--full-refresh to rebuild the table, or change the table by hand.',
    details: {
      added: diff.added.map((c) => c.name),
      removed: diff.removed.map((c) => c.name),
      retyped: diff.retyped,
    },
  });
}

function describeColumns(columns: readonly Column[]): string {
  return `${columns.length === 1 ? 'column' : 'columns'} ${columns.map((c) => c.name).join(', ')}`;
}

function formatColumns(columns: readonly Column[]): string {
  return columns.map((c) => `${c.name} (${c.type})`).join(', ');
}

function normaliseType(type: string): string {
  return type.replace(/\s+/g, ' ').trim().toUpperCase();
}
