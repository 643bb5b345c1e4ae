/**
 * The tables the connectors own. Bronze keeps raw payloads and never updates a row: a change is a
 * new row, a deletion a tombstone. hrflow's own state lives in the `hrflow` schema.
 */

export const BRONZE_SCHEMA = 'bronze';
export const STATE_SCHEMA = 'hrflow';

/** A column of a connector-owned table, with the description the engine shows in docs. */
export interface TableColumn {
  readonly name: string;
  readonly type: string;
  readonly description: string;
}

/** Columns of every `bronze.<source>_<stream>` table. */
export const STREAM_COLUMNS: readonly TableColumn[] = [
  {
    name: 'source_system',
    type: 'VARCHAR',
    description: 'Source name from the spec, e.g. greenhouse.',
  },
  { name: 'entity', type: 'VARCHAR', description: 'Stream name, e.g. candidates.' },
  {
    name: 'source_id',
    type: 'VARCHAR',
    description: "The record's primary key values joined with '|'.",
  },
  {
    name: 'pulled_at',
    type: 'TIMESTAMPTZ',
    description: 'When the page holding the record was received.',
  },
  { name: 'run_id', type: 'VARCHAR', description: 'The sync run that landed the row.' },
  {
    name: 'payload',
    type: 'JSON',
    description: 'The record as received, keys sorted; NULL for tombstones.',
  },
  {
    name: 'payload_hash',
    type: 'VARCHAR',
    description: 'SHA-256 of payload; a new row lands only when it changes.',
  },
  {
    name: 'is_deleted',
    type: 'BOOLEAN',
    description: 'True for a tombstone: the id disappeared from the source.',
  },
  {
    name: 'effective_date',
    type: 'DATE',
    description: 'Business effective date of the row (effective-dated sources).',
  },
  {
    name: 'entered_at',
    type: 'TIMESTAMPTZ',
    description: 'When the data was entered in the source, when known.',
  },
  {
    name: 'load_seq',
    type: 'BIGINT',
    description: 'Increasing per table; orders rows of the same source_id.',
  },
];

export const QUARANTINE_TABLE = '_quarantine';
export const QUARANTINE_COLUMNS: readonly TableColumn[] = [
  { name: 'source_system', type: 'VARCHAR', description: 'Source name.' },
  { name: 'entity', type: 'VARCHAR', description: 'Stream name.' },
  { name: 'source_id', type: 'VARCHAR', description: 'Primary key, when it could be read.' },
  { name: 'pulled_at', type: 'TIMESTAMPTZ', description: 'When the record was received.' },
  { name: 'run_id', type: 'VARCHAR', description: 'The sync run.' },
  { name: 'endpoint', type: 'VARCHAR', description: 'URL path the record came from.' },
  {
    name: 'reason',
    type: 'VARCHAR',
    description: 'Which schema rule failed (field and rule, never values).',
  },
  { name: 'payload', type: 'JSON', description: 'The record as received.' },
];

export const API_CALLS_TABLE = '_api_calls';
export const API_CALL_COLUMNS: readonly TableColumn[] = [
  { name: 'source_system', type: 'VARCHAR', description: 'Source name.' },
  { name: 'stream', type: 'VARCHAR', description: 'Stream id, NULL for token requests.' },
  { name: 'method', type: 'VARCHAR', description: 'HTTP method.' },
  { name: 'endpoint', type: 'VARCHAR', description: 'URL path without the query string.' },
  {
    name: 'http_status',
    type: 'INTEGER',
    description: 'Response status; NULL when no response came.',
  },
  {
    name: 'latency_ms',
    type: 'INTEGER',
    description: 'Time from sending to the whole body received.',
  },
  { name: 'retry_count', type: 'INTEGER', description: 'Earlier attempts of the same request.' },
  {
    name: 'rate_limit_remaining',
    type: 'INTEGER',
    description: 'Budget left as last reported by the server.',
  },
  { name: 'run_id', type: 'VARCHAR', description: 'The sync run.' },
  { name: 'called_at', type: 'TIMESTAMPTZ', description: 'When the request was sent.' },
  {
    name: 'error',
    type: 'VARCHAR',
    description: 'Why the call failed, redacted; NULL on success.',
  },
];

export const STATE_TABLE = 'source_state';
export const STATE_COLUMNS: readonly TableColumn[] = [
  { name: 'source_system', type: 'VARCHAR', description: 'Source name.' },
  { name: 'stream', type: 'VARCHAR', description: 'Stream name.' },
  { name: 'state', type: 'JSON', description: 'Cursor and bookkeeping of the stream.' },
  { name: 'run_id', type: 'VARCHAR', description: 'The run that wrote it.' },
  { name: 'updated_at', type: 'TIMESTAMPTZ', description: 'When it was written.' },
];

export const CREDENTIALS_TABLE = 'source_credentials';
export const CREDENTIAL_COLUMNS: readonly TableColumn[] = [
  { name: 'source_system', type: 'VARCHAR', description: 'Source name.' },
  {
    name: 'chain_key',
    type: 'VARCHAR',
    description: 'Hash of the refresh token the chain started from.',
  },
  {
    name: 'refresh_token',
    type: 'VARCHAR',
    description: 'Newest refresh token of the chain (a secret).',
  },
  { name: 'updated_at', type: 'TIMESTAMPTZ', description: 'When it was rotated.' },
];

/** `CREATE TABLE IF NOT EXISTS` for a connector-owned table. */
export function createTableSql(
  schema: string,
  table: string,
  columns: readonly TableColumn[],
): string {
  const cols = columns.map((c) => `  ${quote(c.name)} ${c.type}`).join(',\n');
  return `CREATE TABLE IF NOT EXISTS ${quote(schema)}.${quote(table)} (\n${cols}\n)`;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
