/**
 * DuckDB's own SQL parser, reached through `json_serialize_sql`: it returns the parse tree of a
 * SELECT as JSON without binding it, so no table needs to exist. Any DuckDB connection will do;
 * docs generation uses an in-memory one and never touches the warehouse file.
 */
import { listValue } from '@duckdb/node-api';
import type { Session } from '../../warehouse/warehouse.js';
import type { SqlParser } from './column-lineage.js';
import { readSerializedSql } from './sql-ast.js';
import type { SerializedSql } from './sql-ast.js';

/** Texts per query; large enough to amortise the round trip, small enough to stay in memory. */
const BATCH = 500;

/** A parser on an open DuckDB session; texts go in batches as one list parameter. */
export function duckdbSqlParser(session: Session): SqlParser {
  return {
    async parse(texts) {
      const out: SerializedSql[] = [];
      for (let start = 0; start < texts.length; start += BATCH) {
        const batch = texts.slice(start, start + BATCH);
        const rows = await session.query<{ i: string; j: string | null }>(
          `SELECT i::VARCHAR AS i, json_serialize_sql(s) AS j
           FROM (SELECT unnest($1) AS s, generate_subscripts($1, 1) AS i)
           ORDER BY i::INTEGER`,
          [listValue([...batch])],
        );
        for (const row of rows) {
          out.push(
            row.j === null
              ? { ok: false, message: 'DuckDB returned no parse tree' }
              : readSerializedSql(row.j),
          );
        }
      }
      return out;
    },
    async aggregateFunctions() {
      const rows = await session.query<{ name: string }>(
        `SELECT DISTINCT lower(function_name) AS name FROM duckdb_functions()
         WHERE function_type = 'aggregate'`,
      );
      return new Set(rows.map((r) => r.name));
    },
  };
}
