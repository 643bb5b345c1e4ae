/**
 * How a CLI command finds the server that holds its warehouse: `hrflow serve` writes
 * `<target>/.hrflow-serve.json` (mode 0600: it holds a token that lets the local user submit
 * jobs) and removes it on shutdown. A file left by a crash names a dead pid and is ignored.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DISCOVERY_FILE = '.hrflow-serve.json';

export interface Discovery {
  readonly pid: number;
  readonly host: string;
  readonly port: number;
  /** Bearer token for `/api/jobs`, known only to users who can read this file. */
  readonly token: string;
  /** Absolute path of the warehouse file the server holds. */
  readonly warehouse: string;
  readonly startedAt: string;
}

export function newLocalToken(): string {
  return randomBytes(32).toString('base64url');
}

export function discoveryPath(targetDir: string): string {
  return join(targetDir, DISCOVERY_FILE);
}

/** Writes the file atomically with mode 0600. */
export function writeDiscovery(targetDir: string, discovery: Discovery): void {
  const path = discoveryPath(targetDir);
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(discovery, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, path);
}

/** The file's content when it is well-formed, else undefined. */
export function readDiscovery(targetDir: string): Discovery | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(discoveryPath(targetDir), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const d = parsed as Record<string, unknown>;
  if (
    typeof d.pid !== 'number' ||
    typeof d.host !== 'string' ||
    typeof d.port !== 'number' ||
    typeof d.token !== 'string' ||
    typeof d.warehouse !== 'string' ||
    typeof d.startedAt !== 'string'
  ) {
    return undefined;
  }
  return {
    pid: d.pid,
    host: d.host,
    port: d.port,
    token: d.token,
    warehouse: d.warehouse,
    startedAt: d.startedAt,
  };
}

/** Removes the file if it still names this process. */
export function removeDiscovery(targetDir: string, pid = process.pid): void {
  if (readDiscovery(targetDir)?.pid === pid) rmSync(discoveryPath(targetDir), { force: true });
}

/** True when a process with this pid exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
