/** A digest of a bronze table's content (ids, payload hashes, tombstones), blind to run ids and times. */
import type { Warehouse } from '../../warehouse/warehouse.js';

export async function bronzeDigest(
  warehouse: Warehouse,
  table: string,
): Promise<{ rows: number; digest: string }> {
  const [row] = await warehouse.withSession((s) =>
    s.query<{ rows: string; digest: string }>(
      `SELECT count(*) AS rows,
              md5(coalesce(string_agg(source_id || ':' || payload_hash || ':' || is_deleted::VARCHAR, ',' ORDER BY source_id, payload_hash), '')) AS digest
       FROM bronze."${table}"`,
    ),
  );
  return { rows: Number(row?.rows ?? 0), digest: row?.digest ?? '' };
}
