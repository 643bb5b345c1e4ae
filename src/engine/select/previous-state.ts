/**
 * The previous run that `state:` selectors compare against: the `manifest.json` in the directory
 * given with `--state`. Reading it is the only IO in selection and happens here, once, before
 * evaluation; the comparisons themselves are pure.
 *
 * Only the parts selection reads are checked: `nodes`, `sources` and `exposures` keyed by id,
 * each with an optional `checksum.checksum` string and an optional `config` object, as dbt and
 * hrflow write them.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { assertNever } from '../../core/assert-never.js';
import { HrflowError } from '../../core/errors.js';
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

const STATE_HINT =
  'Pass --state the directory holding manifest.json from the run to compare with, such as a copy of the production target/ folder.';

/** Reads `DIR/manifest.json`. Throws `state-not-found` or `state-invalid`. */
export function readPreviousState(dir: string, displayDir: string = dir): PreviousState {
  if (!isDirectory(dir)) {
    throw new HrflowError('state-not-found', `--state directory ${displayDir} does not exist`, {
      hint: STATE_HINT,
    });
  }

  const displayFile = `${displayDir.replace(/\/+$/, '')}/manifest.json`;
  let text: string;
  try {
    text = readFileSync(join(dir, 'manifest.json'), 'utf8');
  } catch (cause) {
    throw new HrflowError(
      'state-not-found',
      `no manifest.json in --state directory ${displayDir}`,
      {
        cause,
        location: { file: displayFile },
        hint: STATE_HINT,
      },
    );
  }

  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (cause) {
    throw new HrflowError('state-invalid', `${displayFile} is not valid JSON: ${String(cause)}`, {
      cause,
      location: { file: displayFile },
      hint: 'Regenerate the manifest by running the previous build again.',
    });
  }
  return previousStateFromManifest(manifest, displayFile);
}

/** Checks an already-parsed manifest and keeps what `state:` needs. Throws `state-invalid`. */
export function previousStateFromManifest(manifest: unknown, manifestPath: string): PreviousState {
  if (!validateManifest(manifest)) {
    const first = validateManifest.errors?.[0];
    const where = first?.instancePath ? ` at ${first.instancePath}` : '';
    throw new HrflowError(
      'state-invalid',
      `${manifestPath} is not a manifest${where}: ${first?.message ?? 'unexpected shape'}`,
      {
        location: { file: manifestPath },
        hint: 'Point --state at a target/ directory written by hrflow or dbt.',
      },
    );
  }

  const nodes = new Map<string, PreviousNode>();
  for (const section of [manifest.nodes, manifest.sources ?? {}, manifest.exposures ?? {}]) {
    for (const [id, entry] of Object.entries(section)) {
      const checksum = entry.checksum?.checksum;
      // dbt writes an empty checksum for nodes without a body (tests); that says nothing.
      nodes.set(id, {
        ...(checksum ? { checksum } : {}),
        config: entry.config ?? {},
      });
    }
  }
  return { manifestPath, nodes };
}

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

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

interface ManifestEntry {
  readonly checksum?: { readonly checksum: string };
  readonly config?: Readonly<Record<string, unknown>>;
}

interface ManifestShape {
  readonly nodes: Readonly<Record<string, ManifestEntry>>;
  readonly sources?: Readonly<Record<string, ManifestEntry>>;
  readonly exposures?: Readonly<Record<string, ManifestEntry>>;
}

const entrySchema = {
  type: 'object',
  properties: {
    checksum: {
      type: 'object',
      required: ['checksum'],
      properties: { checksum: { type: 'string' } },
    },
    config: { type: 'object' },
  },
};

const sectionSchema = { type: 'object', additionalProperties: entrySchema };

const validateManifest = new Ajv2020({ allErrors: false, strict: false }).compile<ManifestShape>({
  type: 'object',
  required: ['nodes'],
  properties: { nodes: sectionSchema, sources: sectionSchema, exposures: sectionSchema },
});
