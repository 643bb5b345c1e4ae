/**
 * Test support for the gold layer: run the hrflow CLI in a project directory and read rows from
 * its warehouse, the way a user would.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.js';
import { Warehouse } from '../../warehouse/warehouse.js';
import type { Row } from '../../warehouse/warehouse.js';

/** The repository root, which is also the reference hrflow project. */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `hrflow <args>` in `root` with the given environment. */
export async function hrflow(
  root: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliOutcome> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
    cwd: root,
    env,
  });
  return { code, stdout, stderr };
}

/** Rows of a query against the project's warehouse file (`target/hr_prod.duckdb`). */
export async function queryWarehouse<T extends Row = Row>(
  root: string,
  sql: string,
  path = join(root, 'target/hr_prod.duckdb'),
): Promise<T[]> {
  const warehouse = await Warehouse.open({ path, catalog: 'hr_prod' });
  try {
    return await warehouse.withSession((session) => session.query<T>(sql));
  } finally {
    await warehouse.close();
  }
}
