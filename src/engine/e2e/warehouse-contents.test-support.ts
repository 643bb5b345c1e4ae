/**
 * Every relation of a DuckDB warehouse file as plain data — type, columns with their types, rows
 * as a sorted multiset — so two warehouses (hrflow's and dbt's) or a warehouse and checked-in
 * expectations compare with one `toEqual`. Snapshot bookkeeping that depends on when the run
 * happened is replaced by a marker.
 */
import { Warehouse } from '../../warehouse/warehouse.js';

/** One relation's contents. */
export interface RelationContents {
  readonly type: 'table' | 'view';
  /** `name type` per column, in table order. */
  readonly columns: readonly string[];
  /** Each row as JSON text (BIGINT, DECIMAL and timestamps as text), sorted. */
  readonly rows: readonly string[];
}

/** Stands for a snapshot time that is the run's clock, not data. */
export const RUN_TIME = '<run time>';

/**
 * Snapshot times in this range are the clock of the run that wrote them; the fixture's data
 * ends in 2024, and far-future values (`dbt_valid_to_current`) lie beyond it.
 */
const RUN_TIMES = { from: '2025-01-01', to: '2100-01-01' };

const SNAPSHOT_TIMES = ['dbt_valid_from', 'dbt_valid_to', 'dbt_updated_at'];

/**
 * Reads every relation outside `excludeSchemas`, keyed `schema.name`. In tables with a
 * `dbt_scd_id` column, valid-from, valid-to and updated-at values from this century after 2024 become
 * {@link RUN_TIME}, and so does the scd id of a version that started at the run time.
 */
export async function warehouseContents(
  path: string,
  catalog: string,
  excludeSchemas: readonly string[] = [],
): Promise<Record<string, RelationContents>> {
  const warehouse = await Warehouse.open({ path, catalog, readOnly: true });
  try {
    return await warehouse.withSession(async (session) => {
      const relations = await session.query<{ schema: string; name: string; type: string }>(
        `SELECT table_schema AS schema, table_name AS name, table_type AS type
         FROM information_schema.tables WHERE table_catalog = $catalog
         ORDER BY table_schema, table_name`,
        { catalog },
      );
      const out: Record<string, RelationContents> = {};
      for (const rel of relations) {
        if (excludeSchemas.includes(rel.schema)) continue;
        const columns = await session.query<{ name: string; type: string }>(
          `SELECT column_name AS name, data_type AS type FROM information_schema.columns
           WHERE table_catalog = $catalog AND table_schema = $schema AND table_name = $name
           ORDER BY ordinal_position`,
          { catalog, schema: rel.schema, name: rel.name },
        );
        const rows = await session.query(
          `SELECT * FROM "${rel.schema.replace(/"/g, '""')}"."${rel.name.replace(/"/g, '""')}"`,
        );
        const snapshot = columns.some((c) => c.name === 'dbt_scd_id');
        out[`${rel.schema}.${rel.name}`] = {
          type: rel.type === 'VIEW' ? 'view' : 'table',
          columns: columns.map((c) => `${c.name} ${c.type}`),
          rows: rows.map((row) => JSON.stringify(snapshot ? maskRunTime(row) : row)).sort(),
        };
      }
      return out;
    });
  } finally {
    await warehouse.close();
  }
}

function maskRunTime(row: Record<string, unknown>): Record<string, unknown> {
  const out = { ...row };
  for (const column of SNAPSHOT_TIMES) {
    const value = out[column];
    if (typeof value === 'string' && value >= RUN_TIMES.from && value < RUN_TIMES.to) {
      out[column] = RUN_TIME;
    }
  }
  if (out.dbt_valid_from === RUN_TIME) out.dbt_scd_id = RUN_TIME;
  return out;
}
