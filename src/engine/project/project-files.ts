/**
 * The files of a project folder, found in a stable order, and the names a node takes from its
 * path.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One file under a resource folder, read on demand. */
export interface ProjectFile {
  readonly abs: string;
  /** Relative to the project root. */
  readonly rel: string;
  /** Relative to the resource folder (`models/`). */
  readonly relToDir: string;
  read(): string;
}

/**
 * Every file under `root/dir` whose name ends with one of `extensions`, sorted by path; hidden
 * files and folders are skipped and a missing folder yields nothing.
 */
export function* walkProjectFolder(
  root: string,
  dir: string,
  extensions: readonly string[],
): Generator<ProjectFile> {
  const absDir = join(root, dir);
  if (!existsSync(absDir)) return;
  const stack = [absDir];
  const found: string[] = [];
  while (stack.length > 0) {
    const current = stack.pop() as string;
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const abs = join(current, entry.name);
      if (entry.isDirectory()) {
        stack.push(abs);
      } else if (extensions.some((ext) => entry.name.endsWith(ext)) && statSync(abs).isFile()) {
        found.push(abs);
      }
    }
  }
  for (const abs of found.sort()) {
    yield {
      abs,
      rel: toPosix(relative(root, abs)),
      relToDir: toPosix(relative(absDir, abs)),
      read: () => readFileSync(abs, 'utf8'),
    };
  }
}

/** A file's name without folder or extension: the node's name. */
export function baseName(path: string): string {
  const file = path.split('/').pop() ?? path;
  return file.replace(/\.[^.]+$/, '');
}

/** The folders between the resource folder and the file: the middle of the node's fqn. */
export function folders(relToDir: string): string[] {
  return relToDir.split('/').slice(0, -1);
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
