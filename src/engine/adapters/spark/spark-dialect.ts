/**
 * Spark SQL's spelling (Spark 3.4 and later, Delta tables): backtick identifiers, backslash
 * escapes in string literals, Spark's type names. Pure; the Spark adapter's executor runs what
 * this spells.
 */
import { UnsupportedFeatureError } from '../../../core/errors.js';
import type { Relation, RelationType } from '../../relation.js';
import type { CsvScan, Dialect, PortableType } from '../adapter.js';

/**
 * `timestamp` is a wall-clock time without a zone (DuckDB's TIMESTAMP), which Spark calls
 * TIMESTAMP_NTZ; an instant is Spark's plain TIMESTAMP. Spark has no JSON type: JSON is text.
 */
const TYPES = {
  string: 'STRING',
  integer: 'INT',
  bigint: 'BIGINT',
  float: 'DOUBLE',
  numeric: 'DECIMAL(38, 10)',
  boolean: 'BOOLEAN',
  timestamp: 'TIMESTAMP_NTZ',
  timestamptz: 'TIMESTAMP',
  date: 'DATE',
  json: 'STRING',
} as const satisfies Record<PortableType, string>;

const quoteIdent = (name: string): string => `\`${name.replace(/`/g, '``')}\``;

// Spark reads a backslash in a string literal as an escape, so both it and the quote are escaped.
const quoteLiteral = (text: string): string =>
  `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

const renderRelation = (rel: Relation): string =>
  [rel.catalog, rel.schema, rel.identifier].map(quoteIdent).join('.');

export const sparkDialect: Dialect = {
  kind: 'spark',
  quoteIdent,
  quoteLiteral,
  renderRelation,
  typeName: (type) => TYPES[type],
  currentTimestamp: () => 'current_timestamp()',
  timestampLiteral(at: Date) {
    const iso = at.toISOString();
    return `TIMESTAMP_NTZ '${iso.slice(0, 10)} ${iso.slice(11, 23)}000'`;
  },
  // Spark takes the new name qualified; it must stay in the same schema.
  renameRelation(from: Relation, to: Relation, type: RelationType) {
    const keyword = type === 'view' ? 'VIEW' : 'TABLE';
    return `ALTER ${keyword} ${renderRelation(from)} RENAME TO ${renderRelation(to)}`;
  },
  readCsv(scan: CsvScan): string {
    throw new UnsupportedFeatureError(`reading the CSV file ${scan.path} in Spark SQL`, {
      hint: 'Load seeds on a DuckDB target; Spark SQL has no table function that scans a CSV file with options.',
    });
  },
};
