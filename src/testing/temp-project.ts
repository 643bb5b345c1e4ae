/** Throwaway projects on disk for tests: write files, get a root, clean up. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempProject {
  readonly root: string;
  write(path: string, content: string): void;
  remove(): void;
}

/** Creates a project directory with the given files (path → content). */
export function tempProject(files: Record<string, string>): TempProject {
  const root = mkdtempSync(join(tmpdir(), 'hrflow-test-'));
  const write = (path: string, content: string): void => {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  };
  for (const [path, content] of Object.entries(files)) write(path, content);
  return { root, write, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** A minimal hrflow.config.yaml with a file warehouse under target/. */
export function hrflowConfig(extra = ''): string {
  return `name: demo
catalog: hr_prod
targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: 2
${extra}`;
}
