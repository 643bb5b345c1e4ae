/**
 * A digest of a bronze table's content (ids, effective dates, payload hashes, tombstones), blind
 * to run ids and the moments rows were pulled or entered.
 */
import type { Warehouse } from '../../warehouse/warehouse.js';
import { quoteIdent } from '../../warehouse/warehouse.js';

export async function bronzeDigest(
  warehouse: Warehouse,
  table: string,
): Promise<{ rows: number; digest: string }> {
  const [row] = await warehouse.withSession((s) =>
    s.query<{ rows: string; digest: string }>(
      `WITH keyed AS (
         SELECT source_id || ':' || coalesce(effective_date::VARCHAR, '') || ':' ||
                coalesce(payload_hash, '') || ':' || is_deleted::VARCHAR AS k
         FROM bronze.${quoteIdent(table)})
       SELECT count(*) AS rows, md5(coalesce(string_agg(k, ',' ORDER BY k), '')) AS digest
       FROM keyed`,
    ),
  );
  return { rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' };
}
