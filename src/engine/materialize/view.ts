/**
 * The `view` materialization. Steps: recover leftovers; then either replace the view in one
 * statement (when there is none yet or a view is there) or, when a table is there, build the
 * view under the temporary name and swap it in. A view that fails to bind changes nothing.
 */
import type { MaterializeContext } from './context.js';
import type { MaterializeOutcome } from './outcome.js';
import { createOrReplaceView } from './relation-sql.js';
import { buildAndSwap, recoverLeftovers } from './swap.js';

/** Runs the steps above. */
export async function materializeView(
  ctx: MaterializeContext,
  sql: string,
): Promise<MaterializeOutcome> {
  const { existing } = await recoverLeftovers(ctx);

  if (existing?.type === 'table') {
    await buildAndSwap(ctx, existing, 'view', sql);
  } else {
    await ctx.step('create or replace view', () =>
      ctx.executor.run(createOrReplaceView(ctx.dialect, ctx.target, sql)),
    );
  }
  return { status: 'CREATE VIEW' };
}
