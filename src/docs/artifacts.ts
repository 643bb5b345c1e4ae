/**
 * The artifacts the documentation site is made from, read from a target folder and checked at
 * this edge against the parts the site uses: `manifest.json` (required), and `catalog.json`,
 * `run_results.json` and `sources.json` when they exist. Written by hrflow or by dbt; fields the
 * site does not read are left unchecked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { HrflowError } from '../core/errors.js';

/** A column as the manifest documents it. */
export interface ManifestColumn {
  readonly name: string;
  readonly description?: string;
  readonly data_type?: string | null;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly tags?: readonly string[];
}

/** A node, source or exposure of the manifest, with the fields the site reads. */
export interface ManifestEntry {
  readonly unique_id: string;
  readonly resource_type: string;
  readonly name: string;
  readonly package_name?: string;
  readonly original_file_path?: string;
  readonly patch_path?: string | null;
  readonly fqn?: readonly string[];
  readonly description?: string;
  readonly tags?: readonly string[];
  readonly config?: Readonly<Record<string, unknown>>;
  readonly meta?: Readonly<Record<string, unknown>>;
  readonly columns?: Readonly<Record<string, ManifestColumn>>;
  readonly database?: string | null;
  readonly schema?: string | null;
  readonly alias?: string | null;
  readonly identifier?: string | null;
  readonly relation_name?: string | null;
  readonly raw_code?: string;
  readonly compiled_code?: string | null;
  readonly depends_on?: { readonly nodes?: readonly string[] };
  readonly checksum?: { readonly checksum?: string };
  readonly column_name?: string | null;
  readonly attached_node?: string | null;
  readonly test_metadata?: {
    readonly name?: string;
    readonly kwargs?: Readonly<Record<string, unknown>>;
  };
  readonly source_name?: string;
  readonly source_description?: string;
  readonly loaded_at_field?: string | null;
  readonly freshness?: {
    readonly warn_after?: FreshnessRuleJson | null;
    readonly error_after?: FreshnessRuleJson | null;
    readonly filter?: string | null;
  } | null;
  readonly type?: string;
  readonly label?: string | null;
  readonly maturity?: string | null;
  readonly url?: string | null;
  readonly owner?: Readonly<Record<string, unknown>>;
}

/** `warn_after` / `error_after`; a null count or period means no rule. */
export interface FreshnessRuleJson {
  readonly count?: number | null;
  readonly period?: string | null;
}

/** `manifest.json` (dbt v12), reduced to what the site reads. */
export interface ManifestJson {
  readonly metadata?: {
    readonly project_name?: string;
    readonly generated_at?: string;
    readonly dbt_version?: string;
    readonly adapter_type?: string;
  };
  readonly nodes: Readonly<Record<string, ManifestEntry>>;
  readonly sources?: Readonly<Record<string, ManifestEntry>>;
  readonly exposures?: Readonly<Record<string, ManifestEntry>>;
}

/** One relation of `catalog.json`: its warehouse columns and stats. */
export interface CatalogEntry {
  readonly metadata?: { readonly type?: string; readonly comment?: string | null };
  readonly columns?: Readonly<
    Record<string, { readonly name: string; readonly type?: string; readonly index?: number }>
  >;
  readonly stats?: Readonly<Record<string, { readonly value?: unknown }>>;
}

/** `catalog.json` (dbt catalog v1): models, seeds and snapshots under `nodes`. */
export interface CatalogJson {
  readonly nodes?: Readonly<Record<string, CatalogEntry>>;
  readonly sources?: Readonly<Record<string, CatalogEntry>>;
}

/** One node of `run_results.json`; tests carry `failures`. */
export interface RunResultJson {
  readonly unique_id: string;
  readonly status: string;
  readonly message?: string | null;
  readonly execution_time?: number;
  readonly failures?: number | null;
  readonly compiled_code?: string | null;
  readonly timing?: readonly { readonly name?: string; readonly completed_at?: string }[];
}

/** `run_results.json` (dbt v6) of the last invocation. */
export interface RunResultsJson {
  readonly metadata?: { readonly generated_at?: string };
  readonly results: readonly RunResultJson[];
}

/** One source of `sources.json` with its freshness verdict. */
export interface FreshnessResultJson {
  readonly unique_id: string;
  readonly status: string;
  readonly max_loaded_at?: string | null;
  readonly snapshotted_at?: string | null;
  readonly max_loaded_at_time_ago_in_s?: number | null;
  readonly error?: string;
}

/** `sources.json` (dbt v3) of the last `hrflow source freshness`. */
export interface SourcesJson {
  readonly metadata?: { readonly generated_at?: string };
  readonly results: readonly FreshnessResultJson[];
}

/** Every artifact found in one target folder. */
export interface Artifacts {
  readonly manifest: ManifestJson;
  readonly catalog?: CatalogJson;
  readonly runResults?: RunResultsJson;
  readonly sources?: SourcesJson;
}

/** Reads the artifacts of `targetDir`; `displayDir` names it in messages. */
export function readArtifacts(targetDir: string, displayDir: string = targetDir): Artifacts {
  const manifest = readArtifact(targetDir, displayDir, 'manifest.json', validateManifest);
  if (!manifest) {
    throw new HrflowError('config-not-found', `no manifest.json in ${displayDir}`, {
      location: { file: join(displayDir, 'manifest.json') },
      hint: 'Run `hrflow docs generate` (or any command that compiles the project) first.',
    });
  }
  return { manifest, ...readOptionalArtifacts(targetDir, displayDir) };
}

/** The artifacts besides the manifest that `targetDir` holds. */
export function readOptionalArtifacts(
  targetDir: string,
  displayDir: string = targetDir,
): Omit<Artifacts, 'manifest'> {
  const catalog = readArtifact(targetDir, displayDir, 'catalog.json', validateCatalog);
  const runResults = readArtifact(targetDir, displayDir, 'run_results.json', validateRunResults);
  const sources = readArtifact(targetDir, displayDir, 'sources.json', validateSources);
  return {
    ...(catalog ? { catalog } : {}),
    ...(runResults ? { runResults } : {}),
    ...(sources ? { sources } : {}),
  };
}

function readArtifact<T>(
  dir: string,
  displayDir: string,
  name: string,
  validate: ValidateFunction<T>,
): T | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const display = join(displayDir, name);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new HrflowError('config-invalid', `${display} is not valid JSON`, {
      location: { file: display },
      hint: 'Delete it and run the command that writes it again.',
      cause,
    });
  }
  if (!validate(data)) {
    const first = validate.errors?.[0];
    throw new HrflowError(
      'config-invalid',
      `${display} does not have the shape of a dbt artifact: ${first?.instancePath || '/'} ${first?.message ?? ''}`.trim(),
      {
        location: { file: display },
        hint: 'Delete it and run the command that writes it again.',
      },
    );
  }
  return data;
}

const ajv = new Ajv({ strict: false, allErrors: false });
const stringMap = (values: object) => ({ type: 'object', additionalProperties: values });
const nullableString = { type: ['string', 'null'] };

const entrySchema = {
  type: 'object',
  required: ['unique_id', 'resource_type', 'name'],
  properties: {
    unique_id: { type: 'string' },
    resource_type: { type: 'string' },
    name: { type: 'string' },
    fqn: { type: 'array', items: { type: 'string' } },
    description: { type: 'string' },
    tags: { type: 'array', items: { type: 'string' } },
    config: { type: 'object' },
    meta: { type: 'object' },
    columns: stringMap({
      type: 'object',
      required: ['name'],
      properties: {
        name: { type: 'string' },
        description: { type: 'string' },
        data_type: nullableString,
        meta: { type: 'object' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    }),
    database: nullableString,
    schema: nullableString,
    alias: nullableString,
    identifier: nullableString,
    relation_name: nullableString,
    raw_code: { type: 'string' },
    compiled_code: nullableString,
    depends_on: {
      type: 'object',
      properties: { nodes: { type: 'array', items: { type: 'string' } } },
    },
    checksum: { type: 'object', properties: { checksum: { type: 'string' } } },
    column_name: nullableString,
    attached_node: nullableString,
    test_metadata: {
      type: 'object',
      properties: { name: { type: 'string' }, kwargs: { type: 'object' } },
    },
    loaded_at_field: nullableString,
    freshness: { type: ['object', 'null'] },
    owner: { type: 'object' },
  },
};

const validateManifest = ajv.compile<ManifestJson>({
  type: 'object',
  required: ['nodes'],
  properties: {
    metadata: { type: 'object' },
    nodes: stringMap(entrySchema),
    sources: stringMap(entrySchema),
    exposures: stringMap(entrySchema),
  },
});

const catalogEntry = {
  type: 'object',
  properties: {
    metadata: { type: 'object' },
    columns: stringMap({
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, type: { type: 'string' }, index: { type: 'number' } },
    }),
    stats: stringMap({ type: 'object' }),
  },
};

const validateCatalog = ajv.compile<CatalogJson>({
  type: 'object',
  properties: { nodes: stringMap(catalogEntry), sources: stringMap(catalogEntry) },
});

const validateRunResults = ajv.compile<RunResultsJson>({
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['unique_id', 'status'],
        properties: {
          unique_id: { type: 'string' },
          status: { type: 'string' },
          message: nullableString,
          execution_time: { type: 'number' },
          failures: { type: ['number', 'null'] },
          compiled_code: nullableString,
          timing: { type: 'array' },
        },
      },
    },
  },
});

const validateSources = ajv.compile<SourcesJson>({
  type: 'object',
  required: ['results'],
  properties: {
    results: {
      type: 'array',
      items: {
        type: 'object',
        required: ['unique_id', 'status'],
        properties: {
          unique_id: { type: 'string' },
          status: { type: 'string' },
          max_loaded_at: nullableString,
          snapshotted_at: nullableString,
          max_loaded_at_time_ago_in_s: { type: ['number', 'null'] },
        },
      },
    },
  },
});
