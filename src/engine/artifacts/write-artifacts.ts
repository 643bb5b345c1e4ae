/** Writes dbt-compatible artifacts under the target directory, atomically and redacted. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { redactor } from '../../core/redact.js';
import type { Manifest } from '../compile/manifest.js';
import type { RunResult } from '../run/results.js';
import { manifestJson } from './manifest-json.js';
import { runResultsJson } from './run-results-json.js';

export function writeManifestArtifact(targetDir: string, manifest: Manifest): void {
  writeJson(targetDir, 'manifest.json', manifestJson(manifest, new Date()));
}

export function writeRunResultsArtifact(
  targetDir: string,
  manifest: Manifest,
  result: RunResult,
  args: Readonly<Record<string, unknown>>,
): void {
  writeJson(targetDir, 'run_results.json', runResultsJson(manifest, result, args));
}

/** Writes through a temporary file and a rename, so a reader never sees half a file. */
export function writeJson(targetDir: string, name: string, value: unknown): void {
  mkdirSync(targetDir, { recursive: true });
  const path = join(targetDir, name);
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, redactor.redact(JSON.stringify(value, null, 2)));
  renameSync(tmp, path);
}
