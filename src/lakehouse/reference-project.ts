/**
 * Builds the reference lakehouse (the repository's own project) against the sandbox at a given
 * size in a throwaway copy, for the end-to-end test and the model benchmarks: copy the project,
 * set the dev target's sandbox size, run `hrflow seed` and `hrflow build`, and read results back
 * from DuckDB.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../cli/main.js';
import { Warehouse } from '../warehouse/warehouse.js';

/** The repository root: the reference project. */
export const REFERENCE_ROOT = join(import.meta.dirname, '..', '..');

const PROJECT_ENTRIES = [
  'hrflow.config.yaml',
  'sources',
  'models',
  'seeds',
  'macros',
  'tests',
  'snapshots',
];

export interface SandboxSize {
  readonly seed: number;
  readonly employees: number;
  readonly candidates: number;
  /** The day the company is generated as of (`YYYY-MM-DD`); today when absent. */
  readonly asOf?: string;
}

export interface ReferenceBuild {
  /** Root of the throwaway copy; its warehouse is target/hr_prod.duckdb. */
  readonly root: string;
  /** Exit code of `hrflow build`. */
  readonly code: number;
  readonly stderr: string;
  /** Wall time of the build, sync included, in milliseconds. */
  readonly elapsedMs: number;
  query<T extends Record<string, unknown>>(sql: string): Promise<T[]>;
  remove(): void;
}

/** Copies the reference project, sizes its sandbox and runs `hrflow build` in-process. */
export async function buildReferenceProject(
  size: SandboxSize,
  args: readonly string[] = [],
): Promise<ReferenceBuild> {
  const root = mkdtempSync(join(tmpdir(), 'hrflow-lakehouse-'));
  for (const entry of PROJECT_ENTRIES) {
    cpSync(join(REFERENCE_ROOT, entry), join(root, entry), { recursive: true });
  }
  const configPath = join(root, 'hrflow.config.yaml');
  writeFileSync(configPath, withSandboxSize(readFileSync(configPath, 'utf8'), size));

  let stderr = '';
  const io = {
    stdout: () => undefined,
    stderr: (text: string) => (stderr += text),
    isTTY: false,
    cwd: root,
    env: {},
  };
  const started = performance.now();
  // Seeds load first, one at a time: on a fresh warehouse two seeds loading at once have been
  // seen to fail creating their schema, and the build then never finished.
  let code = await main(['node', 'hrflow', 'seed', '--threads', '1'], io);
  if (code === 0) code = await main(['node', 'hrflow', 'build', ...args], io);
  const elapsedMs = performance.now() - started;

  return {
    root,
    code,
    stderr,
    elapsedMs,
    query: async <T extends Record<string, unknown>>(sql: string): Promise<T[]> => {
      const warehouse = await Warehouse.open({
        path: join(root, 'target/hr_prod.duckdb'),
        catalog: 'hr_prod',
        readOnly: true,
      });
      try {
        return await warehouse.withSession((session) => session.query<T>(sql));
      } finally {
        await warehouse.close();
      }
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The config text with the dev target's sandbox block replaced by `size`. */
export function withSandboxSize(config: string, size: SandboxSize): string {
  const block = /( {4}sandbox:\n)( {6}seed: .*\n)( {6}employees: .*\n)( {6}candidates: .*\n)/;
  if (!block.test(config)) throw new Error('hrflow.config.yaml has no dev sandbox block to resize');
  return config.replace(
    block,
    `$1      seed: ${size.seed}\n      employees: ${size.employees}\n      candidates: ${size.candidates}\n` +
      (size.asOf === undefined ? '' : `      as_of: '${size.asOf}'\n`),
  );
}
