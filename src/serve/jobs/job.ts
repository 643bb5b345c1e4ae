/** A unit of work the server runs for someone: a sync, an engine command, or a sync then a build. */
import type { EngineCommand } from '../../engine/invoke.js';

export type JobKind = 'sync' | EngineCommand | 'sync+build';

export const JOB_KINDS: readonly JobKind[] = [
  'sync',
  'run',
  'build',
  'test',
  'seed',
  'snapshot',
  'compile',
  'sync+build',
];

/** The options a CLI command would have used, so a handed-over job does the same work. */
export interface JobSpec {
  readonly kind: JobKind;
  /** Node selectors (engine) or `source[.stream]` selectors (sync). */
  readonly select: readonly string[];
  /** For `sync+build`: what to sync; `select` is then what to build. */
  readonly syncSelect?: readonly string[];
  /**
   * Syncs: ids of the records a change named, by `source.stream`; streams that can be looked up
   * by them read only those records.
   */
  readonly syncRecords?: Readonly<Record<string, readonly string[]>>;
  readonly exclude?: readonly string[];
  readonly selector?: string;
  /** Absolute directory of a previous manifest.json, for `state:` selectors. */
  readonly state?: string;
  readonly fullRefresh: boolean;
  readonly failFast: boolean;
  /** `run` and `build`: build on what bronze holds instead of syncing first (`--no-sync`). */
  readonly skipSync?: boolean;
  readonly vars?: string;
  readonly threads?: number;
}

/** Who asked: `cli`, `api`, `webhook:greenhouse`, `schedule:<name>`. */
export type JobTrigger = string;
