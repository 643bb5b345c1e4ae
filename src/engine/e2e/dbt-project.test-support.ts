/**
 * The dbt project fixture (`fixtures/dbt-project/`): a small People Analytics project written in
 * the dbt subset hrflow supports, built in two phases. Phase one builds everything as of the
 * end of March 2024; phase two, as of the end of June, re-seeds and re-runs it, so incremental
 * models merge and delete+insert, snapshots record changes and hard deletes.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../cli/main.js';

export const FIXTURE_DIR = fileURLToPath(new URL('./fixtures/dbt-project/', import.meta.url));

/** The catalog dbt-duckdb and hrflow attach the fixture's `warehouse.duckdb` under. */
export const FIXTURE_CATALOG = 'warehouse';

/** The two builds, each with the extra CLI arguments both tools take. */
export const PHASES = [
  { name: 'as of 2024-03-31', args: [] },
  { name: 'as of 2024-06-30', args: ['--vars', '{as_of: "2024-06-30"}'] },
] as const;

/** A copy of the fixture in a fresh directory; `remove()` deletes it. */
export function copyFixture(prefix: string): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  cpSync(FIXTURE_DIR, root, { recursive: true });
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** Runs the hrflow CLI in-process; resolves to the exit code and what it wrote. */
export async function hrflow(
  root: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'hrflow', ...args, '--project-dir', root], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    isTTY: false,
    cwd: root,
    env: {},
  });
  return { code, stdout, stderr };
}

/**
 * Every result of `target/run_results.json` as `status` or `status failures`, keyed by unique id;
 * tests are keyed `test.<project>.<name>`, without dbt's hash, which differs between the tools.
 */
export function runOutcomes(root: string): Record<string, string> {
  const file = JSON.parse(readFileSync(join(root, 'target/run_results.json'), 'utf8')) as {
    results: { unique_id: string; status: string; failures: number | null }[];
  };
  const out: Record<string, string> = {};
  for (const r of file.results) {
    const parts = r.unique_id.split('.');
    const key = parts[0] === 'test' ? parts.slice(0, 3).join('.') : r.unique_id;
    out[key] = parts[0] === 'test' ? `${r.status} ${r.failures ?? 0}` : r.status;
  }
  return out;
}
