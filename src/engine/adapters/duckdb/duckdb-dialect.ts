/** DuckDB's SQL spelling. */
import type { CsvScan, Dialect, PortableType } from '../adapter.js';
import { InternalError } from '../../../core/errors.js';
import type { Column, Relation, RelationType } from '../../relation.js';

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

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;
const quoteLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

export const duckdbDialect: Dialect = {
  kind: 'duckdb',
  quoteIdent,
  quoteLiteral,
  renderRelation(rel: Relation) {
    return [rel.catalog, rel.schema, rel.identifier].map((p) => this.quoteIdent(p)).join('.');
  },
  typeName: (type) => TYPES[type],
  currentTimestamp: () => 'current_timestamp',
  timestampLiteral(at: Date) {
    const iso = at.toISOString();
    return `TIMESTAMP '${iso.slice(0, 10)} ${iso.slice(11, 23)}000'`;
  },
  renameRelation(from: Relation, to: Relation, type: RelationType) {
    const keyword = type === 'view' ? 'VIEW' : 'TABLE';
    return `ALTER ${keyword} ${this.renderRelation(from)} RENAME TO ${quoteIdent(to.identifier)}`;
  },
  readCsv: (scan) => `read_csv(${csvArguments(scan).join(', ')})`,
};

/**
 * `read_csv` arguments. The sniffer only ever infers column types: the dialect is fixed so a
 * malformed file fails instead of being read some other way, and a `typed` scan turns the
 * sniffer off so errors name the offending line.
 */
function csvArguments(scan: CsvScan): string[] {
  const dialect = [
    `delim = ${quoteLiteral(scan.delimiter)}`,
    `quote = '"'`,
    `escape = '"'`,
    `comment = ''`,
  ];
  switch (scan.mode) {
    case 'infer': {
      const args = [quoteLiteral(scan.path), 'header = true', ...dialect, 'sample_size = -1'];
      if (scan.types.length > 0) args.push(`types = ${columnStruct(scan.types)}`);
      return args;
    }
    case 'typed':
      return [
        quoteLiteral(scan.path),
        'auto_detect = false',
        'header = true',
        ...dialect,
        `columns = ${columnStruct(scan.columns)}`,
      ];
    default: {
      const unknown: never = scan;
      throw new InternalError(`unknown CSV scan ${JSON.stringify(unknown)}`);
    }
  }
}

function columnStruct(columns: readonly Column[]): string {
  return `{${columns.map((c) => `${quoteLiteral(c.name)}: ${quoteLiteral(c.type)}`).join(', ')}}`;
}
