/**
 * Typed log events through one sink. Human lines go to stderr; `--log-format json` writes one
 * JSON object per line instead. Only data (query results, `ls` output) goes to stdout, and never
 * through here. Every line passes through the redactor.
 */
import { redactor } from './redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const LEVEL_RANK = { debug: 10, info: 20, warn: 30, error: 40 } as const satisfies Record<
  LogLevel,
  number
>;

/** One thing that happened. `code` is stable and machine-readable; `msg` is for people. */
export interface LogEvent {
  readonly level: LogLevel;
  readonly code: string;
  readonly msg: string;
  /** Structured context: node ids, counts, durations. Never secrets. */
  readonly data?: Readonly<Record<string, unknown>>;
}

export type LogFormat = 'text' | 'json';

export interface Logger {
  log(event: LogEvent): void;
  debug(code: string, msg: string, data?: Record<string, unknown>): void;
  info(code: string, msg: string, data?: Record<string, unknown>): void;
  warn(code: string, msg: string, data?: Record<string, unknown>): void;
  error(code: string, msg: string, data?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  readonly format?: LogFormat;
  readonly level?: LogLevel;
  /** Where lines go; stderr by default. Tests pass an array-backed writer. */
  readonly write?: (line: string) => void;
  readonly now?: () => Date;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? 'text';
  const minRank = LEVEL_RANK[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const now = options.now ?? (() => new Date());

  const log = (event: LogEvent): void => {
    if (LEVEL_RANK[event.level] < minRank) return;
    const ts = now();
    if (format === 'json') {
      write(redactor.redact(JSON.stringify({ ts: ts.toISOString(), ...event })));
      return;
    }
    const clock = ts.toISOString().slice(11, 19);
    const level = event.level === 'info' ? '' : `${event.level.toUpperCase()} `;
    write(redactor.redact(`${clock}  ${level}${event.msg}`));
  };
  const at =
    (level: LogLevel) =>
    (code: string, msg: string, data?: Record<string, unknown>): void =>
      log(data === undefined ? { level, code, msg } : { level, code, msg, data });

  return {
    log,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** A logger that drops everything; the default for library callers and tests. */
export const silentLogger: Logger = createLogger({ write: () => undefined });

/** A logger that keeps events in memory, for tests that assert on what was logged. */
export function memoryLogger(): Logger & { readonly events: LogEvent[] } {
  const events: LogEvent[] = [];
  const inner = createLogger({ level: 'debug', write: () => undefined });
  const keep =
    (level: LogLevel) =>
    (code: string, msg: string, data?: Record<string, unknown>): void => {
      events.push(data === undefined ? { level, code, msg } : { level, code, msg, data });
    };
  return {
    ...inner,
    events,
    log: (event) => events.push(event),
    debug: keep('debug'),
    info: keep('info'),
    warn: keep('warn'),
    error: keep('error'),
  };
}
