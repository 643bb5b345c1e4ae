/** DuckDB's SQL spelling. */
import type { Dialect, PortableType } from '../adapter.js';
import type { Relation } from '../../relation.js';

const TYPES = {
  string: 'VARCHAR',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'DOUBLE',
  numeric: 'DECIMAL(38, 10)',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  date: 'DATE',
  json: 'JSON',
} as const satisfies Record<PortableType, string>;

export const duckdbDialect: Dialect = {
  kind: 'duckdb',
  quoteIdent: (name) => `"${name.replace(/"/g, '""')}"`,
  quoteLiteral: (text) => `'${text.replace(/'/g, "''")}'`,
  renderRelation(rel: Relation) {
    return [rel.catalog, rel.schema, rel.identifier].map((p) => this.quoteIdent(p)).join('.');
  },
  typeName: (type) => TYPES[type],
  currentTimestamp: () => 'current_timestamp',
};
