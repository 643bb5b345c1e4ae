/**
 * The `seed` materialization: a CSV file loaded by the warehouse's own CSV reader, never row by
 * row. Steps:
 * 1. recover leftovers;
 * 2. read and check the header line (names, `quote_columns`, `column_types`);
 * 3. infer column types from the whole file, keeping `column_types` as given; when the file is
 *    malformed, scan it strictly as text to find the offending line;
 * 4. load it strictly with exactly those columns into a table beside the target and swap it in.
 * A malformed file is a `seed-invalid` error naming the file and line; the target is untouched.
 */
import { resolve } from 'node:path';
import type { CsvScan } from '../adapters/adapter.js';
import type { Column } from '../relation.js';
import type { SeedConfig } from './config.js';
import type { MaterializeContext } from './context.js';
import { configError } from './context.js';
import type { MaterializeOutcome } from './outcome.js';
import type { SeedSource } from './seed-csv.js';
import {
  checkHeader,
  readHeader,
  seedColumns,
  translateCsvError,
  typeOverrides,
} from './seed-csv.js';
import { buildAndSwap, recoverLeftovers } from './swap.js';

/** Runs the steps above for the CSV at `csvPath`. */
export async function materializeSeed(
  ctx: MaterializeContext,
  csvPath: string,
  config: SeedConfig,
): Promise<MaterializeOutcome> {
  const delimiter = config.delimiter ?? ',';
  if ([...delimiter].length !== 1) {
    throw configError(
      ctx.node,
      `delimiter must be one character, not ${JSON.stringify(delimiter)}`,
    );
  }
  const source: SeedSource = { node: ctx.node, file: csvPath };
  const path = resolve(csvPath);
  const { existing } = await recoverLeftovers(ctx);

  try {
    const header = await readHeader(source, path, delimiter);
    checkHeader(source, header, config);
    const overrides = typeOverrides(header, config);

    const inferred = await ctx.step('infer column types', () =>
      inferTypes(ctx, { mode: 'infer', path, delimiter, types: overrides }, header),
    );
    const columns = seedColumns(header, inferred, overrides);
    const scan = ctx.dialect.readCsv({ mode: 'typed', path, delimiter, columns });
    const rows = await buildAndSwap(ctx, existing, 'table', `SELECT * FROM ${scan}`);
    return { status: `INSERT ${rows ?? 0}`, rowsAffected: rows };
  } catch (error) {
    throw translateCsvError(source, error) ?? error;
  }
}

/**
 * Column types as the warehouse infers them. The inference reads the file with its dialect
 * fixed, so a malformed file fails it without saying where; a strict scan of every column as
 * text then names the line.
 */
async function inferTypes(
  ctx: MaterializeContext,
  scan: CsvScan & { readonly mode: 'infer' },
  header: readonly string[],
): Promise<readonly Column[]> {
  const { executor, dialect } = ctx;
  try {
    return await executor.columnsOf(`SELECT * FROM ${dialect.readCsv(scan)}`);
  } catch (error) {
    const text = header.map((name) => ({ name, type: dialect.typeName('string') }));
    const strict = dialect.readCsv({
      mode: 'typed',
      path: scan.path,
      delimiter: scan.delimiter,
      columns: text,
    });
    await executor.query(`SELECT count(*) AS row_count FROM ${strict}`);
    throw error;
  }
}
