/**
 * A warehouse relation named by catalog, schema and identifier, the three parts that mean the
 * same on DuckDB (an attached file), Spark (a session catalog) and Databricks (Unity Catalog).
 */

export type RelationType = 'table' | 'view';

export interface Relation {
  /** Logical catalog (`hr_prod`); an adapter may map it to a physical one. */
  readonly catalog: string;
  readonly schema: string;
  readonly identifier: string;
}

/** A relation as found in the warehouse. */
export interface RelationInfo extends Relation {
  readonly type: RelationType;
  /**
   * A table's columns, in order. Empty for a view: listing a view's columns means binding its
   * query, and nothing that describes relations needs them.
   */
  readonly columns: readonly Column[];
}

export interface Column {
  readonly name: string;
  /** The warehouse's own type name, upper case (`VARCHAR`, `TIMESTAMP WITH TIME ZONE`). */
  readonly type: string;
}

export function relation(catalog: string, schema: string, identifier: string): Relation {
  return { catalog, schema, identifier };
}

/** The same relation with a suffix on its identifier, for temporary and backup relations. */
export function withSuffix(rel: Relation, suffix: string): Relation {
  return { ...rel, identifier: `${rel.identifier}${suffix}` };
}

/** `catalog.schema.identifier` unquoted, for messages and map keys. */
export function relationKey(rel: Relation): string {
  return `${rel.catalog}.${rel.schema}.${rel.identifier}`;
}
