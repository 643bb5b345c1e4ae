/**
 * Turns a checked request into SQL text and bound parameters, with the user's row filters in the
 * WHERE clause and masked columns kept out of the SELECT. Pure: no warehouse, no IO. Identifiers
 * come only from declarations; every request value is a `$n` parameter.
 */
import { HrflowError, InternalError } from '../../core/errors.js';
import { assertNever } from '../../core/assert-never.js';
import type { TableAccess } from '../governance/access.js';
import type { ColumnTypes } from '../governance/table-catalog.js';
import type {
  AggregateDataset,
  Condition,
  Dimension,
  Measure,
  Rollup,
  RollupMeasure,
  RowsDataset,
} from './dataset.js';
import type { AggregateRequest, FilterValue, RowsRequest } from './request.js';

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly string[];
}

export type AllowedAccess = Extract<TableAccess, { kind: 'allowed' }>;

/** The relation a query reads, with what the warehouse said about it. */
export interface ReadSource {
  /** `schema.table` */
  readonly table: string;
  /**
   * Its column types, when known: a text or date column is then compared as it is, which lets
   * DuckDB push the condition into the scan, instead of through a cast on every row.
   */
  readonly types?: ColumnTypes;
  /** Set when `table` is this rollup of the dataset rather than its base table. */
  readonly rollup?: Rollup;
}

/**
 * One row per cell (`d0`, `d1`… then `m_<measure>` for every base measure, and `g` = 0) plus,
 * from the same scan, the total over the whole filtered population (`g` > 0). Without
 * dimensions the single row is the total.
 */
export type CompiledAggregate = CompiledQuery;

/**
 * Which rows an aggregate query returns: the cells and the total from one scan (`both`), or
 * only one of them, when the cells and the total are read from different rollups.
 */
export type Grouping = 'both' | 'cells' | 'total';

/**
 * SQL for a breakdown; throws `policy-denied` when it would touch a masked column. Masks are
 * checked on the dataset's own columns whichever table is read, so a rollup never widens them.
 */
export function compileAggregate(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  source: ReadSource,
  grouping: Grouping = 'both',
): CompiledAggregate {
  const params = new Params();
  const columns = new Columns(source);
  const dims = request.dimensions.map((name) => {
    const dim = dataset.dimensions[name];
    if (!dim) throw new HrflowError('usage-invalid', `unknown dimension '${name}'`);
    guardAggregate(access, dim.column, `dimension ${name}`);
    if (dim.orderBy) guardAggregate(access, dim.orderBy, `dimension ${name}`);
    return dim;
  });
  const measures = Object.entries(dataset.measures).map(([name, m]) => {
    if (m.kind !== 'count') guardAggregate(access, m.column, `measure ${name}`);
    if (m.where) guardAggregate(access, m.where.column, `measure ${name}`);
    const rolled = source.rollup?.measures[name];
    const sql = source.rollup
      ? rollupMeasureSql(rolled ?? missing(`measure ${name}`, source))
      : measureSql(m, params, columns);
    return `${sql} AS ${quote(`m_${name}`)}`;
  });
  let where = whereSql(dataset.filters, request.filters, access, params, columns);
  if (dataset.scope) {
    guardAggregate(access, dataset.scope.column, 'the dataset scope');
    where = `${conditionSql(dataset.scope, params, columns)} AND ${where}`;
  }
  const from = `FROM ${quoteTable(source.table)}`;

  if (dims.length === 0 || grouping === 'total') {
    const g = dims.length === 0 ? '' : ', 1 AS g';
    return {
      sql: `SELECT ${measures.join(', ')}${g}\n${from}\nWHERE ${where}`,
      params: params.values,
    };
  }
  const keys = dims.map((_, i) => `d${i}`).join(', ');
  const select = [
    ...dims.map((d, i) => `${dimensionSql(d, columns)} AS d${i}`),
    ...measures,
    grouping === 'both' ? `grouping(${keys}) AS g` : '0 AS g',
  ];
  const order = dims.map((d, i) =>
    d.orderBy ? `min(${quote(columns.name(d.orderBy))})` : `d${i}`,
  );
  const groupBy = grouping === 'both' ? `GROUPING SETS ((${keys}), ())` : keys;
  const orderBy = grouping === 'both' ? `g, ${order.join(', ')}` : order.join(', ');
  const sql =
    `SELECT ${select.join(', ')}\n${from}\nWHERE ${where}` +
    `\nGROUP BY ${groupBy}\nORDER BY ${orderBy} NULLS LAST`;
  return { sql, params: params.values };
}

/** SQL for a page of rows; masked columns come back NULL from the warehouse itself. */
export function compileRows(
  dataset: RowsDataset,
  request: RowsRequest,
  access: AllowedAccess,
  source: ReadSource,
): CompiledQuery {
  const params = new Params();
  const columns = new Columns(source);
  const select = Object.entries(dataset.columns).map(([name, c]) =>
    access.masked.has(c.column) ? `NULL AS ${quote(name)}` : `${quote(c.column)} AS ${quote(name)}`,
  );
  const conditions = [whereSql(dataset.filters, request.filters, access, params, columns)];
  if (request.id !== undefined) {
    if (access.masked.has(dataset.key)) deny(`${dataset.key} is masked for you`);
    conditions.push(`CAST(${quote(dataset.key)} AS VARCHAR) = ${params.add(request.id)}`);
  }
  const sql =
    `SELECT ${select.join(', ')}\nFROM ${quoteTable(source.table)}\nWHERE ${conditions.join(' AND ')}` +
    `\nORDER BY ${quote(dataset.orderBy)} DESC NULLS LAST, ${quote(dataset.key)}` +
    `\nLIMIT ${request.limit + 1} OFFSET ${request.offset}`;
  return { sql, params: params.values };
}

function whereSql(
  declared: AggregateDataset['filters'],
  requested: Readonly<Record<string, FilterValue>>,
  access: AllowedAccess,
  params: Params,
  columns: Columns,
): string {
  const parts: string[] = [];
  for (const rule of access.rowFilters) {
    parts.push(inList(rule.column, rule.values.map(String), params, columns));
  }
  for (const [name, value] of Object.entries(requested)) {
    const filter = declared[name];
    if (!filter) throw new HrflowError('usage-invalid', `unknown filter '${name}'`);
    if (access.masked.has(filter.column)) deny(`filter ${name} reads a masked column`);
    switch (value.kind) {
      case 'values':
        parts.push(inList(filter.column, value.values, params, columns));
        break;
      case 'period':
        parts.push(...periodSql(filter.column, value, params, columns));
        break;
      default:
        assertNever(value, 'filter value');
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

function inList(
  column: string,
  values: readonly string[],
  params: Params,
  columns: Columns,
): string {
  if (values.length === 0) return 'FALSE';
  const list = values.map((v) => params.add(v)).join(', ');
  const name = quote(columns.name(column));
  return columns.isText(column) ? `${name} IN (${list})` : `CAST(${name} AS VARCHAR) IN (${list})`;
}

/**
 * `CAST(col AS DATE)` between the bounds, written on the bare column when it is a DATE or a
 * TIMESTAMP (same rows: a timestamp's date is at most `to` exactly when it is before the next
 * midnight). Other types, TIMESTAMPTZ among them, keep the cast.
 */
function periodSql(
  column: string,
  value: Extract<FilterValue, { kind: 'period' }>,
  params: Params,
  columns: Columns,
): string[] {
  const spell = columns.spell(column);
  if (spell) return spellSql(spell, value, params);
  const name = quote(columns.name(column));
  const kind = columns.dateKind(column);
  const parts: string[] = [];
  if (value.from !== undefined) {
    const from = `${params.add(value.from)}::DATE`;
    parts.push(kind ? `${name} >= ${from}` : `CAST(${name} AS DATE) >= ${from}`);
  }
  if (value.to !== undefined) {
    const to = `${params.add(value.to)}::DATE`;
    if (kind === 'date') parts.push(`${name} <= ${to}`);
    else if (kind === 'timestamp') parts.push(`${name} < ${to} + INTERVAL 1 DAY`);
    else parts.push(`CAST(${name} AS DATE) <= ${to}`);
  }
  return parts;
}

/**
 * A spell (months `first` to `last`, first days) has a month in the period when it starts by
 * the period's end, ends at or after its start, and some first day of a month falls in the
 * period at all (`from` rounded up to a first day is not after `to`). Exact for any dates when
 * the base column holds first days of months; the rollup choice sees to the rest.
 */
function spellSql(
  spell: { readonly first: string; readonly last: string },
  value: Extract<FilterValue, { kind: 'period' }>,
  params: Params,
): string[] {
  const parts: string[] = [];
  const from = value.from === undefined ? undefined : `${params.add(value.from)}::DATE`;
  const to = value.to === undefined ? undefined : `${params.add(value.to)}::DATE`;
  if (to !== undefined) parts.push(`${quote(spell.first)} <= ${to}`);
  if (from !== undefined) parts.push(`${quote(spell.last)} >= ${from}`);
  if (from !== undefined && to !== undefined) {
    parts.push(`date_trunc('month', ${from} - INTERVAL 1 DAY) + INTERVAL 1 MONTH <= ${to}`);
  }
  return parts;
}

function measureSql(measure: Measure, params: Params, columns: Columns): string {
  const filter = measure.where
    ? ` FILTER (WHERE ${conditionSql(measure.where, params, columns)})`
    : '';
  switch (measure.kind) {
    case 'count':
      return `count(*)${filter}`;
    case 'count_distinct':
      return `count(DISTINCT ${quote(measure.column)})${filter}`;
    case 'sum':
    case 'avg':
    case 'median':
      return `CAST(${measure.kind}(${quote(measure.column)})${filter} AS DOUBLE)`;
    case 'min':
    case 'max':
      return `CAST(${measure.kind}(${quote(measure.column)})${filter} AS VARCHAR)`;
    default:
      return assertNever(measure, 'measure');
  }
}

/** The same value and type as `measureSql` gives over the base table. */
function rollupMeasureSql(measure: RollupMeasure): string {
  switch (measure.kind) {
    case 'sum':
      return `CAST(coalesce(sum(${quote(measure.column)}), 0) AS BIGINT)`;
    case 'count_distinct':
      return `count(DISTINCT ${quote(measure.column)})`;
    case 'subjects':
      return (
        `CAST(coalesce(sum(${quote(measure.count)}), 0) AS BIGINT) + ` +
        `count(DISTINCT ${quote(measure.key)})`
      );
    case 'avg':
      return (
        `CAST(sum(${quote(measure.sum)}) AS DOUBLE) / ` + `nullif(sum(${quote(measure.count)}), 0)`
      );
    case 'min':
    case 'max':
      return `CAST(${measure.kind}(${quote(measure.column)}) AS VARCHAR)`;
    default:
      return assertNever(measure, 'rollup measure');
  }
}

function conditionSql(condition: Condition, params: Params, columns: Columns): string {
  switch (condition.kind) {
    case 'flag':
      return `coalesce(${quote(columns.name(condition.column))}, FALSE)`;
    case 'in':
      return inList(condition.column, condition.values.map(String), params, columns);
    default:
      return assertNever(condition, 'condition');
  }
}

function dimensionSql(dim: Dimension, columns: Columns): string {
  const col = quote(columns.name(dim.column));
  switch (dim.grain) {
    case undefined:
      return `CAST(${col} AS VARCHAR)`;
    case 'month':
      return `strftime(CAST(${col} AS DATE), '%Y-%m')`;
    case 'quarter':
      return `strftime(CAST(${col} AS DATE), '%Y') || '-Q' || CAST(quarter(CAST(${col} AS DATE)) AS VARCHAR)`;
    case 'year':
      return `strftime(CAST(${col} AS DATE), '%Y')`;
    default:
      return assertNever(dim.grain, 'grain');
  }
}

function guardAggregate(access: AllowedAccess, column: string, what: string): void {
  const mask = access.masked.get(column);
  if (mask && !mask.aggregatesAllowed) deny(`${what} reads ${column}, which is masked for you`);
}

function deny(message: string): never {
  throw new HrflowError('policy-denied', message, {
    hint: 'Ask an administrator if you need this; the policies are in serve.policies.',
  });
}

/** `"schema"."table"` from `schema.table`. */
export function quoteTable(table: string): string {
  return table
    .split('.')
    .map((part) => quote(part))
    .join('.');
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function missing(what: string, source: ReadSource): never {
  throw new InternalError(`${source.table} has no ${what}; the rollup was chosen wrongly`);
}

/** Names and types of the columns a query reads, through the rollup's mapping when there is one. */
class Columns {
  constructor(private readonly source: ReadSource) {}

  /** The column of the table read that holds the dataset column's value. */
  name(column: string): string {
    if (!this.source.rollup) return column;
    const mapped = this.source.rollup.columns[column];
    if (!mapped || mapped.kind === 'spell') missing(`column for ${column}`, this.source);
    return mapped.column;
  }

  /** The first and last month columns when the rollup keeps the column as spells. */
  spell(column: string): { readonly first: string; readonly last: string } | undefined {
    const mapped = this.source.rollup?.columns[column];
    return mapped?.kind === 'spell' ? mapped : undefined;
  }

  isText(column: string): boolean {
    return this.source.types?.get(this.name(column)) === 'VARCHAR';
  }

  dateKind(column: string): 'date' | 'timestamp' | undefined {
    const type = this.source.types?.get(this.name(column));
    if (type === 'DATE') return 'date';
    return type === 'TIMESTAMP' ? 'timestamp' : undefined;
  }
}

class Params {
  readonly values: string[] = [];
  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
