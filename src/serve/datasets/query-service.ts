/**
 * The one path every read takes (pages, API, CSV export): find the declared dataset, check the
 * request, decide the user's access to the base table, compile, run, suppress small groups,
 * compute ratios over what is shown, and write an audit record. Nothing reaches a response
 * without passing through here.
 */
import { HrflowError } from '../../core/errors.js';
import type { Row } from '../../warehouse/warehouse.js';
import type { AuditSink } from '../audit-log.js';
import type { User } from '../auth/user.js';
import type { PolicySettings } from '../config/serve-config.js';
import { accessTo } from '../governance/access.js';
import type { TableColumns } from '../governance/access.js';
import type { ColumnTypes } from '../governance/table-catalog.js';
import { suppressedCells } from '../governance/suppression.js';
import type { SessionPool } from '../session-pool.js';
import type { ResultCache } from './result-cache.js';
import { compileAggregate, compileRows } from './compile-query.js';
import type { AllowedAccess, Grouping, ReadSource } from './compile-query.js';
import { evaluateAggregate } from './memory-rollups.js';
import type { MemoryRollups } from './memory-rollups.js';
import { chooseRollup } from './rollup-choice.js';
import type { AggregateDataset, Dataset, Rollup, RowsDataset, TableMap } from './dataset.js';
import { parseRequest } from './request.js';
import type { AggregateRequest, DatasetRequest, RowsRequest } from './request.js';

export type Value = number | string | null;

export interface AggregateRow {
  readonly key: readonly (string | null)[];
  readonly values: Readonly<Record<string, Value>>;
  readonly suppressed: boolean;
  /** Set by an impact-ratio post step: below the threshold. */
  readonly flagged?: boolean;
}

export interface AggregateResult {
  readonly kind: 'aggregate';
  readonly dataset: string;
  readonly dimensions: readonly { readonly name: string; readonly label: string }[];
  readonly measures: readonly { readonly name: string; readonly label: string }[];
  readonly rows: readonly AggregateRow[];
  readonly total: {
    readonly values: Readonly<Record<string, Value>>;
    readonly suppressed: boolean;
  };
  readonly governance: Governance;
}

export interface RowsResult {
  readonly kind: 'rows';
  readonly dataset: string;
  readonly columns: readonly {
    readonly name: string;
    readonly label: string;
    readonly masked: boolean;
  }[];
  readonly rows: readonly Readonly<Record<string, unknown>>[];
  readonly hasMore: boolean;
  readonly offset: number;
  readonly governance: Governance;
}

export type DatasetResult = AggregateResult | RowsResult;

/** What the policies did to this answer, so the page can say so. */
export interface Governance {
  readonly rowFilters: readonly string[];
  readonly masked: readonly string[];
  readonly minGroupSize: number;
  readonly suppressedCells: number;
}

export type ReadAction = 'query' | 'export' | 'rows';

/** Where an aggregate request's cells and total are read; one object when both come from it. */
export interface ReadPlan {
  readonly cells: ReadSource;
  readonly total: ReadSource;
}

export interface DatasetServiceOptions {
  readonly datasets: readonly Dataset[];
  readonly tables: TableMap;
  readonly policies: PolicySettings;
  /** The current table catalog (columns and PII tags). */
  readonly columnsOf: (table: string) => TableColumns | undefined;
  /** The current column types; predicates on typed text and date columns skip their casts. */
  readonly typesOf?: (table: string) => ColumnTypes | undefined;
  /** Read a dataset's rollups when a request allows (the default); false reads base tables only. */
  readonly rollups?: boolean;
  readonly pool: SessionPool;
  readonly audit: AuditSink;
  /** Results kept until the next job; none when absent. */
  readonly cache?: ResultCache;
  /** Small rollups aggregated in memory instead of by a query; none when absent. */
  readonly memory?: MemoryRollups;
}

export class DatasetService {
  readonly #datasets: ReadonlyMap<string, Dataset>;

  constructor(private readonly options: DatasetServiceOptions) {
    this.#datasets = new Map(options.datasets.map((d) => [d.name, d]));
  }

  /** Declared datasets, for the API's index. */
  list(): readonly Dataset[] {
    return [...this.#datasets.values()];
  }

  /** `schema.table` a dataset reads. */
  tableOf(dataset: Dataset): string {
    const table = this.options.tables[dataset.table];
    if (!table) throw new HrflowError('config-invalid', `no table for '${dataset.table}'`);
    return table;
  }

  /** Runs one governed read and records it in the audit log, denied or not. */
  async read(
    user: User,
    name: string,
    query: URLSearchParams,
    action: ReadAction,
  ): Promise<DatasetResult> {
    const dataset = this.#datasets.get(name);
    if (!dataset) {
      throw new HrflowError('usage-invalid', `no dataset '${name}'`, {
        details: { status: 404 },
      });
    }
    let request: DatasetRequest | undefined;
    try {
      request = parseRequest(dataset, query);
      const access = this.access(user, dataset);
      const result =
        dataset.kind === 'aggregate'
          ? await this.#aggregate(dataset, request as AggregateRequest, access)
          : await this.#rows(dataset, request as RowsRequest, access);
      this.options.audit.record({
        user: user.name,
        dataset: name,
        action,
        request: request,
        outcome: 'ok',
        rows: result.rows.length,
      });
      return result;
    } catch (error) {
      this.options.audit.record({
        user: user.name,
        dataset: name,
        action,
        request: request ?? Object.fromEntries(query),
        outcome: error instanceof HrflowError ? error.code : 'error',
        rows: 0,
      });
      throw error;
    }
  }

  /** The user's access to a dataset's table; throws `policy-denied` when refused. */
  access(user: User, dataset: Dataset): AllowedAccess {
    const table = this.tableOf(dataset);
    const known = this.options.columnsOf(table);
    if (!known) {
      throw new HrflowError('usage-invalid', `${table} does not exist yet`, {
        hint: 'Build the gold models (hrflow build), or point serve.datasets.tables at the right table.',
        details: { status: 404 },
      });
    }
    const columns = new Map(known);
    for (const [column, tag] of Object.entries(dataset.pii ?? {})) {
      if (columns.has(column) && columns.get(column) === undefined) columns.set(column, tag);
    }
    const access = accessTo(user, table, columns, this.options.policies);
    if (access.kind === 'denied') {
      throw new HrflowError('policy-denied', `you may not read ${dataset.name}: ${access.reason}`);
    }
    return access;
  }

  /**
   * The relations an aggregate request reads: for its cells and for its total, each the first
   * rollup that answers it exactly, else the base table. The same relation for both is read
   * once for both.
   */
  plan(dataset: AggregateDataset, request: AggregateRequest, access: AllowedAccess): ReadPlan {
    const choose = (grouping: readonly string[]): Rollup | undefined =>
      this.options.rollups === false
        ? undefined
        : chooseRollup(dataset, request, access, (r) => this.#columnsOfRollup(r), grouping);
    const total = choose([]);
    const cells = request.dimensions.length === 0 ? total : choose(request.dimensions);
    const totalSource = this.#source(dataset, total);
    return {
      cells: cells === total ? totalSource : this.#source(dataset, cells),
      total: totalSource,
    };
  }

  #columnsOfRollup(rollup: Rollup): ReadonlySet<string> | undefined {
    const table = this.options.tables[rollup.table];
    const columns = table === undefined ? undefined : this.options.columnsOf(table);
    return columns && new Set(columns.keys());
  }

  #source(dataset: AggregateDataset, rollup: Rollup | undefined): ReadSource {
    const table = rollup ? (this.options.tables[rollup.table] ?? '') : this.tableOf(dataset);
    const types = this.options.typesOf?.(table);
    return { table, ...(types ? { types } : {}), ...(rollup ? { rollup } : {}) };
  }

  /** Runs the SQL, or `local` when it gives an answer; cached under the SQL either way. */
  #run(sql: string, params: readonly string[], local?: () => Row[] | undefined): Promise<Row[]> {
    const run = (): Promise<Row[]> => {
      const rows = local?.();
      return rows ? Promise.resolve(rows) : this.options.pool.use((s) => s.query(sql, [...params]));
    };
    return this.options.cache ? this.options.cache.get(sql, params, run) : run();
  }

  async #aggregate(
    dataset: AggregateDataset,
    request: AggregateRequest,
    access: AllowedAccess,
  ): Promise<AggregateResult> {
    const plan = this.plan(dataset, request, access);
    const all = await this.#query(dataset, request, access, plan);
    const grouped = request.dimensions.length > 0;
    const cellRows = grouped ? all.filter((r) => Number(r.g) === 0) : all;
    const totalRows = grouped ? all.filter((r) => Number(r.g) !== 0) : all;
    const k = access.minGroupSize;
    const width = request.dimensions.length;
    const cells = cellRows.map((row) => ({
      key: Array.from({ length: width }, (_, i) => asKey(row[`d${i}`])),
      base: baseValues(dataset, row),
    }));
    const totalBase = baseValues(dataset, totalRows[0] ?? {});
    const totalSubjects = Number(totalBase[dataset.subjects] ?? 0);
    const totalHidden = totalSubjects > 0 && totalSubjects < k;
    const hidden = totalHidden
      ? new Set(cells.map((_, i) => i))
      : suppressedCells(
          cells.map((c) => ({ key: c.key, subjects: Number(c.base[dataset.subjects] ?? 0) })),
          k,
        );

    const pick = (base: Record<string, Value>, suppressed: boolean): Record<string, Value> => {
      const all = withRatios(dataset, base);
      return Object.fromEntries(
        request.measures.map((m) => [m, suppressed ? null : (all[m] ?? null)]),
      );
    };
    let rows: AggregateRow[] = cells.map((c, i) => ({
      key: c.key,
      values: pick(c.base, hidden.has(i)),
      suppressed: hidden.has(i),
    }));
    if (dataset.post) rows = impactRatios(rows, dataset.post.rate, dataset.post.threshold);

    const labels = { ...dataset.measures, ...(dataset.ratios ?? {}) };
    return {
      kind: 'aggregate',
      dataset: dataset.name,
      dimensions: request.dimensions.map((name) => ({
        name,
        label: dataset.dimensions[name]?.label ?? name,
      })),
      measures: [
        ...request.measures.map((name) => ({ name, label: labels[name]?.label ?? name })),
        ...(dataset.post ? [{ name: 'impact_ratio', label: 'Impact ratio' }] : []),
      ],
      rows,
      total: { values: pick(totalBase, totalHidden), suppressed: totalHidden },
      governance: governance(access, hidden.size),
    };
  }

  /** Cells and total from one query, or from two run side by side. */
  async #query(
    dataset: AggregateDataset,
    request: AggregateRequest,
    access: AllowedAccess,
    plan: ReadPlan,
  ): Promise<Row[]> {
    const run = (source: ReadSource, grouping: Grouping): Promise<Row[]> => {
      const compiled = compileAggregate(dataset, request, access, source, grouping);
      const held = source.rollup ? this.options.memory?.get(source.table) : undefined;
      const local =
        held &&
        ((): Row[] | undefined =>
          evaluateAggregate(dataset, request, access, source, grouping, held));
      return this.#run(compiled.sql, compiled.params, local);
    };
    if (plan.cells === plan.total) return run(plan.total, 'both');
    const [cells, total] = await Promise.all([run(plan.cells, 'cells'), run(plan.total, 'total')]);
    return [...cells, ...total];
  }

  async #rows(
    dataset: RowsDataset,
    request: RowsRequest,
    access: AllowedAccess,
  ): Promise<RowsResult> {
    const table = this.tableOf(dataset);
    const types = this.options.typesOf?.(table);
    const compiled = compileRows(dataset, request, access, { table, ...(types ? { types } : {}) });
    const rows = await this.#run(compiled.sql, compiled.params);
    if (request.id !== undefined && rows.length === 0) {
      throw new HrflowError('usage-invalid', `no ${dataset.name} row '${request.id}'`, {
        details: { status: 404 },
      });
    }
    return {
      kind: 'rows',
      dataset: dataset.name,
      columns: Object.entries(dataset.columns).map(([name, c]) => ({
        name,
        label: c.label,
        masked: access.masked.has(c.column),
      })),
      rows: rows.slice(0, request.limit),
      hasMore: rows.length > request.limit,
      offset: request.offset,
      governance: governance(access, 0),
    };
  }
}

function governance(access: AllowedAccess, suppressed: number): Governance {
  return {
    rowFilters: access.rowFilters.map((f) => f.rule),
    masked: [...access.masked.keys()],
    minGroupSize: access.minGroupSize,
    suppressedCells: suppressed,
  };
}

function baseValues(
  dataset: AggregateDataset,
  row: Record<string, unknown>,
): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const name of Object.keys(dataset.measures)) out[name] = asValue(row[`m_${name}`]);
  return out;
}

function withRatios(dataset: AggregateDataset, base: Record<string, Value>): Record<string, Value> {
  const all: Record<string, Value> = { ...base };
  for (const [name, ratio] of Object.entries(dataset.ratios ?? {})) {
    const num = all[ratio.numerator];
    const den = all[ratio.denominator];
    all[name] =
      typeof num === 'number' && typeof den === 'number' && den !== 0
        ? round((num / den) * ratio.scale)
        : null;
  }
  return all;
}

/** Each shown row's rate ÷ the highest shown rate; hidden rows take no part. */
function impactRatios(rows: AggregateRow[], rate: string, threshold: number): AggregateRow[] {
  const rates = rows
    .filter((r) => !r.suppressed)
    .map((r) => r.values[rate])
    .filter((v): v is number => typeof v === 'number');
  const best = rates.length > 0 ? Math.max(...rates) : 0;
  return rows.map((r) => {
    const own = r.values[rate];
    const ratio = !r.suppressed && typeof own === 'number' && best > 0 ? round(own / best) : null;
    return {
      ...r,
      values: { ...r.values, impact_ratio: ratio },
      flagged: ratio !== null && ratio < threshold,
    };
  });
}

function asValue(value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return round(value);
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  return JSON.stringify(value);
}

function asKey(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Three decimals, after dropping the floating-point noise past fifteen significant digits: a
 * mean summed in another order (a rollup's partial sums) can land a hair either side of a
 * rounding boundary.
 */
function round(n: number): number {
  return Math.round(Number((n * 1000).toPrecision(15))) / 1000;
}
