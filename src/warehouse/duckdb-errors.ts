/**
 * The one boundary where DuckDB's errors become hrflow errors. DuckDB reports a lock held by
 * another process as an IO error naming the holder; everything else is a SQL error whose message
 * (with DuckDB's own `LINE n:` pointer) is kept as-is.
 */
import { HrflowError } from '../core/errors.js';

export interface DuckDBErrorContext {
  /** The statement that failed, used to quote the offending line. */
  readonly sql?: string;
  /** The warehouse file, for lock errors. */
  readonly path?: string;
}

export function translateDuckDBError(cause: unknown, context: DuckDBErrorContext): HrflowError {
  if (cause instanceof HrflowError) return cause;
  const message = cause instanceof Error ? cause.message : String(cause);

  const lock =
    /Could not set lock on file "?([^"\n]*)"?:?\s*Conflicting lock is held in (.*?) \(PID (\d+)\)/s.exec(
      message,
    );
  if (lock) {
    const [, file, program, pid] = lock;
    return new HrflowError(
      'warehouse-locked',
      `the warehouse ${file ?? context.path ?? ''} is in use by another process (PID ${pid}, ${program})`,
      {
        cause,
        retryable: true,
        details: { pid: Number(pid), program },
        hint:
          'DuckDB allows one writer per file. Wait for that process to finish, pass --wait to ' +
          'queue behind it, or run the command through `hrflow serve`, which owns the warehouse.',
      },
    );
  }

  const line = offendingLine(message, context.sql);
  const missing = MISSING_OBJECT.test(message);
  return new HrflowError('sql-error', message.trim(), {
    cause,
    details:
      line === undefined && !missing
        ? undefined
        : {
            ...(line === undefined ? {} : { line: line.number, text: line.text }),
            ...(missing ? { missingObject: true } : {}),
          },
  });
}

/** DuckDB's report that a named table, view, schema or catalog does not exist. */
const MISSING_OBJECT = /^(Catalog|Binder) Error: .*\bdoes not exist\b/;

/**
 * True for hrflow's translation of DuckDB saying that a named table, view, schema or catalog
 * does not exist, so callers can ask whether something exists by naming it.
 */
export function isMissingObject(error: unknown): boolean {
  return error instanceof HrflowError && error.details?.missingObject === true;
}

/** DuckDB's `LINE n:` pointer resolved against the statement text. */
export function offendingLine(
  message: string,
  sql: string | undefined,
): { number: number; text: string } | undefined {
  const match = /LINE (\d+):/.exec(message);
  if (!match || sql === undefined) return undefined;
  const number = Number(match[1]);
  const text = sql.split('\n')[number - 1];
  return text === undefined ? undefined : { number, text };
}
