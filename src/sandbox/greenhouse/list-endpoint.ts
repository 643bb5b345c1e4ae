/**
 * A Harvest v3 list endpoint, defined once per resource: its rows, id, visibility, filters and
 * JSON shape. `defineList` checks a request's parameters against the definition and returns a
 * prepared scan, or the field-level 422 errors Greenhouse answers with.
 */
import type { Company, User } from '../company/model.js';
import type { SimDay, SimTime } from '../time.js';

/** Who is asking, and the request's own parameters (for default-hiding flags). */
export interface ViewContext {
  readonly company: Company;
  readonly viewer: User;
  readonly params: ReadonlyMap<string, string>;
}

/** How one query parameter narrows the rows. */
export type Filter<R> =
  | {
      readonly kind: 'ids';
      readonly get: (row: R) => number | null | readonly number[];
      /**
       * The value never changes once a row exists (a child's parent id), so an index can answer
       * the filter without scanning every row.
       */
      readonly stable?: boolean;
    }
  | { readonly kind: 'bool'; readonly get: (row: R) => boolean }
  | {
      readonly kind: 'enum';
      readonly values: readonly string[];
      readonly test: (row: R, value: string, company: Company) => boolean;
    }
  | { readonly kind: 'moment'; readonly get: (row: R) => SimTime | null }
  | { readonly kind: 'date'; readonly get: (row: R) => SimDay | null }
  | {
      readonly kind: 'text';
      readonly test: (row: R, value: string, company: Company) => boolean;
    }
  /** Accepted and ignored (its effect is applied in `visible`). */
  | { readonly kind: 'flag' };

export interface ListSpec<R> {
  readonly path: string;
  readonly scope: string;
  /** Rows in ascending id order; the list is served from the end. */
  readonly rows: (company: Company) => readonly R[];
  readonly id: (row: R) => number;
  readonly visible: (row: R, context: ViewContext) => boolean;
  /** Null for resources without timestamps (demographic questions and answer options). */
  readonly createdAt: ((row: R) => SimTime) | null;
  readonly updatedAt: ((row: R) => SimTime) | null;
  readonly filters: Readonly<Record<string, Filter<R>>>;
  readonly render: (row: R, company: Company) => Record<string, unknown>;
}

/** A request-ready scan over one resource. */
export interface PreparedList {
  readonly size: number;
  /** Ascending row positions that can match, from an index; null means scan every row. */
  readonly candidates: readonly number[] | null;
  matches(index: number): boolean;
  render(index: number): Record<string, unknown>;
}

/** Field-level validation errors, `[{param: message}]`. */
export type FieldErrors = readonly Record<string, string>[];

export interface ListEndpoint {
  readonly path: string;
  readonly scope: string;
  /** The names of the parameters this endpoint understands, beyond the universal ones. */
  readonly parameters: readonly string[];
  prepare(context: ViewContext): PreparedList | FieldErrors;
}

/** Universal parameters every list accepts; handled by the server, not by filters. */
export const UNIVERSAL = ['per_page', 'cursor', 'fields', 'ids', 'created_at', 'updated_at'];

const MAX_IDS = 50;

export function defineList<R>(spec: ListSpec<R>): ListEndpoint {
  const indexes = new Map<string, { length: number; positions: Map<number, number[]> }>();
  /** Row positions whose stable filter value is one of `wanted`, kept up to date as rows are added. */
  const lookup = (
    name: string,
    get: (row: R) => number | null | readonly number[],
    rows: readonly R[],
    wanted: ReadonlySet<number>,
  ): number[] => {
    let index = indexes.get(name);
    if (!index) {
      index = { length: 0, positions: new Map() };
      indexes.set(name, index);
    }
    for (let i = index.length; i < rows.length; i++) {
      const row = rows[i];
      const value = row === undefined ? null : get(row);
      for (const key of value === null ? [] : typeof value === 'number' ? [value] : value) {
        const list = index.positions.get(key);
        if (list) list.push(i);
        else index.positions.set(key, [i]);
      }
    }
    index.length = rows.length;
    const found: number[] = [];
    for (const key of wanted) found.push(...(index.positions.get(key) ?? []));
    return found.sort((a, b) => a - b);
  };
  return {
    path: spec.path,
    scope: spec.scope,
    parameters: Object.keys(spec.filters),
    prepare(context) {
      const errors: Record<string, string>[] = [];
      const tests: ((row: R) => boolean)[] = [];
      const indexed: {
        name: string;
        get: (row: R) => number | null | readonly number[];
        wanted: Set<number>;
      }[] = [];
      const params = context.params;
      const company = context.company;

      const ids = params.get('ids');
      if (ids !== undefined) {
        const parsed = parseIds('ids', ids, errors);
        if (parsed) tests.push((row) => parsed.has(spec.id(row)));
      }
      if (params.has('created_at') && params.has('updated_at')) {
        errors.push({
          updated_at: 'Only one of created_at or updated_at may be given per request.',
        });
      }
      for (const [name, get] of [
        ['created_at', spec.createdAt],
        ['updated_at', spec.updatedAt],
      ] as const) {
        const raw = params.get(name);
        if (raw === undefined || !get) continue;
        const range = parseRange(name, raw, (text) => company.time.parseMoment(text), errors);
        if (range) tests.push((row) => range(get(row)));
      }
      for (const [name, filter] of Object.entries(spec.filters)) {
        const raw = params.get(name);
        if (raw === undefined) continue;
        const test = compile(name, raw, filter, company, errors);
        if (test) tests.push(test);
        if (test && filter.kind === 'ids' && filter.stable) {
          const wanted = parseIds(name, raw, []);
          if (wanted) indexed.push({ name, get: filter.get, wanted });
        }
      }
      if (errors.length > 0) return errors;

      const rows = spec.rows(company);
      const first = indexed[0];
      return {
        size: rows.length,
        candidates: first ? lookup(first.name, first.get, rows, first.wanted) : null,
        matches(index) {
          const row = rows[index];
          if (row === undefined || !spec.visible(row, context)) return false;
          for (const test of tests) if (!test(row)) return false;
          return true;
        },
        render(index) {
          const row = rows[index];
          return row === undefined ? {} : spec.render(row, company);
        },
      };
    },
  };
}

function compile<R>(
  name: string,
  raw: string,
  filter: Filter<R>,
  company: Company,
  errors: Record<string, string>[],
): ((row: R) => boolean) | null {
  switch (filter.kind) {
    case 'ids': {
      const wanted = parseIds(name, raw, errors);
      if (!wanted) return null;
      return (row) => {
        const value = filter.get(row);
        if (value === null) return false;
        if (typeof value === 'number') return wanted.has(value);
        return value.some((v) => wanted.has(v));
      };
    }
    case 'bool': {
      if (raw !== 'true' && raw !== 'false') {
        errors.push({ [name]: `\`${raw}\` is not a boolean; use true or false.` });
        return null;
      }
      const want = raw === 'true';
      return (row) => filter.get(row) === want;
    }
    case 'enum': {
      if (!filter.values.includes(raw)) {
        errors.push({ [name]: `\`${raw}\` is not one of ${filter.values.join(', ')}.` });
        return null;
      }
      return (row) => filter.test(row, raw, company);
    }
    case 'moment': {
      const range = parseRange(name, raw, (text) => company.time.parseMoment(text), errors);
      return range ? (row) => range(filter.get(row)) : null;
    }
    case 'date': {
      const range = parseRange(
        name,
        raw,
        (text) => company.time.parseDate(text.slice(0, 10)),
        errors,
      );
      return range ? (row) => range(filter.get(row)) : null;
    }
    case 'text':
      return (row) => filter.test(row, raw, company);
    case 'flag':
      return null;
    default: {
      const unhandled: never = filter;
      throw new Error(`unknown filter ${JSON.stringify(unhandled)}`);
    }
  }
}

function parseIds(name: string, raw: string, errors: Record<string, string>[]): Set<number> | null {
  const parts = raw.split(',').filter((part) => part.trim() !== '');
  if (parts.length > MAX_IDS) {
    errors.push({ [name]: `A maximum of ${MAX_IDS} ids may be given; got ${parts.length}.` });
    return null;
  }
  const ids = new Set<number>();
  for (const part of parts) {
    if (!/^\d+$/.test(part.trim())) {
      errors.push({ [name]: `\`${part}\` is not an integer id.` });
      return null;
    }
    ids.add(Number(part.trim()));
  }
  return ids;
}

/**
 * Parses pipe syntax, `gte|2026-01-01T00:00:00Z` or `gte|…|lte|…`, into a predicate. A bare
 * value means equality, which Greenhouse accepts for date-only fields.
 */
function parseRange(
  name: string,
  raw: string,
  parse: (text: string) => number | undefined,
  errors: Record<string, string>[],
): ((value: number | null) => boolean) | null {
  const parts = raw.split('|');
  if (parts.length === 1) {
    const exact = parse(raw);
    if (exact === undefined) {
      errors.push({ [name]: `\`${raw}\` is not a valid date filter; use gte|<ISO-8601>.` });
      return null;
    }
    return (value) => value === exact;
  }
  if (parts.length !== 2 && parts.length !== 4) {
    errors.push({
      [name]: `\`${raw}\` is not a valid date filter; use gte|<ISO-8601>[|lte|<ISO-8601>].`,
    });
    return null;
  }
  const checks: ((value: number) => boolean)[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    const op = parts[i] ?? '';
    const bound = parse(parts[i + 1] ?? '');
    if (bound === undefined || !['gt', 'gte', 'lt', 'lte'].includes(op)) {
      errors.push({
        [name]: `\`${raw}\` is not a valid date filter; operators are gt, gte, lt, lte.`,
      });
      return null;
    }
    checks.push(
      op === 'gt'
        ? (v) => v > bound
        : op === 'gte'
          ? (v) => v >= bound
          : op === 'lt'
            ? (v) => v < bound
            : (v) => v <= bound,
    );
  }
  return (value) => value !== null && checks.every((check) => check(value));
}
