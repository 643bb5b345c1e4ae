/** What every command receives: its IO, the global options and a logger. */
import type { Command } from 'commander';
import type { Logger, LogFormat, LogLevel } from '../core/log.js';

/** The process edges, injected so commands are testable in-process. */
export interface CliIo {
  /** Data: query results, `ls` output, compiled SQL. */
  readonly stdout: (text: string) => void;
  /** Logs, progress and errors. */
  readonly stderr: (text: string) => void;
  /** Whether stderr is a terminal, which enables the live progress display. */
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
}

/** Options accepted by every command. */
export interface GlobalOptions {
  readonly target?: string;
  readonly projectDir: string;
  readonly vars?: string;
  readonly threads?: number;
  readonly logFormat: LogFormat;
  readonly logLevel: LogLevel;
}

export interface CommandContext {
  readonly io: CliIo;
  readonly globals: GlobalOptions;
  readonly logger: Logger;
}

/** What a command reports back; `failures > 0` exits 1. Errors are thrown, not returned. */
export interface CommandOutcome {
  readonly failures: number;
}

/**
 * Registers one command. `invoke` wraps its action so the CLI can build the context and collect
 * the outcome.
 */
export type CommandDefinition = (
  program: Command,
  invoke: (
    command: Command,
    run: (context: CommandContext) => Promise<CommandOutcome>,
  ) => Promise<void>,
) => void;
