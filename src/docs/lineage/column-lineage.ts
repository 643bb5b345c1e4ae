/**
 * Column lineage of a whole project: every model and snapshot traced from its compiled SQL,
 * parents before children, so a model reading another model's `select *` sees the columns
 * tracing found there when the catalog does not list them. Sources and seeds are where lineage
 * starts; they have no SQL of their own.
 */
import { traceQuery } from './trace-query.js';
import type { ColumnRef, KnownRelation, RelationName, Transform } from './trace-query.js';
import type { SerializedSql } from './sql-ast.js';

/** Parses SQL texts and answers which functions aggregate; DuckDB in practice. */
export interface SqlParser {
  /** One result per text, in order. */
  parse(texts: readonly string[]): Promise<SerializedSql[]>;
  /** Names of every aggregate function the engine knows, lower-cased. */
  aggregateFunctions(): Promise<ReadonlySet<string>>;
}

/** What lineage needs to know about one node. */
export interface LineageSubject {
  readonly id: string;
  readonly kind: 'model' | 'snapshot' | 'seed' | 'source';
  /** Where it lives; absent for ephemeral models. */
  readonly relation?: {
    readonly catalog: string;
    readonly schema: string;
    readonly identifier: string;
  };
  /** The CTE name an ephemeral model is inlined under (`__dbt__cte__name`). */
  readonly inlinedAs?: string;
  /** Columns in the warehouse, in order, from `catalog.json`. */
  readonly catalogColumns?: readonly string[];
  /** The SQL to trace; models and snapshots only. */
  readonly compiledSql?: string;
  readonly dependsOn: readonly string[];
}

/** Where one column of a node comes from. */
export interface ColumnLineage {
  readonly name: string;
  readonly upstream: readonly ColumnRef[];
  readonly transform: Transform;
  /** Why some of the column could not be traced; empty when it all was. */
  readonly gaps: readonly string[];
}

/** Lineage of every column of one model or snapshot. */
export interface NodeLineage {
  readonly node: string;
  /** `traced`: every column; `partial`: some columns have gaps; `untraced`: none (see message). */
  readonly status: 'traced' | 'partial' | 'untraced';
  readonly message?: string;
  readonly columns: readonly ColumnLineage[];
}

/** Traces every model and snapshot that has SQL. */
export async function projectLineage(
  subjects: readonly LineageSubject[],
  parser: SqlParser,
): Promise<Map<string, NodeLineage>> {
  const traced = subjects.filter((s) => s.compiledSql !== undefined);
  const parsed = await parser.parse(traced.map((s) => s.compiledSql ?? ''));
  const trees = new Map(traced.map((s, i) => [s.id, parsed[i]]));
  const aggregates = await parser.aggregateFunctions();
  const byId = new Map(subjects.map((s) => [s.id, s]));
  const index = relationIndex(subjects);
  const out = new Map<string, NodeLineage>();

  const columnsOf = (id: string): readonly string[] | undefined => {
    const done = out.get(id);
    if (done && done.status !== 'untraced') {
      return done.columns.map((c) => c.name);
    }
    return byId.get(id)?.catalogColumns;
  };
  const known = (id: string | undefined): KnownRelation | undefined =>
    id === undefined ? undefined : { node: id, columns: columnsOf(id) };

  for (const subject of topological(traced, byId)) {
    const tree = trees.get(subject.id);
    if (!tree) continue;
    if (!tree.ok) {
      out.set(
        subject.id,
        untraced(subject.id, `DuckDB could not parse the compiled SQL: ${tree.message}`),
      );
      continue;
    }
    if (tree.statements.length !== 1 || !tree.statements[0]) {
      out.set(
        subject.id,
        untraced(
          subject.id,
          `the compiled SQL holds ${tree.statements.length} statements, not one SELECT`,
        ),
      );
      continue;
    }
    const outputs = traceQuery(tree.statements[0], {
      relation: (name) => known(index.find(name)),
      inlinedCte: (name) => known(index.inlined.get(name.toLowerCase())),
      isAggregate: (fn) => aggregates.has(fn.toLowerCase()),
    });
    out.set(subject.id, nameColumns(subject, outputs));
  }
  return out;
}

function untraced(node: string, message: string): NodeLineage {
  return { node, status: 'untraced', message, columns: [] };
}

/**
 * Gives every traced output its name. DuckDB names an unaliased expression itself, so the
 * catalog's columns supply names by position when the traced names agree with it.
 */
function nameColumns(subject: LineageSubject, outputs: ReturnType<typeof traceQuery>): NodeLineage {
  const catalog = subject.catalogColumns;
  const unexpanded = outputs.flatMap((o) => (o.kind === 'unexpanded' ? [o.reason] : []));
  const columns: ColumnLineage[] = [];
  const aligned =
    catalog !== undefined &&
    unexpanded.length === 0 &&
    catalog.length >= outputs.length &&
    outputs.every(
      (o, i) =>
        o.kind === 'column' && (!o.name || o.name.toLowerCase() === catalog[i]?.toLowerCase()),
    );

  outputs.forEach((output, i) => {
    if (output.kind !== 'column') return;
    const name = aligned ? (catalog[i] ?? `column ${i + 1}`) : output.name;
    const gaps = [...output.derivation.gaps];
    if (!name) gaps.push('DuckDB names this unaliased expression itself; build the model first');
    columns.push({
      name: name ?? `column ${i + 1}`,
      upstream: output.derivation.refs,
      transform: output.derivation.transform,
      gaps,
    });
  });

  const seen = new Set(columns.map((c) => c.name.toLowerCase()));
  for (const name of catalog ?? []) {
    if (seen.has(name.toLowerCase())) continue;
    const why =
      unexpanded.length > 0
        ? unexpanded.join('; ')
        : subject.kind === 'snapshot'
          ? 'the snapshot adds this column to record history'
          : 'the column is in the warehouse but not in the compiled SQL; the relation may predate the last change';
    columns.push({ name, upstream: [], transform: 'constant', gaps: [why] });
  }
  if (catalog === undefined) {
    for (const reason of unexpanded) {
      columns.push({ name: '*', upstream: [], transform: 'identity', gaps: [reason] });
    }
  }

  const withGaps = columns.filter((c) => c.gaps.length > 0).length;
  return {
    node: subject.id,
    status: withGaps === 0 ? 'traced' : 'partial',
    columns,
  };
}

interface RelationIndex {
  find(name: RelationName): string | undefined;
  /** Ephemeral models by their inlined CTE name, lower-cased. */
  readonly inlined: ReadonlyMap<string, string>;
}

function relationIndex(subjects: readonly LineageSubject[]): RelationIndex {
  const full = new Map<string, string>();
  const twoPart = new Map<string, string[]>();
  const onePart = new Map<string, string[]>();
  const inlined = new Map<string, string>();
  const add = (map: Map<string, string[]>, key: string, id: string) =>
    map.set(key, [...(map.get(key) ?? []), id]);
  for (const s of subjects) {
    if (s.inlinedAs) inlined.set(s.inlinedAs.toLowerCase(), s.id);
    if (!s.relation) continue;
    const [c, sc, t] = [s.relation.catalog, s.relation.schema, s.relation.identifier].map((p) =>
      p.toLowerCase(),
    );
    full.set(`${c}.${sc}.${t}`, s.id);
    add(twoPart, `${sc}.${t}`, s.id);
    add(onePart, t ?? '', s.id);
  }
  const only = (ids: string[] | undefined) => (ids?.length === 1 ? ids[0] : undefined);
  return {
    inlined,
    find({ catalog, schema, name }) {
      const [c, sc, t] = [catalog, schema, name].map((p) => p.toLowerCase());
      if (c && sc) return full.get(`${c}.${sc}.${t}`);
      if (sc) return only(twoPart.get(`${sc}.${t}`));
      return only(onePart.get(t ?? ''));
    },
  };
}

/** Parents before children; nodes in a cycle (which compile rejects) come last. */
function topological(
  subjects: readonly LineageSubject[],
  byId: ReadonlyMap<string, LineageSubject>,
): LineageSubject[] {
  const order: LineageSubject[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (s: LineageSubject): void => {
    if (state.has(s.id)) return;
    state.set(s.id, 'visiting');
    for (const parent of s.dependsOn) {
      const p = byId.get(parent);
      if (p?.compiledSql !== undefined) visit(p);
    }
    state.set(s.id, 'done');
    order.push(s);
  };
  for (const s of subjects) visit(s);
  return order;
}
