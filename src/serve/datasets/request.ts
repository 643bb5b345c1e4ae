/**
 * A dataset request as it arrives in a query string, checked against the dataset's declarations:
 * only declared dimension, measure and filter names, bounded lists, dates that are dates. What
 * passes is data for the query compiler; values only ever become bound parameters.
 */
import { HrflowError } from '../../core/errors.js';
import type { Dataset } from './dataset.js';

export type FilterValue =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'period'; readonly from?: string; readonly to?: string };

export interface AggregateRequest {
  readonly kind: 'aggregate';
  readonly dimensions: readonly string[];
  readonly measures: readonly string[];
  readonly filters: Readonly<Record<string, FilterValue>>;
}

export interface RowsRequest {
  readonly kind: 'rows';
  readonly filters: Readonly<Record<string, FilterValue>>;
  /** One row by its key. */
  readonly id?: string;
  readonly limit: number;
  readonly offset: number;
}

export type DatasetRequest = AggregateRequest | RowsRequest;

const MAX_VALUES = 50;
const MAX_VALUE_LENGTH = 200;
const MAX_DIMENSIONS = 2;
export const MAX_ROWS = 500;

/** Reads `dims`, `measures`, `f.<filter>`, `from`, `to`, `id`, `limit`, `offset`. */
export function parseRequest(dataset: Dataset, query: URLSearchParams): DatasetRequest {
  const known = new Set(['dims', 'measures', 'from', 'to', 'id', 'limit', 'offset']);
  for (const key of new Set(query.keys())) {
    if (!known.has(key) && !key.startsWith('f.')) bad(`unknown parameter '${key}'`);
  }
  const filters = parseFilters(dataset, query);

  if (dataset.kind === 'rows') {
    if (query.has('dims') || query.has('measures')) {
      bad(`${dataset.name} lists rows; it takes no dims or measures`);
    }
    const id = query.get('id') ?? undefined;
    if (id !== undefined) checkValue(id, 'id');
    return {
      kind: 'rows',
      filters,
      ...(id === undefined ? {} : { id }),
      limit: boundedInt(query.get('limit'), 'limit', 1, MAX_ROWS, 100),
      offset: boundedInt(query.get('offset'), 'offset', 0, 1_000_000, 0),
    };
  }

  if (query.has('id') || query.has('limit') || query.has('offset')) {
    bad(`${dataset.name} is a breakdown; use dims and measures, not id, limit or offset`);
  }
  const dimensions = list(query.get('dims'));
  if (dimensions.length > MAX_DIMENSIONS) bad(`at most ${MAX_DIMENSIONS} dims`);
  for (const d of dimensions) {
    if (!Object.hasOwn(dataset.dimensions, d)) {
      bad(`unknown dimension '${d}' (${Object.keys(dataset.dimensions).join(', ')})`);
    }
  }
  if (new Set(dimensions).size !== dimensions.length) bad('a dimension is named twice');
  const allMeasures = [...Object.keys(dataset.measures), ...Object.keys(dataset.ratios ?? {})];
  const measures = query.has('measures') ? list(query.get('measures')) : allMeasures;
  for (const m of measures) {
    if (!allMeasures.includes(m)) bad(`unknown measure '${m}' (${allMeasures.join(', ')})`);
  }
  return { kind: 'aggregate', dimensions, measures, filters };
}

function parseFilters(dataset: Dataset, query: URLSearchParams): Record<string, FilterValue> {
  const filters: Record<string, FilterValue> = {};
  for (const key of new Set(query.keys())) {
    if (!key.startsWith('f.')) continue;
    const name = key.slice(2);
    const filter = Object.hasOwn(dataset.filters, name) ? dataset.filters[name] : undefined;
    if (!filter || filter.kind !== 'values') bad(`unknown filter '${name}'`);
    const values = query.getAll(key);
    if (values.length > MAX_VALUES) bad(`at most ${MAX_VALUES} values for ${name}`);
    for (const v of values) checkValue(v, name);
    filters[name] = { kind: 'values', values };
  }
  const from = query.get('from') ?? undefined;
  const to = query.get('to') ?? undefined;
  if (from !== undefined || to !== undefined) {
    const period = Object.entries(dataset.filters).find(([, f]) => f.kind === 'period');
    if (!period) bad(`${dataset.name} has no period filter`);
    if (from !== undefined) checkDate(from, 'from');
    if (to !== undefined) checkDate(to, 'to');
    filters[period[0]] = {
      kind: 'period',
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
    };
  }
  return filters;
}

function list(text: string | null): string[] {
  if (text === null || text.trim() === '') return [];
  return text.split(',').map((s) => s.trim());
}

function checkValue(value: string, name: string): void {
  if (value.length > MAX_VALUE_LENGTH) bad(`a value of ${name} is longer than ${MAX_VALUE_LENGTH}`);
  // Control characters never appear in organisation names or ids.
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20)) {
    bad(`a value of ${name} holds control characters`);
  }
}

function checkDate(value: string, name: string): void {
  const ok = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`));
  if (!ok || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    bad(`${name} must be a date written YYYY-MM-DD`);
  }
}

function boundedInt(
  text: string | null,
  name: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (text === null) return fallback;
  if (!/^\d{1,7}$/.test(text)) bad(`${name} must be a whole number`);
  const n = Number(text);
  if (n < min || n > max) bad(`${name} must be between ${min} and ${max}`);
  return n;
}

function bad(message: string): never {
  throw new HrflowError('usage-invalid', message, {
    hint: 'See GET /api/datasets for the dimensions, measures and filters of each dataset.',
  });
}
