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
import { HrflowError } from '../../core/errors.js';
import type { PreviousNode, PreviousState } from './state-comparison.js';

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
