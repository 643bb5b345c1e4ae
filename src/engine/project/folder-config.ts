/**
 * Folder-level defaults as in dbt_project.yml: under `models:` (and `seeds:`, `snapshots:`,
 * `tests:`), keys starting with `+` are configs applying to the folder and everything below it;
 * other keys name sub-folders. A deeper folder's value wins; `tags` accumulate and `meta`
 * merges.
 */

/** Config keys recognised without a `+` prefix, as dbt recognises them. */
const KNOWN_CONFIG_KEYS = new Set([
  'enabled',
  'materialized',
  'schema',
  'database',
  'alias',
  'tags',
  'meta',
  'docs',
  'persist_docs',
  'pre-hook',
  'post-hook',
  'pre_hook',
  'post_hook',
  'unique_key',
  'incremental_strategy',
  'on_schema_change',
  'full_refresh',
  'column_types',
  'quote_columns',
  'delimiter',
  'severity',
  'store_failures',
  'strategy',
  'updated_at',
  'check_cols',
  'hard_deletes',
  'grants',
  'contract',
  'access',
  'group',
]);

/**
 * The config a folder tree assigns to a resource at `fqn` (`[package, ...folders, name]`).
 * hrflow projects may leave out the package level; dbt projects must name it.
 */
export function folderConfigFor(
  tree: Readonly<Record<string, unknown>>,
  fqn: readonly string[],
  allowBareFolders: boolean,
): Record<string, unknown> {
  const [pkg, ...rest] = fqn;
  let config = configsAt(tree);
  let level: Readonly<Record<string, unknown>> | undefined = tree;
  const path =
    pkg !== undefined && isObject(tree[pkg])
      ? [pkg, ...rest]
      : allowBareFolders
        ? rest
        : [pkg ?? '', ...rest];

  for (const part of path) {
    const next: unknown = level?.[part];
    if (!isObject(next)) break;
    level = next;
    config = mergeConfig(config, configsAt(level));
  }
  return config;
}

/** The configs set directly at one level of a folder tree. */
function configsAt(level: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(level)) {
    if (key.startsWith('+')) {
      out[normaliseKey(key.slice(1))] = value;
    } else if (KNOWN_CONFIG_KEYS.has(key) && !isObject(value)) {
      out[normaliseKey(key)] = value;
    } else if ((key === 'meta' || key === 'docs' || key === 'persist_docs') && isObject(value)) {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Merges configs, `over` winning: `tags` become the union, `meta` merges key by key, hooks
 * accumulate, everything else is replaced.
 */
export function mergeConfig(
  base: Readonly<Record<string, unknown>>,
  over: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [rawKey, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const key = normaliseKey(rawKey);
    if (key === 'tags') {
      out.tags = [...new Set([...asStrings(out.tags), ...asStrings(value)])];
    } else if (key === 'meta' && isObject(value) && isObject(out.meta)) {
      out.meta = { ...out.meta, ...value };
    } else if ((key === 'pre_hook' || key === 'post_hook') && out[key] !== undefined) {
      out[key] = [...asItems(out[key]), ...asItems(value)];
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** dbt spells hooks `pre-hook`; hrflow keeps one spelling internally. */
function normaliseKey(key: string): string {
  return key === 'pre-hook' ? 'pre_hook' : key === 'post-hook' ? 'post_hook' : key;
}

/** A config value that may be one string or a list, as a list of strings. */
export function asStrings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const items: unknown[] = Array.isArray(value) ? value : [value];
  return items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
}

/** A hook config value (one hook or a list, each SQL text or a `{sql}` map) as a list. */
function asItems(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...(value as unknown[])] : [value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
