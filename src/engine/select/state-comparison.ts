/**
 * What `state:` selectors compare: a node of the current project against what the previous
 * manifest recorded about it. Pure, so selection can run where no file system is, such as the
 * documentation site; reading the previous manifest lives in `previous-state.ts`.
 */
import { assertNever } from '../../core/assert-never.js';
import type { StateCondition } from './selector-tree.js';
import type { SelectableNode } from './selection-graph.js';

/** What the previous manifest recorded about one node. */
export interface PreviousNode {
  /** Body checksum; absent when the manifest recorded none, as dbt does for sources. */
  readonly checksum?: string;
  readonly config: Readonly<Record<string, unknown>>;
}

/** The previous manifest, reduced to what `state:` needs. */
export interface PreviousState {
  /** The manifest file as the user named it, for messages. */
  readonly manifestPath: string;
  /** Nodes, sources and exposures by id. */
  readonly nodes: ReadonlyMap<string, PreviousNode>;
}

/**
 * Config keys that `state:modified.configs` does not compare. The relation's database, schema
 * and alias differ by target (a prod manifest against a dev run), and tags and group change no
 * built relation; dbt leaves the same keys out.
 */
export const IGNORED_CONFIG_KEYS: readonly string[] = [
  'alias',
  'schema',
  'database',
  'tags',
  'group',
];

/**
 * Whether a node meets a `state:` condition. A node absent from the previous manifest is new,
 * and a new node counts as modified in every sense, as in dbt.
 */
export function meetsStateCondition(
  condition: StateCondition,
  node: SelectableNode,
  previous: PreviousNode | undefined,
  ignoredConfigKeys: ReadonlySet<string>,
): boolean {
  const bodyChanged = (): boolean =>
    previous === undefined ||
    (previous.checksum !== undefined && previous.checksum !== node.checksum);
  const configChanged = (): boolean =>
    previous === undefined || !sameConfig(previous.config, node.config, ignoredConfigKeys);

  switch (condition) {
    case 'new':
      return previous === undefined;
    case 'old':
      return previous !== undefined;
    case 'modified':
      return bodyChanged() || configChanged();
    case 'modified.body':
      return bodyChanged();
    case 'modified.configs':
      return configChanged();
    case 'unmodified':
      return !bodyChanged() && !configChanged();
    default:
      return assertNever(condition, 'state condition');
  }
}

/**
 * Structural equality of two configs, leaving out ignored top-level keys. An absent key equals
 * `null` at any depth, because manifests write unset options as `null` while loaders omit them.
 */
export function sameConfig(
  a: Readonly<Record<string, unknown>>,
  b: Readonly<Record<string, unknown>>,
  ignoredKeys: ReadonlySet<string> = new Set(IGNORED_CONFIG_KEYS),
): boolean {
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!ignoredKeys.has(key) && !sameValue(a[key], b[key])) return false;
  }
  return true;
}

function sameValue(a: unknown, b: unknown): boolean {
  const x = a ?? null;
  const y = b ?? null;
  if (x === y) return true;
  if (Array.isArray(x) || Array.isArray(y)) {
    return (
      Array.isArray(x) &&
      Array.isArray(y) &&
      x.length === y.length &&
      x.every((item, i) => sameValue(item, y[i]))
    );
  }
  if (isRecord(x) && isRecord(y)) return sameConfig(x, y, new Set());
  return false;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
