/**
 * hrflow's error tree. A problem the user can fix carries a stable {@link ErrorCode}, the place it
 * was found and what to do next; anything else is an {@link InternalError}. Foreign errors
 * (DuckDB, fetch, YAML) are translated into these at one boundary each, keeping the original as
 * `cause`.
 */

/** Where a problem was found. Every field is optional; the formatter prints what is known. */
export interface Location {
  /** Path relative to the project root, or absolute when outside it. */
  readonly file?: string;
  /** 1-based line. */
  readonly line?: number;
  /** 1-based column. */
  readonly column?: number;
  /** Path inside a YAML document, such as `models[2].columns[0].tests`. */
  readonly yamlPath?: string;
  /** The node (model, seed, test, source stream) the problem belongs to. */
  readonly node?: string;
}

/**
 * Every user-fixable problem, with the exit category the CLI maps it to: `usage` and `config`
 * exit 2, `runtime` exits 1.
 */
export const ERROR_CODES = {
  'usage-invalid': 'usage',
  'config-invalid': 'config',
  'config-not-found': 'config',
  'yaml-syntax': 'config',
  'duplicate-node': 'config',
  'ref-not-found': 'config',
  'source-not-found': 'config',
  'macro-not-found': 'config',
  'var-missing': 'config',
  'env-var-missing': 'config',
  'template-error': 'config',
  'jinja-unsupported': 'config',
  'dag-cycle': 'config',
  'selector-invalid': 'usage',
  'state-not-found': 'usage',
  'state-invalid': 'usage',
  'seed-invalid': 'config',
  'sql-error': 'runtime',
  'snapshot-key-not-unique': 'runtime',
  'snapshot-source-invalid': 'runtime',
  'merge-key-not-unique': 'runtime',
  'schema-changed': 'runtime',
  'warehouse-locked': 'runtime',
  'warehouse-error': 'runtime',
  'source-spec-invalid': 'config',
  'source-auth-failed': 'runtime',
  'source-forbidden': 'runtime',
  'source-request-failed': 'runtime',
  'source-network-down': 'runtime',
  'source-rate-limited': 'runtime',
  'source-record-invalid': 'runtime',
  'sandbox-error': 'runtime',
  'server-error': 'runtime',
  'policy-denied': 'usage',
  internal: 'runtime',
} as const satisfies Record<string, 'usage' | 'config' | 'runtime'>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface HrflowErrorOptions {
  readonly location?: Location;
  /** What the user should do next. */
  readonly hint?: string;
  readonly cause?: unknown;
  /** True when trying the same operation again may succeed (network blips, 5xx, a held lock). */
  readonly retryable?: boolean;
  /** Structured facts for JSON logs and artifacts; never secrets. */
  readonly details?: Readonly<Record<string, unknown>>;
}

/** A problem the user can act on. */
export class HrflowError extends Error {
  readonly code: ErrorCode;
  readonly location: Location | undefined;
  readonly hint: string | undefined;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: ErrorCode, message: string, options: HrflowErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HrflowError';
    this.code = code;
    this.location = options.location;
    this.hint = options.hint;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  /** The exit category of this error's code. */
  get category(): 'usage' | 'config' | 'runtime' {
    return ERROR_CODES[this.code];
  }
}

/** A bug in hrflow rather than in the user's project. */
export class InternalError extends HrflowError {
  constructor(message: string, cause?: unknown) {
    super('internal', message, {
      cause,
      hint: 'This is a bug in hrflow. Please file an issue with the command you ran and this message.',
    });
    this.name = 'InternalError';
  }
}

/** Input hrflow recognises but does not handle yet; named so users and tools can find it. */
export class UnsupportedFeatureError extends HrflowError {
  constructor(feature: string, options: HrflowErrorOptions = {}) {
    super('jinja-unsupported', `${feature} is not supported by hrflow`, options);
    this.name = 'UnsupportedFeatureError';
  }
}

/** `file:line:col` (as much as is known), or the node id, or the empty string. */
export function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  if (location.file) {
    let out = location.file;
    if (location.line !== undefined) out += `:${location.line}`;
    if (location.line !== undefined && location.column !== undefined) out += `:${location.column}`;
    return out;
  }
  return location.node ?? '';
}

/** The multi-line, human form of an error: `[code] file:line: message`, then path, hint, cause. */
export function formatError(error: unknown): string {
  if (!(error instanceof HrflowError)) {
    const inner = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return `[internal] unexpected error: ${inner}\n  hint: this is a bug in hrflow; please file an issue`;
  }
  const where = formatLocation(error.location);
  const lines = [`[${error.code}] ${where ? `${where}: ` : ''}${error.message}`];
  if (error.location?.yamlPath) lines.push(`  at: ${error.location.yamlPath}`);
  if (error.location?.node && error.location.file) lines.push(`  node: ${error.location.node}`);
  if (error.hint) lines.push(`  hint: ${error.hint}`);
  return lines.join('\n');
}

/** Wraps any thrown value so callers can rely on an `HrflowError`. */
export function asHrflowError(error: unknown): HrflowError {
  if (error instanceof HrflowError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new InternalError(message, error);
}
