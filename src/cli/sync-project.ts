/**
 * The little the sync command needs from a project until the engine's project loader takes
 * over: the source specs in `sources/`, and from `hrflow.config.yaml` the target's warehouse
 * and its source parameter overrides (`targets.<t>.sources.<source>.<param>`). Keys this reader
 * does not know are left for the engine to judge.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HrflowError } from '../core/errors.js';
import { readYaml } from '../core/yaml-file.js';
import { loadSourceSpecs } from '../connectors/spec/load-spec.js';
import type { SourceOverrides } from '../connectors/spec/resolve-source.js';
import type { SourceSpec } from '../connectors/spec/source-spec.js';

export interface SyncProject {
  readonly specs: readonly SourceSpec[];
  readonly target: string;
  readonly overrides: Readonly<Record<string, SourceOverrides>>;
  readonly warehouse: { readonly path: string; readonly catalog: string };
}

interface ConfigShape {
  readonly name?: unknown;
  readonly default_target?: unknown;
  readonly targets?: Record<
    string,
    { warehouse?: unknown; catalog?: unknown; sources?: unknown } | undefined
  >;
}

export function loadSyncProject(projectDir: string, target: string | undefined): SyncProject {
  const configPath = join(projectDir, 'hrflow.config.yaml');
  const config: ConfigShape = existsSync(configPath)
    ? (readYaml<ConfigShape>(configPath, 'hrflow.config.yaml').data ?? {})
    : {};
  const name =
    target ?? (typeof config.default_target === 'string' ? config.default_target : 'dev');
  const targetConfig = config.targets?.[name];
  if (config.targets && !targetConfig && target !== undefined) {
    throw new HrflowError('config-invalid', `hrflow.config.yaml has no target '${name}'`, {
      location: { file: 'hrflow.config.yaml', yamlPath: 'targets' },
      hint: `Use one of: ${Object.keys(config.targets).join(', ')}.`,
    });
  }
  const sources = isRecord(targetConfig?.sources) ? targetConfig.sources : {};
  const overrides: Record<string, SourceOverrides> = {};
  for (const [source, params] of Object.entries(sources)) {
    if (!isRecord(params)) continue;
    overrides[source] = Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string | number | boolean] =>
        ['string', 'number', 'boolean'].includes(typeof e[1]),
      ),
    );
  }
  const warehouse =
    typeof targetConfig?.warehouse === 'string'
      ? targetConfig.warehouse
      : join('target', `${name}.duckdb`);
  const catalog = typeof targetConfig?.catalog === 'string' ? targetConfig.catalog : `hr_${name}`;
  return {
    specs: loadSourceSpecs(join(projectDir, 'sources'), projectDir),
    target: name,
    overrides,
    warehouse: { path: resolve(projectDir, warehouse), catalog },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
