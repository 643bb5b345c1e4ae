/**
 * The `table` materialization. Steps: recover leftovers; build the table under the temporary
 * name; count its rows; swap it in for whatever is there (table, view or nothing) in one
 * transaction. A failing model leaves the previous relation as it was.
 */
import type { RelationInfo } from '../relation.js';
import type { MaterializeContext } from './context.js';
import type { MaterializeOutcome } from './outcome.js';
import { buildAndSwap, recoverLeftovers } from './swap.js';

/** Runs the steps above. */
export async function materializeTable(
  ctx: MaterializeContext,
  sql: string,
): Promise<MaterializeOutcome> {
  const { existing } = await recoverLeftovers(ctx);
  return buildTable(ctx, existing, sql);
}

/** Builds and swaps in a table; shared with incremental models that rebuild from scratch. */
export async function buildTable(
  ctx: MaterializeContext,
  existing: RelationInfo | undefined,
  sql: string,
): Promise<MaterializeOutcome> {
  const rows = await buildAndSwap(ctx, existing, 'table', sql);
  return { status: 'CREATE TABLE', rowsAffected: rows };
}
