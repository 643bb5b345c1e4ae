/**
 * Turns a checked request into SQL text and bound parameters, with the user's row filters in the
 * WHERE clause and masked columns kept out of the SELECT. Pure: no warehouse, no IO. Identifiers
 * come only from declarations; every request value is a `$n` parameter.
 */
import { HrflowError } from '../../core/errors.js';
import { assertNever } from '../../core/assert-never.js';
import type { TableAccess } from '../governance/access.js';
import type { AggregateDataset, Condition, Dimension, Measure, RowsDataset } from './dataset.js';
import type { AggregateRequest, FilterValue, RowsRequest } from './request.js';

export interface CompiledQuery {
  readonly sql: string;
  readonly params: readonly string[];
}

export type AllowedAccess = Extract<TableAccess, { kind: 'allowed' }>;

/**
 * One row per cell (`d0`, `d1`… then `m_<measure>` for every base measure, and `g` = 0) plus,
 * from the same scan, the total over the whole filtered population (`g` > 0). Without
 * dimensions the single row is the total.
 */
export type CompiledAggregate = CompiledQuery;

/** SQL for a breakdown; throws `policy-denied` when it would touch a masked column. */
export function compileAggregate(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  table: string,
): CompiledAggregate {
  const params = new Params();
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
    return `${measureSql(m, params)} AS ${quote(`m_${name}`)}`;
  });
  let where = whereSql(dataset.filters, request.filters, access, params);
  if (dataset.scope) {
    guardAggregate(access, dataset.scope.column, 'the dataset scope');
    where = `${conditionSql(dataset.scope, params)} AND ${where}`;
  }
  const from = `FROM ${quoteTable(table)}`;

  if (dims.length === 0) {
    return { sql: `SELECT ${measures.join(', ')}\n${from}\nWHERE ${where}`, params: params.values };
  }
  const keys = dims.map((_, i) => `d${i}`).join(', ');
  const select = [
    ...dims.map((d, i) => `${dimensionSql(d)} AS d${i}`),
    ...measures,
    `grouping(${keys}) AS g`,
  ];
  const order = dims.map((d, i) => (d.orderBy ? `min(${quote(d.orderBy)})` : `d${i}`));
  const sql =
    `SELECT ${select.join(', ')}\n${from}\nWHERE ${where}` +
    `\nGROUP BY GROUPING SETS ((${keys}), ())\nORDER BY g, ${order.join(', ')} NULLS LAST`;
  return { sql, params: params.values };
}

/** SQL for a page of rows; masked columns come back NULL from the warehouse itself. */
export function compileRows(
  dataset: RowsDataset,
  request: RowsRequest,
  access: AllowedAccess,
  table: string,
): CompiledQuery {
  const params = new Params();
  const select = Object.entries(dataset.columns).map(([name, c]) =>
    access.masked.has(c.column) ? `NULL AS ${quote(name)}` : `${quote(c.column)} AS ${quote(name)}`,
  );
  const conditions = [whereSql(dataset.filters, request.filters, access, params)];
  if (request.id !== undefined) {
    if (access.masked.has(dataset.key)) deny(`${dataset.key} is masked for you`);
    conditions.push(`CAST(${quote(dataset.key)} AS VARCHAR) = ${params.add(request.id)}`);
  }
  const sql =
    `SELECT ${select.join(', ')}\nFROM ${quoteTable(table)}\nWHERE ${conditions.join(' AND ')}` +
    `\nORDER BY ${quote(dataset.orderBy)} DESC NULLS LAST, ${quote(dataset.key)}` +
    `\nLIMIT ${request.limit + 1} OFFSET ${request.offset}`;
  return { sql, params: params.values };
}

function whereSql(
  declared: AggregateDataset['filters'],
  requested: Readonly<Record<string, FilterValue>>,
  access: AllowedAccess,
  params: Params,
): string {
  const parts: string[] = [];
  for (const rule of access.rowFilters) {
    parts.push(inList(rule.column, rule.values.map(String), params));
  }
  for (const [name, value] of Object.entries(requested)) {
    const filter = declared[name];
    if (!filter) throw new HrflowError('usage-invalid', `unknown filter '${name}'`);
    if (access.masked.has(filter.column)) deny(`filter ${name} reads a masked column`);
    switch (value.kind) {
      case 'values':
        parts.push(inList(filter.column, value.values, params));
        break;
      case 'period':
        if (value.from !== undefined) {
          parts.push(`CAST(${quote(filter.column)} AS DATE) >= ${params.add(value.from)}::DATE`);
        }
        if (value.to !== undefined) {
          parts.push(`CAST(${quote(filter.column)} AS DATE) <= ${params.add(value.to)}::DATE`);
        }
        break;
      default:
        assertNever(value, 'filter value');
    }
  }
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

function inList(column: string, values: readonly string[], params: Params): string {
  if (values.length === 0) return 'FALSE';
  return `CAST(${quote(column)} AS VARCHAR) IN (${values.map((v) => params.add(v)).join(', ')})`;
}

function measureSql(measure: Measure, params: Params): string {
  const filter = measure.where ? ` FILTER (WHERE ${conditionSql(measure.where, params)})` : '';
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

function conditionSql(condition: Condition, params: Params): string {
  switch (condition.kind) {
    case 'flag':
      return `coalesce(${quote(condition.column)}, FALSE)`;
    case 'in':
      return inList(condition.column, condition.values.map(String), params);
    default:
      return assertNever(condition, 'condition');
  }
}

function dimensionSql(dim: Dimension): string {
  const col = quote(dim.column);
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

class Params {
  readonly values: string[] = [];
  add(value: string): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
