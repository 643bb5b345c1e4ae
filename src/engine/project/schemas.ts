/** The JSON Schemas shipped in `schemas/`, read once. Editors use the same files. */
import { readFileSync } from 'node:fs';

const cache = new Map<string, object>();

/** The parsed schema `schemas/<name>.schema.json`. */
export function schema(name: string): object {
  let found = cache.get(name);
  if (!found) {
    const url = new URL(`../../../schemas/${name}.schema.json`, import.meta.url);
    found = JSON.parse(readFileSync(url, 'utf8')) as object;
    cache.set(name, found);
  }
  return found;
}
