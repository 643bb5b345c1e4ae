/**
 * Column lineage of one query: for each output column, the columns of project relations its
 * value is computed from. Works on DuckDB's own parse tree (see `sql-ast.ts`), through CTEs,
 * subqueries, joins with aliases, `USING`, `select *` with `EXCLUDE`/`REPLACE`, set operations,
 * aggregates, window functions, `case`, lambdas and correlated subqueries.
 *
 * Only value lineage is traced: the columns an output is computed from, including the
 * partition and order of a window and the filter of an aggregate. Columns that only decide which
 * rows exist (join keys, `where`, `group by`) are not upstream of a value.
 *
 * Pure: what the tracer needs to know about relations it asks through {@link TraceFacts}.
 * Where it cannot follow the SQL it records a gap with the reason instead of guessing.
 */
import { isObject, mapEntries, obj, objects, str, strings } from './sql-ast.js';
import type { AstObject } from './sql-ast.js';

/**
 * How a value relates to its upstream columns, from weakest to strongest change: a constant, the
 * column unchanged (perhaps renamed), a cast of it, a row-level expression, a window function,
 * an aggregate. Through a chain of CTEs the strongest step wins.
 */
export const TRANSFORMS = [
  'constant',
  'identity',
  'cast',
  'expression',
  'window',
  'aggregate',
] as const;
/** One of {@link TRANSFORMS}. */
export type Transform = (typeof TRANSFORMS)[number];

/** A column of a project node. */
export interface ColumnRef {
  /** Node id: `model.hr.worker`, `source.hr.workday.workers`. */
  readonly node: string;
  readonly column: string;
}

/** Where one output column comes from. */
export interface Derivation {
  /** Upstream columns, sorted by node and column. */
  readonly refs: readonly ColumnRef[];
  readonly transform: Transform;
  /** Why some of the value could not be traced; empty when all of it was. */
  readonly gaps: readonly string[];
}

/** A relation of the project as the compiled SQL names it. */
export interface KnownRelation {
  readonly node: string;
  /** Its columns in order; undefined when neither the catalog nor earlier tracing knows them. */
  readonly columns: readonly string[] | undefined;
}

/** A relation name as written in SQL; absent parts are `''`. */
export interface RelationName {
  readonly catalog: string;
  readonly schema: string;
  readonly name: string;
}

/** Facts about the project the tracer asks for. */
export interface TraceFacts {
  /** The project node a table name stands for, if any. */
  relation(name: RelationName): KnownRelation | undefined;
  /** The ephemeral model a CTE of this name inlines, if any; traced as that model, not its body. */
  inlinedCte(name: string): KnownRelation | undefined;
  /** Whether a function aggregates rows (DuckDB's catalogue answers this). */
  isAggregate(functionName: string): boolean;
}

/** One output column of a query, or a `*` that could not be expanded. */
export type TracedColumn =
  | {
      readonly kind: 'column';
      /** The output name; undefined for an unaliased expression, which DuckDB names itself. */
      readonly name: string | undefined;
      readonly derivation: Derivation;
    }
  | { readonly kind: 'unexpanded'; readonly reason: string };

/** Traces the output columns of one statement's query node. */
export function traceQuery(statement: AstObject, facts: TraceFacts): TracedColumn[] {
  const tracer = new Tracer(facts);
  return tracer
    .query(statement, new Map(), undefined)
    .map((c) =>
      c.kind === 'column' ? { kind: 'column', name: c.name, derivation: finish(c.lin) } : c,
    );
}

interface Lin {
  readonly refs: ReadonlyMap<string, ColumnRef>;
  readonly transform: Transform;
  readonly gaps: ReadonlySet<string>;
}

type Output =
  | { readonly kind: 'column'; readonly name: string | undefined; readonly lin: Lin }
  | { readonly kind: 'unexpanded'; readonly reason: string };

interface TableColumn {
  readonly name: string | undefined;
  lin: Lin;
  hiddenInStar: boolean;
}

/** A relation visible in a FROM clause. */
interface ScopeTable {
  /** The names it can be qualified with, lower-cased: `[['w']]` or `[['t'], ['s', 't']]`. */
  readonly names: readonly (readonly string[])[];
  /** How messages name it. */
  readonly label: string;
  /** Columns by lower-cased name, or `#n` for unnamed ones, in order. */
  readonly columns: Map<string, TableColumn>;
  /** Why the column list may be incomplete; absent when it is complete. */
  readonly incomplete?: string;
  /** The project node behind a base relation, so a name it does not list can be attributed. */
  readonly node?: string;
}

/** CTEs visible at a point of the query, by lower-cased name. */
type CteEnv = ReadonlyMap<string, Omit<ScopeTable, 'names'>>;

interface Scope {
  readonly tables: readonly ScopeTable[];
  readonly env: CteEnv;
  readonly parent: Scope | undefined;
  /** Aliases of earlier select items, which DuckDB lets later items refer to. */
  readonly aliases: Map<string, Lin>;
  /** Lambda parameters in force, which are no columns. */
  readonly lambdaParams: ReadonlySet<string>;
}

const NOTHING: Lin = { refs: new Map(), transform: 'constant', gaps: new Set() };

/** Table functions whose one output column is named after the function. */
const SELF_NAMED_TABLE_FUNCTIONS = new Set(['unnest', 'generate_series', 'range']);

/** SQL's special values, written without parentheses and so parsed as column references. */
const SPECIAL_VALUES = new Set([
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
  'current_user',
  'session_user',
  'current_role',
  'current_catalog',
  'current_schema',
]);

/** A column reference that could not be attributed: still a column, not a constant. */
const UNRESOLVED: Lin = { ...NOTHING, transform: 'identity' };

class Tracer {
  constructor(private readonly facts: TraceFacts) {}

  query(node: AstObject, env: CteEnv, outer: Scope | undefined): Output[] {
    const inner = this.withCtes(obj(node, 'cte_map'), env, outer);
    const type = str(node, 'type');
    switch (type) {
      case 'SELECT_NODE':
        return this.select(node, inner, outer);
      case 'SET_OPERATION_NODE':
      case 'RECURSIVE_CTE_NODE':
        return this.setOperation(node, inner, outer);
      default:
        return [{ kind: 'unexpanded', reason: `a ${type || 'query'} node is not traced` }];
    }
  }

  private withCtes(cteMap: AstObject | undefined, env: CteEnv, outer: Scope | undefined): CteEnv {
    let current = env;
    for (const { key, value } of mapEntries(cteMap)) {
      const name = key.toLowerCase();
      const inlined = this.facts.inlinedCte(key);
      if (inlined) {
        current = new Map(current).set(name, baseTable(inlined, key));
        continue;
      }
      // A recursive CTE may name itself; that reference adds nothing the base case lacks.
      const self = { label: key, columns: new Map(), incomplete: 'a recursive reference' };
      const body = obj(obj(value, 'query') ?? {}, 'node');
      const outputs = body
        ? this.query(body, new Map(current).set(name, self), outer)
        : [{ kind: 'unexpanded' as const, reason: `CTE ${key} has no query` }];
      current = new Map(current).set(name, {
        label: key,
        ...tableFromOutputs(outputs, strings(value, 'aliases')),
      });
    }
    return current;
  }

  private select(node: AstObject, env: CteEnv, outer: Scope | undefined): Output[] {
    const from = obj(node, 'from_table');
    const tables = from ? this.from(from, env, outer, []) : [];
    const scope: Scope = {
      tables,
      env,
      parent: outer,
      aliases: new Map(),
      lambdaParams: outer?.lambdaParams ?? new Set(),
    };

    const out: Output[] = [];
    for (const item of objects(node, 'select_list')) {
      if (str(item, 'class') === 'STAR') {
        out.push(...this.star(item, scope));
        continue;
      }
      const lin = this.expr(item, scope);
      const alias = str(item, 'alias');
      const names = strings(item, 'column_names');
      const name =
        alias || (str(item, 'class') === 'COLUMN_REF' ? names[names.length - 1] : undefined);
      out.push({ kind: 'column', name, lin });
      if (name) scope.aliases.set(name.toLowerCase(), lin);
    }
    return out;
  }

  private setOperation(node: AstObject, env: CteEnv, outer: Scope | undefined): Output[] {
    const leftNode = obj(node, 'left');
    const rightNode = obj(node, 'right');
    if (!leftNode || !rightNode) {
      return [{ kind: 'unexpanded', reason: 'a set operation without two sides' }];
    }
    const left = this.query(leftNode, env, outer);
    const type = str(node, 'setop_type');
    if (type === 'EXCEPT') return left;
    const right = this.query(rightNode, env, outer);
    if (type === 'UNION_BY_NAME') return unionByName(left, right);

    const rightUnexpanded = right.find((c) => c.kind === 'unexpanded');
    return left.map((column, i) => {
      if (column.kind === 'unexpanded') return column;
      const other = right[i];
      if (rightUnexpanded || !other || other.kind !== 'column') {
        const reason =
          rightUnexpanded?.kind === 'unexpanded'
            ? rightUnexpanded.reason
            : 'the other side of the set operation has fewer columns';
        return { ...column, lin: withGap(column.lin, reason) };
      }
      return { ...column, lin: merge([column.lin, other.lin], column.lin.transform) };
    });
  }

  /** The relations a FROM clause makes visible; `lateral` are those to its left. */
  private from(
    ref: AstObject,
    env: CteEnv,
    outer: Scope | undefined,
    lateral: readonly ScopeTable[],
  ): ScopeTable[] {
    const alias = str(ref, 'alias');
    const columnAliases = strings(ref, 'column_name_alias');
    const lateralScope = (): Scope => ({
      tables: lateral,
      env,
      parent: outer,
      aliases: new Map(),
      lambdaParams: outer?.lambdaParams ?? new Set(),
    });
    switch (str(ref, 'type')) {
      case 'BASE_TABLE':
        return [this.baseTable(ref, env, alias, columnAliases)];
      case 'JOIN': {
        const leftRef = obj(ref, 'left');
        const rightRef = obj(ref, 'right');
        const left = leftRef ? this.from(leftRef, env, outer, lateral) : [];
        const right = rightRef ? this.from(rightRef, env, outer, [...lateral, ...left]) : [];
        const natural = str(ref, 'ref_type') === 'NATURAL';
        const using = natural
          ? [...new Set(left.flatMap((t) => [...t.columns.keys()]))].filter((k) =>
              right.some((t) => t.columns.has(k)),
            )
          : strings(ref, 'using_columns').map((c) => c.toLowerCase());
        mergeUsing(left, right, using);
        return [...left, ...right];
      }
      case 'SUBQUERY': {
        const sub = obj(obj(ref, 'subquery') ?? {}, 'node');
        const outputs = sub
          ? this.query(sub, env, lateral.length > 0 ? lateralScope() : outer)
          : [{ kind: 'unexpanded' as const, reason: 'a subquery without a query' }];
        const label = alias || 'subquery';
        return [
          {
            names: alias ? [[alias.toLowerCase()]] : [],
            label,
            ...tableFromOutputs(outputs, columnAliases),
          },
        ];
      }
      case 'TABLE_FUNCTION': {
        const fn = obj(ref, 'function');
        const fnName = fn ? str(fn, 'function_name') : '';
        const args = fn ? this.expr(fn, lateralScope()) : NOTHING;
        const lin = { ...args, transform: maxTransform(args.transform, 'expression') };
        const names =
          columnAliases.length > 0
            ? columnAliases
            : SELF_NAMED_TABLE_FUNCTIONS.has(fnName.toLowerCase())
              ? [fnName.toLowerCase()]
              : [];
        const columns = new Map<string, TableColumn>();
        for (const name of names) {
          columns.set(name.toLowerCase(), { name, lin, hiddenInStar: false });
        }
        return [
          {
            names: [[(alias || fnName).toLowerCase()]],
            label: `${fnName}(…)`,
            columns,
            ...(names.length === 0
              ? { incomplete: `the columns of table function ${fnName} are not known` }
              : {}),
          },
        ];
      }
      case 'EXPRESSION_LIST': {
        const scope = lateralScope();
        const rows = Array.isArray(ref.values) ? ref.values.filter(Array.isArray) : [];
        const width = Math.max(0, ...rows.map((r) => r.length));
        const columns = new Map<string, TableColumn>();
        for (let i = 0; i < width; i++) {
          const lins = rows.map((r) => {
            const cell: unknown = r[i];
            return isObject(cell) ? this.expr(cell, scope) : NOTHING;
          });
          const name = columnAliases[i] ?? `col${i}`;
          columns.set(name.toLowerCase(), {
            name,
            lin: merge(lins, 'constant'),
            hiddenInStar: false,
          });
        }
        return [{ names: [[(alias || 'valueslist').toLowerCase()]], label: 'VALUES', columns }];
      }
      case 'EMPTY':
        return [];
      default:
        return [
          {
            names: alias ? [[alias.toLowerCase()]] : [],
            label: alias || str(ref, 'type'),
            columns: new Map(),
            incomplete: `a ${str(ref, 'type')} in FROM is not traced`,
          },
        ];
    }
  }

  private baseTable(
    ref: AstObject,
    env: CteEnv,
    alias: string,
    columnAliases: readonly string[],
  ): ScopeTable {
    const name = str(ref, 'table_name');
    const schema = str(ref, 'schema_name');
    const catalog = str(ref, 'catalog_name');
    const names = alias
      ? [[alias.toLowerCase()]]
      : qualifiers([catalog, schema, name].filter((p) => p !== ''));
    const cte = !schema && !catalog ? env.get(name.toLowerCase()) : undefined;
    if (cte) return renamed({ ...cte, names }, columnAliases);

    const known = this.facts.relation({ catalog, schema, name });
    const label = [catalog, schema, name].filter((p) => p !== '').join('.');
    if (!known) {
      return {
        names,
        label,
        columns: new Map(),
        incomplete: `${label} is not a relation of the project`,
      };
    }
    return renamed({ ...baseTable(known, label), names }, columnAliases);
  }

  private star(item: AstObject, scope: Scope): Output[] {
    const relation = str(item, 'relation_name').toLowerCase();
    const tables = relation
      ? scope.tables.filter((t) => t.names.some((n) => n[n.length - 1] === relation))
      : scope.tables;
    const excluded = new Set(
      [
        ...strings(item, 'exclude_list'),
        ...objects(item, 'qualified_exclude_list').flatMap((q) => {
          const parts = strings(q, 'column_names');
          return parts.length > 0 ? [parts[parts.length - 1] ?? ''] : [];
        }),
      ].map((c) => c.toLowerCase()),
    );
    const replaced = new Map<string, Lin>();
    for (const { key, value } of objects(item, 'replace_list').flatMap((e) => {
      const value = obj(e, 'value');
      return typeof e.key === 'string' && value ? [{ key: e.key, value }] : [];
    })) {
      replaced.set(key.toLowerCase(), this.expr(value, scope));
    }
    const renames = new Map<string, string>();
    for (const entry of objects(item, 'rename_list')) {
      const key = obj(entry, 'key');
      const from = key ? strings(key, 'column_names').pop() : undefined;
      if (from && typeof entry.value === 'string') renames.set(from.toLowerCase(), entry.value);
    }
    const pattern = this.columnsPattern(item);
    if (pattern instanceof Error) return [{ kind: 'unexpanded', reason: pattern.message }];

    const out: Output[] = [];
    for (const table of tables) {
      for (const [key, column] of table.columns) {
        if (column.hiddenInStar || excluded.has(key)) continue;
        if (pattern && !pattern.test(column.name ?? '')) continue;
        out.push({
          kind: 'column',
          name: renames.get(key) ?? column.name,
          lin: replaced.get(key) ?? column.lin,
        });
      }
      if (table.incomplete) {
        out.push({ kind: 'unexpanded', reason: `* over ${table.label}: ${table.incomplete}` });
      }
    }
    return out;
  }

  /** The regular expression of `COLUMNS('re')`; undefined for a plain `*`. */
  private columnsPattern(item: AstObject): RegExp | Error | undefined {
    if (item.columns !== true) return undefined;
    const inner = obj(item, 'expr');
    if (!inner) return undefined;
    const value = obj(inner, 'value');
    const text = value?.value;
    if (str(inner, 'class') !== 'CONSTANT' || typeof text !== 'string') {
      return new Error('COLUMNS() with a lambda or a list is not traced');
    }
    try {
      return new RegExp(text);
    } catch {
      return new Error(`COLUMNS('${text}') uses a pattern JavaScript cannot read`);
    }
  }

  expr(node: AstObject, scope: Scope): Lin {
    const kind = str(node, 'class');
    switch (kind) {
      case 'COLUMN_REF':
        return this.column(strings(node, 'column_names'), scope);
      case 'CONSTANT':
        return NOTHING;
      case 'CAST': {
        const child = obj(node, 'child');
        const lin = child ? this.expr(child, scope) : NOTHING;
        return { ...lin, transform: maxTransform(lin.transform, 'cast') };
      }
      case 'FUNCTION': {
        const fn = str(node, 'function_name');
        const own = fn === 'count_star' || this.facts.isAggregate(fn) ? 'aggregate' : 'expression';
        return merge(this.walk(node, scope), own);
      }
      case 'WINDOW':
        return merge(this.walk(node, scope), 'window');
      case 'SUBQUERY':
        return this.subquery(node, scope);
      case 'LAMBDA':
        return this.lambda(node, scope);
      case 'STAR':
        return withGap(NOTHING, '* or COLUMNS() inside an expression is not traced');
      default:
        return merge(this.walk(node, scope), 'expression');
    }
  }

  /** Lineage of every expression nested below `node`, which is not itself walked. */
  private walk(node: AstObject, scope: Scope): Lin[] {
    return Object.values(node).flatMap((child) => this.walkValue(child, scope));
  }

  private walkValue(value: unknown, scope: Scope): Lin[] {
    if (Array.isArray(value)) return value.flatMap((v) => this.walkValue(v, scope));
    if (!isObject(value)) return [];
    if (typeof value.class === 'string') return [this.expr(value, scope)];
    return this.walk(value, scope);
  }

  private subquery(node: AstObject, scope: Scope): Lin {
    const sub = obj(obj(node, 'subquery') ?? {}, 'node');
    const outputs = sub ? this.query(sub, scope.env, scope) : [];
    const lins = outputs.map((o) => (o.kind === 'column' ? o.lin : withGap(NOTHING, o.reason)));
    const first = lins[0] ?? NOTHING;
    const child = obj(node, 'child');
    const scalar = str(node, 'subquery_type') === 'SCALAR';
    const parts = scalar ? [first] : [...lins, ...(child ? [this.expr(child, scope)] : [])];
    return merge(parts, scalar ? first.transform : 'expression');
  }

  private lambda(node: AstObject, scope: Scope): Lin {
    const lhs = obj(node, 'lhs');
    const params = lhs
      ? [lhs, ...objects(lhs, 'children')].flatMap((p) =>
          str(p, 'class') === 'COLUMN_REF' ? strings(p, 'column_names').slice(0, 1) : [],
        )
      : [];
    const body = obj(node, 'expr');
    if (!body) return NOTHING;
    const inner: Scope = {
      ...scope,
      lambdaParams: new Set([...scope.lambdaParams, ...params.map((p) => p.toLowerCase())]),
    };
    return this.expr(body, inner);
  }

  /** Resolves a column reference as DuckDB binds it: qualified names first, then bare ones. */
  private column(raw: readonly string[], scope: Scope): Lin {
    const parts = raw.map((p) => p.toLowerCase());
    const display = raw.join('.');
    if (parts.length === 0) return NOTHING;
    if (scope.lambdaParams.has(parts[0] ?? '')) return NOTHING;

    for (let level: Scope | undefined = scope; level; level = level.parent) {
      for (let k = Math.min(parts.length - 1, 3); k >= 1; k--) {
        const qualifier = parts.slice(0, k);
        const table = level.tables.find((t) => t.names.some((n) => sameParts(n, qualifier)));
        if (!table) continue;
        const found = lookup(table, parts[k] ?? '', raw[k] ?? '', display);
        return parts.length > k + 1 ? asField(found) : found;
      }
      const bare = parts[0] ?? '';
      const found = this.bareColumn(level, bare, raw[0] ?? '', display);
      if (found) return parts.length > 1 ? asField(found) : found;
    }
    // `current_date` and its kin parse as column names; DuckDB binds them as functions when
    // no relation has such a column.
    if (parts.length === 1 && SPECIAL_VALUES.has(parts[0] ?? '')) return NOTHING;
    return withGap(UNRESOLVED, `column ${display} is not found in the query`);
  }

  private bareColumn(scope: Scope, key: string, name: string, display: string): Lin | undefined {
    const holders = scope.tables.filter((t) => t.columns.has(key));
    if (holders.length > 0) {
      const lins = holders.flatMap((t) => {
        const column = t.columns.get(key);
        return column ? [column.lin] : [];
      });
      return merge(lins, lins[0]?.transform ?? 'identity');
    }
    const open = scope.tables.filter((t) => t.incomplete);
    if (open.length === 1 && open[0]) return lookup(open[0], key, name, display);
    if (open.length > 1) {
      return withGap(
        UNRESOLVED,
        `column ${display} may come from any of ${open.map((t) => t.label).join(', ')}, whose columns are not all known`,
      );
    }
    return scope.aliases.get(key);
  }
}

function lookup(table: ScopeTable, key: string, name: string, display: string): Lin {
  const column = table.columns.get(key);
  if (column) return column.lin;
  if (table.incomplete && table.node) {
    return {
      refs: new Map([[refKey(table.node, name), { node: table.node, column: name }]]),
      transform: 'identity',
      gaps: new Set(),
    };
  }
  const why = table.incomplete ?? `${table.label} has no such column`;
  return withGap(UNRESOLVED, `column ${display}: ${why}`);
}

function baseTable(known: KnownRelation, label: string): Omit<ScopeTable, 'names'> {
  const columns = new Map<string, TableColumn>();
  for (const name of known.columns ?? []) {
    const ref = { node: known.node, column: name };
    columns.set(name.toLowerCase(), {
      name,
      lin: {
        refs: new Map([[refKey(ref.node, name), ref]]),
        transform: 'identity',
        gaps: new Set(),
      },
      hiddenInStar: false,
    });
  }
  return {
    label,
    columns,
    node: known.node,
    ...(known.columns ? {} : { incomplete: `the columns of ${label} are not known` }),
  };
}

function tableFromOutputs(
  outputs: readonly Output[],
  aliases: readonly string[],
): Pick<ScopeTable, 'columns' | 'incomplete'> {
  const columns = new Map<string, TableColumn>();
  const gaps: string[] = [];
  let position = 0;
  for (const output of outputs) {
    if (output.kind === 'unexpanded') {
      gaps.push(output.reason);
      continue;
    }
    const name = gaps.length === 0 ? (aliases[position] ?? output.name) : output.name;
    columns.set(name ? name.toLowerCase() : `#${position}`, {
      name,
      lin: output.lin,
      hiddenInStar: false,
    });
    position++;
  }
  return { columns, ...(gaps.length > 0 ? { incomplete: gaps.join('; ') } : {}) };
}

function renamed(table: ScopeTable, aliases: readonly string[]): ScopeTable {
  if (aliases.length === 0) return table;
  const columns = new Map<string, TableColumn>();
  [...table.columns.values()].forEach((column, i) => {
    const name = aliases[i] ?? column.name;
    columns.set(name ? name.toLowerCase() : `#${i}`, { ...column, name });
  });
  return { ...table, columns };
}

/** A USING column appears once in `*`, and its value comes from both sides. */
function mergeUsing(left: ScopeTable[], right: ScopeTable[], using: readonly string[]): void {
  for (const key of using) {
    const leftColumn = left.map((t) => t.columns.get(key)).find((c) => c !== undefined);
    const rightColumns = right.flatMap((t) => {
      const c = t.columns.get(key);
      return c ? [c] : [];
    });
    if (!leftColumn) continue;
    leftColumn.lin = merge(
      [leftColumn.lin, ...rightColumns.map((c) => c.lin)],
      leftColumn.lin.transform,
    );
    for (const c of rightColumns) c.hiddenInStar = true;
  }
}

function unionByName(left: readonly Output[], right: readonly Output[]): Output[] {
  const out: Output[] = [];
  const byName = new Map<string, number>();
  for (const column of [...left, ...right]) {
    if (column.kind === 'unexpanded' || !column.name) {
      out.push(column);
      continue;
    }
    const key = column.name.toLowerCase();
    const at = byName.get(key);
    const existing = at === undefined ? undefined : out[at];
    if (at === undefined || existing?.kind !== 'column') {
      byName.set(key, out.length);
      out.push(column);
    } else {
      out[at] = { ...existing, lin: merge([existing.lin, column.lin], existing.lin.transform) };
    }
  }
  return out;
}

function merge(lins: readonly Lin[], own: Transform): Lin {
  const refs = new Map<string, ColumnRef>();
  const gaps = new Set<string>();
  let transform = own;
  for (const lin of lins) {
    for (const [k, v] of lin.refs) refs.set(k, v);
    for (const g of lin.gaps) gaps.add(g);
    transform = maxTransform(transform, lin.transform);
  }
  return { refs, transform, gaps };
}

function withGap(lin: Lin, gap: string): Lin {
  return { ...lin, gaps: new Set([...lin.gaps, gap]) };
}

function asField(lin: Lin): Lin {
  return { ...lin, transform: maxTransform(lin.transform, 'expression') };
}

/** The stronger of two transforms, as a chain of steps composes. */
export function maxTransform(a: Transform, b: Transform): Transform {
  return TRANSFORMS.indexOf(a) >= TRANSFORMS.indexOf(b) ? a : b;
}

function qualifiers(parts: readonly string[]): string[][] {
  const lower = parts.map((p) => p.toLowerCase());
  const out: string[][] = [];
  for (let i = lower.length - 1; i >= 0; i--) out.push(lower.slice(i));
  return out;
}

function sameParts(names: readonly string[], qualifier: readonly string[]): boolean {
  return qualifier.length === names.length && qualifier.every((part, i) => names[i] === part);
}

function refKey(node: string, column: string): string {
  return `${node}\u0000${column.toLowerCase()}`;
}

function finish(lin: Lin): Derivation {
  const refs = [...lin.refs.values()].sort((a, b) =>
    a.node === b.node ? a.column.localeCompare(b.column) : a.node.localeCompare(b.node),
  );
  return { refs, transform: lin.transform, gaps: [...lin.gaps].sort() };
}
