/**
 * Keys that occur more than once among new rows. DuckDB's MERGE applies every source row that
 * matches a target row instead of refusing, so a merge or snapshot whose source repeats a key
 * would write an arbitrary result. These builders find such keys for a clear error, or keep one
 * row per key in an order that does not depend on how the warehouse happens to read the rows.
 */
import type { ErrorCode } from '../../core/errors.js';
import { HrflowError } from '../../core/errors.js';
import type { Dialect } from '../adapters/adapter.js';
import type { NodeRef } from './context.js';
import { columnList } from './relation-sql.js';

/** How many example keys an error shows. */
export const EXAMPLE_KEYS = 5;

const ROW_NUMBER = '__hrflow_row_number';

/**
 * Up to {@link EXAMPLE_KEYS} keys occurring more than once in `from` (a table expression), most
 * repeated first, each with `hrflow_rows` (its row count) and `hrflow_keys` (how many keys repeat
 * in all). Rows with a NULL key part are left out: they match nothing, so they cannot collide.
 */
export function duplicateKeysQuery(d: Dialect, from: string, keys: readonly string[]): string {
  const list = columnList(d, keys);
  return [
    `SELECT ${list}, count(*) AS hrflow_rows, count(*) OVER () AS hrflow_keys`,
    `FROM ${from}`,
    `WHERE ${notNull(d, keys)}`,
    `GROUP BY ${list}`,
    `HAVING count(*) > 1`,
    `ORDER BY hrflow_rows DESC, ${list}`,
    `LIMIT ${EXAMPLE_KEYS}`,
  ].join('\n');
}

/**
 * The rows of `from` with one row per key: the greatest `orderBy` value (NULLs last), ties broken
 * by the other columns in order, so identical input keeps the identical row. Rows with a NULL key
 * part all pass, as they cannot collide.
 */
export function dedupeQuery(
  d: Dialect,
  from: string,
  columns: readonly string[],
  keys: readonly string[],
  orderBy: string,
): string {
  const order = [orderBy, ...columns.filter((c) => c !== orderBy)]
    .map((c) => `${d.quoteIdent(c)} DESC NULLS LAST`)
    .join(', ');
  const anyNull = keys.map((k) => `${d.quoteIdent(k)} IS NULL`).join(' OR ');
  return [
    `SELECT ${columnList(d, columns)}`,
    `FROM (`,
    `  SELECT *, row_number() OVER (PARTITION BY ${columnList(d, keys)} ORDER BY ${order})` +
      ` AS ${ROW_NUMBER}`,
    `  FROM ${from}`,
    `) AS hrflow_ranked`,
    `WHERE ${ROW_NUMBER} = 1 OR ${anyNull}`,
  ].join('\n');
}

/** A row of {@link duplicateKeysQuery}. */
export type DuplicateKeyRow = Record<string, unknown> & {
  readonly hrflow_rows: unknown;
  readonly hrflow_keys: unknown;
};

/** The error for repeated keys, naming the key, how many repeat and examples. */
export function duplicateKeyError(options: {
  readonly code: ErrorCode;
  readonly node: NodeRef;
  /** What holds the rows, for the message: `the new rows`, `the snapshot source`. */
  readonly where: string;
  readonly keys: readonly string[];
  readonly rows: readonly DuplicateKeyRow[];
}): HrflowError {
  const { node, keys, rows } = options;
  const total = Number(rows[0]?.hrflow_keys ?? rows.length);
  const examples = rows.map((row) => `${formatKey(keys, row)} (${Number(row.hrflow_rows)} rows)`);
  const keyText = keys.length === 1 ? (keys[0] ?? '') : `(${keys.join(', ')})`;
  return new HrflowError(
    options.code,
    `${node.name}: unique_key ${keyText} is not unique in ${options.where}: ` +
      `${total} ${total === 1 ? 'key occurs' : 'keys occur'} more than once, ` +
      `e.g. ${examples.join(', ')}`,
    {
      location: { node: node.id },
      hint:
        'Make the query return one row per key, or set `dedupe: latest` (with `dedupe_by`) ' +
        'to keep the newest row of each key.',
      details: {
        uniqueKey: keys,
        duplicateKeys: total,
        examples: rows.map((row) => ({
          key: Object.fromEntries(keys.map((k) => [k, row[k] ?? null])),
          rows: Number(row.hrflow_rows),
        })),
      },
    },
  );
}

function notNull(d: Dialect, keys: readonly string[]): string {
  return keys.map((k) => `${d.quoteIdent(k)} IS NOT NULL`).join(' AND ');
}

function formatKey(keys: readonly string[], row: Record<string, unknown>): string {
  const parts = keys.map((k) => `${k}=${formatValue(row[k])}`);
  return parts.length === 1 ? (parts[0] ?? '') : `(${parts.join(', ')})`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  return JSON.stringify(value) ?? 'NULL';
}
