/**
 * Small rollup tables held in memory and aggregated in Node. The monthly rollups and spells
 * have a few thousand rows; DuckDB answers a query over them in a few milliseconds, almost all
 * of it the fixed cost of planning and running a query, and twenty cold requests at once queue
 * behind each other for that. Scanning a few thousand rows here takes a fraction of a
 * millisecond.
 *
 * The evaluation gives the rows the compiled SQL would give (same cells, values and order), for
 * the shapes it knows: text and date columns, sums, distinct counts, people counted by
 * {@link RollupMeasure} `subjects`, means of partial sums. Anything else returns undefined and
 * the caller runs the SQL. Governance stays where it is: the caller compiles the query first
 * (which refuses masked columns) and applies suppression to what comes back.
 */
import { assertNever } from '../../core/assert-never.js';
import type { Row, Session } from '../../warehouse/warehouse.js';
import type { AllowedAccess, Grouping, ReadSource } from './compile-query.js';
import { quoteTable } from './compile-query.js';
import type {
  AggregateDataset,
  Condition,
  Dimension,
  RollupColumn,
  RollupMeasure,
} from './dataset.js';
import type { AggregateRequest, FilterValue } from './request.js';

/** Rows of one table as the warehouse returned them (dates as `YYYY-MM-DD` text). */
export type MemoryTable = readonly Readonly<Record<string, unknown>>[];

/** Rollup tables small enough to hold, reloaded whole after every job. */
export class MemoryRollups {
  #tables: ReadonlyMap<string, MemoryTable> = new Map();

  constructor(private readonly maxRows = 50_000) {}

  /**
   * Loads each of `tables` (`schema.table`) that `typesOf` knows (it exists) and that has at
   * most `maxRows` rows, several at a time through `use`, and then replaces what was held.
   */
  async refresh(
    use: <T>(fn: (session: Session) => Promise<T>) => Promise<T>,
    tables: Iterable<string>,
    typesOf: (table: string) => ReadonlyMap<string, string> | undefined,
  ): Promise<void> {
    const load = async (table: string): Promise<[string, MemoryTable] | undefined> => {
      const types = typesOf(table);
      if (!types) return undefined;
      const integers = [...types].filter(([, t]) => INTEGER.has(t)).map(([c]) => c);
      const rows = await use(async (session) => {
        const [size] = await session.query<{ n: number }>(
          `SELECT count(*)::INT AS n FROM ${quoteTable(table)}`,
        );
        if ((size?.n ?? Infinity) > this.maxRows) return undefined;
        return session.query(`SELECT * FROM ${quoteTable(table)}`);
      });
      return rows && [table, rows.map((row) => numbersParsed(row, integers))];
    };
    const loaded = await Promise.all([...new Set(tables)].map(load));
    this.#tables = new Map(loaded.filter((entry) => entry !== undefined));
  }

  /** The rows of a held table. */
  get(table: string): MemoryTable | undefined {
    return this.#tables.get(table);
  }

  /** Tables held now. */
  get size(): number {
    return this.#tables.size;
  }
}

type Get = (row: Readonly<Record<string, unknown>>) => unknown;

/**
 * The row with its integer columns as numbers: the client gives 64-bit integers as text, and
 * parsing them once at load is cheaper than on every read.
 */
function numbersParsed(row: Row, integers: readonly string[]): Row {
  const out: Record<string, unknown> = { ...row };
  for (const column of integers) {
    const v = out[column];
    if (typeof v === 'string' && Number.isSafeInteger(Number(v))) out[column] = Number(v);
  }
  return out;
}

type Test = (row: Readonly<Record<string, unknown>>) => boolean;

/**
 * The rows `compileAggregate(dataset, request, access, source, grouping)` would return, computed
 * from `rows` (the rollup `source` names), or undefined when a column type or measure is one
 * this evaluator leaves to SQL.
 */
export function evaluateAggregate(
  dataset: AggregateDataset,
  request: AggregateRequest,
  access: AllowedAccess,
  source: ReadSource,
  grouping: Grouping,
  rows: MemoryTable,
): Row[] | undefined {
  const rollup = source.rollup;
  if (!rollup) return undefined;
  const types = source.types ?? new Map<string, string>();
  const column = (base: string): { name: string; type: string | undefined } | undefined => {
    const mapped = rollup.columns[base];
    if (!mapped || mapped.kind === 'spell') return undefined;
    return { name: mapped.column, type: types.get(mapped.column) };
  };

  const tests: Test[] = [];
  for (const rule of access.rowFilters) {
    const test = inTest(column(rule.column), rule.values.map(String));
    if (!test) return undefined;
    tests.push(test);
  }
  for (const [name, value] of Object.entries(request.filters)) {
    const filter = dataset.filters[name];
    if (!filter) return undefined;
    const test =
      value.kind === 'values'
        ? inTest(column(filter.column), value.values)
        : periodTest(rollup.columns[filter.column], types, value);
    if (!test) return undefined;
    tests.push(test);
  }
  if (dataset.scope) {
    const test = conditionTest(dataset.scope, column(dataset.scope.column));
    if (!test) return undefined;
    tests.push(test);
  }

  // The total of a split read comes from a rollup that need not keep the dimensions.
  const dims: { get: Get; order?: Get }[] = [];
  for (const name of grouping === 'total' ? [] : request.dimensions) {
    const dim = dataset.dimensions[name];
    const get = dim && dimensionGet(dim, column(dim.column));
    if (!dim || !get) return undefined;
    let order: Get | undefined;
    if (dim.orderBy) {
      const by = column(dim.orderBy);
      if (!by || !INTEGER.has(by.type ?? '')) return undefined;
      order = (row) => row[by.name];
    }
    dims.push({ get, ...(order ? { order } : {}) });
  }
  const measures: [string, RollupMeasure][] = [];
  for (const name of Object.keys(dataset.measures)) {
    const measure = rollup.measures[name];
    if (!measure || measure.kind === 'min' || measure.kind === 'max') return undefined;
    measures.push([name, measure]);
  }

  const slots = slotsOf(measures);
  const cells = new Map<string, Accumulator>();
  const total = new Accumulator(
    dims.map(() => null),
    slots,
  );
  const byCell = dims.length > 0;
  for (const row of rows) {
    if (!passes(tests, row)) continue;
    if (grouping !== 'cells' || dims.length === 0) total.add(row);
    if (!byCell) continue;
    const key = dims.map((d) => d.get(row) as string | null);
    // One text dimension: its value, marked so that NULL cannot meet the text 'null'.
    const id = key.length === 1 ? (key[0] === null ? '' : `=${key[0]}`) : JSON.stringify(key);
    let cell = cells.get(id);
    if (!cell) {
      cell = new Accumulator(key, slots);
      cells.set(id, cell);
    }
    cell.add(row, dims);
  }

  if (grouping === 'total') return [{ ...total.row(1), ...nullKeys(request.dimensions.length) }];
  if (dims.length === 0) return [total.row()];
  const out = byCell ? [...cells.values()].sort(compareCells).map((c) => c.row(0)) : [];
  if (grouping !== 'cells') out.push(total.row(2 ** dims.length - 1));
  return out;
}

function passes(tests: readonly Test[], row: Readonly<Record<string, unknown>>): boolean {
  for (const test of tests) if (!test(row)) return false;
  return true;
}

/** The SQL's total row carries its dimensions as NULL. */
function nullKeys(width: number): Record<string, null> {
  return Object.fromEntries(Array.from({ length: width }, (_, i) => [`d${i}`, null]));
}

const INTEGER = new Set(['BIGINT', 'INTEGER', 'SMALLINT', 'TINYINT', 'UBIGINT', 'UINTEGER']);

/** `col IN (values)` on a text column: NULL matches nothing, as in SQL. */
function inTest(
  column: { name: string; type: string | undefined } | undefined,
  values: readonly string[],
): Test | undefined {
  if (!column || column.type !== 'VARCHAR') return undefined;
  const allowed = new Set(values);
  return (row) => {
    const v = row[column.name];
    return typeof v === 'string' && allowed.has(v);
  };
}

/** The period predicates of `compile-query.ts` on DATE columns and spells, on ISO text. */
function periodTest(
  mapped: RollupColumn | undefined,
  types: ReadonlyMap<string, string>,
  value: Extract<FilterValue, { kind: 'period' }>,
): Test | undefined {
  if (!mapped) return undefined;
  const { from, to } = value;
  switch (mapped.kind) {
    case 'spell': {
      if (types.get(mapped.first) !== 'DATE' || types.get(mapped.last) !== 'DATE') return undefined;
      if (from !== undefined && to !== undefined && ceilMonth(from) > to) return () => false;
      return (row) => {
        const first = row[mapped.first];
        const last = row[mapped.last];
        if (to !== undefined && !(typeof first === 'string' && first <= to)) return false;
        return from === undefined || (typeof last === 'string' && last >= from);
      };
    }
    case 'same':
    case 'date':
    case 'month': {
      if (types.get(mapped.column) !== 'DATE') return undefined;
      return (row) => {
        const v = row[mapped.column];
        if (typeof v !== 'string') return false;
        return (from === undefined || v >= from) && (to === undefined || v <= to);
      };
    }
    default:
      return assertNever(mapped, 'rollup column');
  }
}

function conditionTest(
  condition: Condition,
  column: { name: string; type: string | undefined } | undefined,
): Test | undefined {
  switch (condition.kind) {
    case 'flag':
      if (!column || column.type !== 'BOOLEAN') return undefined;
      return (row) => row[column.name] === true;
    case 'in':
      return inTest(column, condition.values.map(String));
    default:
      return assertNever(condition, 'condition');
  }
}

/** A dimension's value as `dimensionSql` writes it, for text and date columns. */
function dimensionGet(
  dim: Dimension,
  column: { name: string; type: string | undefined } | undefined,
): Get | undefined {
  if (!column) return undefined;
  const text = (row: Readonly<Record<string, unknown>>): string | null => {
    const v = row[column.name];
    return typeof v === 'string' ? v : null;
  };
  if (dim.grain === undefined) return column.type === 'VARCHAR' ? text : undefined;
  if (column.type !== 'DATE') return undefined;
  switch (dim.grain) {
    case 'month':
      return (row) => text(row)?.slice(0, 7) ?? null;
    case 'quarter':
      return (row) => {
        const v = text(row);
        return v === null ? null : `${v.slice(0, 4)}-Q${Math.ceil(Number(v.slice(5, 7)) / 3)}`;
      };
    case 'year':
      return (row) => text(row)?.slice(0, 4) ?? null;
    default:
      return assertNever(dim.grain, 'grain');
  }
}

/** `from` rounded up to the first day of a month, as ISO text. */
function ceilMonth(from: string): string {
  if (from.endsWith('-01')) return from;
  const d = new Date(`${from.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** Where each measure keeps its partial aggregates in an {@link Accumulator}. */
interface Slots {
  readonly measures: readonly [string, RollupMeasure][];
  /** Per measure: its sum slot (sums, subjects, avg sums), or -1. */
  readonly sum: readonly number[];
  /** Per measure: its second sum slot (avg counts), or -1. */
  readonly count: readonly number[];
  /** Per measure: its distinct-set slot (distinct counts, subjects), or -1. */
  readonly distinct: readonly number[];
  readonly sums: number;
  readonly sets: number;
}

function slotsOf(measures: readonly [string, RollupMeasure][]): Slots {
  let sums = 0;
  let sets = 0;
  const sum: number[] = [];
  const count: number[] = [];
  const distinct: number[] = [];
  for (const [, m] of measures) {
    const hasSum = m.kind === 'sum' || m.kind === 'subjects' || m.kind === 'avg';
    sum.push(hasSum ? sums++ : -1);
    count.push(m.kind === 'avg' ? sums++ : -1);
    distinct.push(m.kind === 'count_distinct' || m.kind === 'subjects' ? sets++ : -1);
  }
  return { measures, sum, count, distinct, sums, sets };
}

/** One cell's (or the total's) partial aggregates. */
class Accumulator {
  readonly #sums: number[];
  /** Whether a sum slot saw a non-null value (SQL's sum over only NULLs is NULL). */
  readonly #seen: boolean[];
  readonly #sets: Set<unknown>[];
  readonly #order: (number | null)[] = [];

  constructor(
    readonly key: readonly (string | null)[],
    private readonly slots: Slots,
  ) {
    this.#sums = new Array<number>(slots.sums).fill(0);
    this.#seen = new Array<boolean>(slots.sums).fill(false);
    this.#sets = Array.from({ length: slots.sets }, () => new Set<unknown>());
  }

  add(row: Readonly<Record<string, unknown>>, dims: readonly { order?: Get }[] = []): void {
    const { measures, sum, count, distinct } = this.slots;
    for (let i = 0; i < measures.length; i++) {
      const m = (measures[i] as [string, RollupMeasure])[1];
      switch (m.kind) {
        case 'sum':
          this.#add(sum[i] ?? -1, row[m.column]);
          break;
        case 'count_distinct':
          this.#distinct(distinct[i] ?? -1, row[m.column]);
          break;
        case 'subjects':
          this.#add(sum[i] ?? -1, row[m.count]);
          this.#distinct(distinct[i] ?? -1, row[m.key]);
          break;
        case 'avg':
          this.#add(sum[i] ?? -1, row[m.sum]);
          this.#add(count[i] ?? -1, row[m.count]);
          break;
        case 'min':
        case 'max':
          break;
        default:
          assertNever(m, 'rollup measure');
      }
    }
    for (let i = 0; i < dims.length; i++) {
      const order = dims[i]?.order;
      if (!order) continue;
      const value = order(row);
      const n = value === null || value === undefined ? null : Number(value);
      const current = this.#order[i] ?? null;
      this.#order[i] = n !== null && (current === null || n < current) ? n : current;
    }
  }

  /** Sort key of a dimension: the minimum of its order column, or its value. */
  orderKey(i: number): number | string | null {
    return this.#order[i] !== undefined ? (this.#order[i] ?? null) : (this.key[i] ?? null);
  }

  /** The row as the SQL gives it: `d0`…, `m_<measure>`, and `g` when given. */
  row(g?: number): Row {
    const out: Record<string, unknown> = {};
    this.key.forEach((v, i) => (out[`d${i}`] = v));
    const { measures, sum, count, distinct } = this.slots;
    measures.forEach(([name, m], i) => {
      const s = this.#sums[sum[i] ?? -1] ?? 0;
      const set = this.#sets[distinct[i] ?? -1];
      switch (m.kind) {
        case 'sum':
          out[`m_${name}`] = s;
          break;
        case 'count_distinct':
          out[`m_${name}`] = set?.size ?? 0;
          break;
        case 'subjects':
          out[`m_${name}`] = s + (set?.size ?? 0);
          break;
        case 'avg': {
          const n = this.#sums[count[i] ?? -1] ?? 0;
          out[`m_${name}`] = this.#seen[sum[i] ?? -1] === true && n !== 0 ? s / n : null;
          break;
        }
        case 'min':
        case 'max':
          break;
        default:
          assertNever(m, 'rollup measure');
      }
    });
    if (g !== undefined) out.g = g;
    return out;
  }

  #add(slot: number, value: unknown): void {
    if (value === null || value === undefined) return;
    this.#sums[slot] =
      (this.#sums[slot] ?? 0) + (typeof value === 'number' ? value : Number(value));
    this.#seen[slot] = true;
  }

  #distinct(slot: number, value: unknown): void {
    if (value === null || value === undefined) return;
    this.#sets[slot]?.add(typeof value === 'object' ? JSON.stringify(value) : value);
  }
}

/** `ORDER BY` each dimension's order key, NULLS LAST; text compared as UTF-8 bytes, as DuckDB. */
function compareCells(a: Accumulator, b: Accumulator): number {
  for (let i = 0; i < a.key.length; i++) {
    const x = a.orderKey(i);
    const y = b.orderKey(i);
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    const c = Buffer.compare(Buffer.from(String(x)), Buffer.from(String(y)));
    if (c !== 0) return c;
  }
  return 0;
}
