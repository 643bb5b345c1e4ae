/**
 * The parts of loading a seed that need no warehouse: reading and checking the header line, and
 * turning DuckDB's CSV errors into `seed-invalid` errors that point at the file and line. The
 * rows themselves are only ever read by the warehouse's CSV reader.
 */
import { open } from 'node:fs/promises';
import { HrflowError } from '../../core/errors.js';
import type { Column } from '../relation.js';
import type { SeedConfig } from './config.js';
import type { NodeRef } from './context.js';
import { findColumn } from './relation-sql.js';

/** The longest header line read; a longer one is reported rather than read on. */
export const MAX_HEADER_BYTES = 1 << 20;

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Where a seed's problems are reported: the node and the file as the user named it. */
export interface SeedSource {
  readonly node: NodeRef;
  readonly file: string;
}

/** Reads the first record of the file and returns its fields, the column names. */
export async function readHeader(
  source: SeedSource,
  path: string,
  delimiter: string,
): Promise<string[]> {
  let text: string;
  try {
    const handle = await open(path, 'r');
    try {
      const buffer = Buffer.alloc(MAX_HEADER_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, MAX_HEADER_BYTES, 0);
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw seedError(source, `cannot read the file: ${reason}`, { cause });
  }
  const header = parseFirstRecord(text, delimiter);
  if (header === 'empty') {
    throw seedError(source, 'the file is empty; a seed needs a header line', { line: 1 });
  }
  if (header === 'unterminated') {
    throw seedError(source, 'the header line has an unterminated quoted value', { line: 1 });
  }
  return header;
}

/**
 * The fields of the first CSV record: split on `delimiter`, double-quoted fields may hold the
 * delimiter, line breaks and doubled quotes. A leading byte-order mark is skipped.
 */
export function parseFirstRecord(
  text: string,
  delimiter: string,
): string[] | 'empty' | 'unterminated' {
  const input = text.startsWith('\ufeff') ? text.slice(1) : text;
  if (input.trim() === '') return 'empty';
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < input.length; i++) {
    const ch = input[i];
    if (quoted) {
      if (ch === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        field += ch;
      }
    } else if (ch === '"') {
      quoted = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      break;
    } else {
      field += ch;
    }
  }
  if (quoted) return 'unterminated';
  fields.push(field);
  return fields;
}

/**
 * Checks the header names against each other and the config: every column named, no name
 * twice (names compare case-insensitively, as in the warehouse), plain identifiers unless
 * `quote_columns`, and every `column_types` key a header column.
 */
export function checkHeader(
  source: SeedSource,
  header: readonly string[],
  config: SeedConfig,
): void {
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    const position = index + 1;
    if (name.trim() === '') {
      throw seedError(source, `column ${position} of the header has no name`, { line: 1 });
    }
    const first = seen.get(name.toLowerCase());
    if (first !== undefined) {
      throw seedError(source, `columns ${first} and ${position} are both named ${name}`, {
        line: 1,
      });
    }
    seen.set(name.toLowerCase(), position);
    if (!config.quote_columns && !PLAIN_IDENTIFIER.test(name)) {
      throw seedError(source, `header ${JSON.stringify(name)} is not a plain identifier`, {
        line: 1,
        hint: 'Rename it to letters, digits and underscores, or set quote_columns: true.',
      });
    }
  });
  for (const name of Object.keys(config.column_types ?? {})) {
    if (!header.some((h) => h.toLowerCase() === name.toLowerCase())) {
      throw seedError(
        source,
        `column_types names ${name}, which is not in the header (${header.join(', ')})`,
        { line: 1 },
      );
    }
  }
}

/** `column_types` entries as columns, spelled as in the header. */
export function typeOverrides(header: readonly string[], config: SeedConfig): Column[] {
  const types = Object.entries(config.column_types ?? {});
  return header.flatMap((name) => {
    const entry = types.find(([key]) => key.toLowerCase() === name.toLowerCase());
    return entry ? [{ name, type: entry[1] }] : [];
  });
}

/** The final columns: header names with overridden types, else the inferred ones, by position. */
export function seedColumns(
  header: readonly string[],
  inferred: readonly Column[],
  overrides: readonly Column[],
): Column[] {
  return header.map((name, index) => ({
    name,
    type: findColumn(overrides, name)?.type ?? inferred[index]?.type ?? 'VARCHAR',
  }));
}

/**
 * DuckDB's CSV error (`CSV Error on Line: N`, the original line, the reason) as a `seed-invalid`
 * error at that line, or undefined when the message is not a CSV error.
 */
export function translateCsvError(source: SeedSource, error: unknown): HrflowError | undefined {
  if (!(error instanceof HrflowError) || error.code !== 'sql-error') return undefined;
  const message = error.message;
  const line = /CSV Error on Line: (\d+)/.exec(message);
  if (!line) return undefined;
  const original = /Original Line: ([^\n]*)/.exec(message)?.[1];
  const columns = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  const conversion = /Error when converting column "([^"]*)"\. (Could not convert [^\n]*)/.exec(
    message,
  );
  let reason: string;
  let hint: string | undefined;
  if (columns) {
    reason = `expected ${columns[1]} fields, found ${columns[2]}`;
  } else if (conversion) {
    reason = `column ${conversion[1]}: ${conversion[2]}`;
    hint = `Fix the value, or set column_types for ${conversion[1]} to a type that holds it.`;
  } else if (/unterminated quote/.test(message)) {
    reason = 'a quoted value is not terminated';
  } else {
    reason = message.split('\n')[0] ?? message;
  }
  return seedError(source, original === undefined ? reason : `${reason}: ${original}`, {
    line: Number(line[1]),
    hint,
    cause: error,
  });
}

/** A `seed-invalid` error at the seed's file (and line, when known). */
export function seedError(
  source: SeedSource,
  message: string,
  options: { readonly line?: number; readonly hint?: string; readonly cause?: unknown } = {},
): HrflowError {
  return new HrflowError('seed-invalid', `${source.node.name}: ${message}`, {
    location: { file: source.file, line: options.line, node: source.node.id },
    hint: options.hint,
    cause: options.cause,
  });
}
