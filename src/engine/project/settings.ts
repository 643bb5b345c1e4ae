/**
 * Project settings: `hrflow.config.yaml`, or a dbt project's `dbt_project.yml` with a DuckDB
 * `profiles.yml`. Both resolve to one {@link ProjectSettings} for the chosen target, so nothing
 * downstream knows which flavour it came from except where dbt's conventions differ on purpose
 * (schema naming, the catalog name).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import nunjucks from 'nunjucks';
import { HrflowError } from '../../core/errors.js';
import { loadYaml, parseYaml } from '../../core/yaml-file.js';
import type { YamlFile } from '../../core/yaml-file.js';
import { schema } from './schemas.js';
import type { AdapterKind } from '../adapters/adapter.js';

export const CONFIG_FILE = 'hrflow.config.yaml';
export const DBT_PROJECT_FILE = 'dbt_project.yml';

/** The target a command runs against, fully resolved. */
export interface TargetSettings {
  readonly name: string;
  readonly adapter: AdapterKind;
  /** Absolute path of the DuckDB file, or `:memory:`. */
  readonly path: string;
  /** Schema for models without a `+schema` config. */
  readonly schema: string;
  readonly threads: number;
  readonly memoryLimit?: string;
  readonly host?: string;
  readonly port?: number;
  /** Physical catalog when it differs from the logical one. */
  readonly physicalCatalog?: string;
  /** Sandbox knobs when this target runs against the built-in simulators. */
  readonly sandbox?: {
    readonly seed: number;
    readonly employees?: number;
    readonly candidates?: number;
    /** The day the company is generated as of (`YYYY-MM-DD`); today when absent. */
    readonly asOf?: string;
  };
  /** Per-source parameter overrides (base_url, token_url, tenant …). */
  readonly sources: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

export interface ProjectPaths {
  readonly models: readonly string[];
  readonly seeds: readonly string[];
  readonly snapshots: readonly string[];
  readonly tests: readonly string[];
  readonly macros: readonly string[];
  readonly sources: readonly string[];
  readonly docs: readonly string[];
  readonly analyses: readonly string[];
  /** Where artifacts and compiled SQL go (`target/`), relative to the root. */
  readonly target: string;
}

/** Folder-level config trees, keyed like `models:` in dbt_project.yml. */
export interface FolderConfigs {
  readonly models: Readonly<Record<string, unknown>>;
  readonly seeds: Readonly<Record<string, unknown>>;
  readonly snapshots: Readonly<Record<string, unknown>>;
  readonly tests: Readonly<Record<string, unknown>>;
  readonly sources: Readonly<Record<string, unknown>>;
}

export interface ProjectSettings {
  /** `hrflow` for hrflow.config.yaml, `dbt` for dbt_project.yml. */
  readonly flavor: 'hrflow' | 'dbt';
  /** Absolute project root. */
  readonly root: string;
  /** The settings file, relative to the root. */
  readonly file: string;
  readonly name: string;
  readonly version?: string;
  /** Logical catalog every relation lives in. */
  readonly catalog: string;
  readonly target: TargetSettings;
  /** Every target's name, for `hrflow debug` and suggestions. */
  readonly targetNames: readonly string[];
  /** Project vars with `--vars` applied on top. */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly paths: ProjectPaths;
  readonly folderConfigs: FolderConfigs;
  /** Raw named selector definitions, validated by the selector module. */
  readonly selectors: readonly unknown[];
  readonly onRunStart: readonly string[];
  readonly onRunEnd: readonly string[];
  readonly cleanTargets: readonly string[];
  /** `serve:` block, validated by the server. */
  readonly serve: Readonly<Record<string, unknown>>;
  /** `stream:` block, validated by the stream ingester. */
  readonly stream: Readonly<Record<string, unknown>>;
  /** The settings file with positions, for errors that point into it. */
  readonly yaml: YamlFile<unknown>;
}

export interface SettingsRequest {
  readonly projectDir: string;
  readonly target?: string;
  /** `--vars` as given on the command line (YAML or JSON). */
  readonly vars?: string;
  readonly threads?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Finds and reads the project's settings for one target. */
export function loadSettings(request: SettingsRequest): ProjectSettings {
  const root = resolve(request.projectDir);
  if (existsSync(join(root, CONFIG_FILE))) return loadHrflowSettings(root, request);
  if (existsSync(join(root, DBT_PROJECT_FILE))) return loadDbtSettings(root, request);
  throw new HrflowError('config-not-found', `no ${CONFIG_FILE} or ${DBT_PROJECT_FILE} in ${root}`, {
    hint: 'Run hrflow from the project root, pass --project-dir, or create a project with `hrflow init`.',
  });
}

interface HrflowConfigFile {
  name: string;
  version?: string | number;
  catalog: string;
  default_target: string;
  targets: Record<string, RawTarget>;
  vars?: Record<string, unknown>;
  paths?: Partial<Record<keyof ProjectPaths, string | string[]>>;
  models?: Record<string, unknown>;
  seeds?: Record<string, unknown>;
  snapshots?: Record<string, unknown>;
  tests?: Record<string, unknown>;
  data_tests?: Record<string, unknown>;
  sources?: Record<string, unknown>;
  selectors?: unknown[];
  'on-run-start'?: string | string[];
  'on-run-end'?: string | string[];
  'clean-targets'?: string[];
  serve?: Record<string, unknown>;
  stream?: Record<string, unknown>;
}

interface RawTarget {
  adapter: AdapterKind;
  path?: string;
  schema?: string;
  threads?: number;
  memory_limit?: string;
  host?: string;
  port?: number;
  catalog?: string;
  sandbox?: { seed?: number; employees?: number; candidates?: number; as_of?: string };
  sources?: Record<string, Record<string, unknown>>;
}

function loadHrflowSettings(root: string, request: SettingsRequest): ProjectSettings {
  const env = request.env ?? process.env;
  const yaml = loadYaml<HrflowConfigFile>(
    join(root, CONFIG_FILE),
    CONFIG_FILE,
    schema('hrflow-config'),
    'project config',
  );
  const cfg = renderEnvVars(yaml.data, env, CONFIG_FILE);
  const targetName = request.target ?? cfg.default_target;
  const raw = pickTarget(cfg.targets, targetName, CONFIG_FILE, yaml);
  const paths = cfg.paths ?? {};
  const list = (key: keyof ProjectPaths, fallback: string): string[] =>
    asList(paths[key] ?? fallback);
  const targetDir = typeof paths.target === 'string' ? paths.target : 'target';

  return {
    flavor: 'hrflow',
    root,
    file: CONFIG_FILE,
    name: cfg.name,
    ...(cfg.version === undefined ? {} : { version: String(cfg.version) }),
    catalog: cfg.catalog,
    target: {
      name: targetName,
      adapter: raw.adapter,
      path: resolveWarehousePath(root, raw.path ?? join(targetDir, `${cfg.catalog}.duckdb`)),
      schema: raw.schema ?? 'main',
      threads: request.threads ?? raw.threads ?? 2,
      ...(raw.memory_limit ? { memoryLimit: raw.memory_limit } : {}),
      ...(raw.host ? { host: raw.host } : {}),
      ...(raw.port ? { port: raw.port } : {}),
      ...(raw.catalog ? { physicalCatalog: raw.catalog } : {}),
      ...(raw.sandbox ? { sandbox: sandboxKnobs(raw.sandbox) } : {}),
      sources: raw.sources ?? {},
    },
    targetNames: Object.keys(cfg.targets),
    vars: { ...(cfg.vars ?? {}), ...parseCliVars(request.vars) },
    paths: {
      models: list('models', 'models'),
      seeds: list('seeds', 'seeds'),
      snapshots: list('snapshots', 'snapshots'),
      tests: list('tests', 'tests'),
      macros: list('macros', 'macros'),
      sources: list('sources', 'sources'),
      docs: list('docs', 'docs'),
      analyses: list('analyses', 'analyses'),
      target: targetDir,
    },
    folderConfigs: {
      models: cfg.models ?? {},
      seeds: cfg.seeds ?? {},
      snapshots: cfg.snapshots ?? {},
      tests: { ...(cfg.tests ?? {}), ...(cfg.data_tests ?? {}) },
      sources: cfg.sources ?? {},
    },
    selectors: cfg.selectors ?? [],
    onRunStart: asList(cfg['on-run-start'] ?? []),
    onRunEnd: asList(cfg['on-run-end'] ?? []),
    cleanTargets: cfg['clean-targets'] ?? [targetDir],
    serve: cfg.serve ?? {},
    stream: cfg.stream ?? {},
    yaml,
  };
}

interface DbtProjectFile {
  name: string;
  version?: string | number;
  profile?: string;
  'model-paths'?: string[];
  'seed-paths'?: string[];
  'test-paths'?: string[];
  'macro-paths'?: string[];
  'snapshot-paths'?: string[];
  'analysis-paths'?: string[];
  'docs-paths'?: string[];
  'target-path'?: string;
  'clean-targets'?: string[];
  models?: Record<string, unknown>;
  seeds?: Record<string, unknown>;
  snapshots?: Record<string, unknown>;
  tests?: Record<string, unknown>;
  data_tests?: Record<string, unknown>;
  sources?: Record<string, unknown>;
  vars?: Record<string, unknown>;
  'on-run-start'?: string | string[];
  'on-run-end'?: string | string[];
}

interface DbtOutput {
  type: 'duckdb';
  path?: string;
  database?: string;
  schema?: string;
  threads?: number;
}

function loadDbtSettings(root: string, request: SettingsRequest): ProjectSettings {
  const env = request.env ?? process.env;
  const yaml = loadYaml<DbtProjectFile>(
    join(root, DBT_PROJECT_FILE),
    DBT_PROJECT_FILE,
    schema('dbt-project'),
    'dbt project',
  );
  const project = renderEnvVars(yaml.data, env, DBT_PROJECT_FILE);
  const profileName = project.profile ?? project.name;
  const profilesPath = findProfiles(root, env);
  const profilesYaml = loadYaml<
    Record<string, { target?: string; outputs: Record<string, DbtOutput> }>
  >(
    profilesPath,
    profilesPath.startsWith(root) ? profilesPath.slice(root.length + 1) : profilesPath,
    schema('dbt-profiles'),
    'dbt profiles',
  );
  const profiles = renderEnvVars(profilesYaml.data, env, 'profiles.yml');
  const profile = profiles[profileName];
  if (!profile) {
    throw new HrflowError(
      'config-invalid',
      `profile '${profileName}' not found in ${profilesYaml.file}`,
      {
        location: { file: profilesYaml.file },
        hint: `Add a '${profileName}:' entry with DuckDB outputs, or set 'profile:' in ${DBT_PROJECT_FILE}.`,
      },
    );
  }
  const targetName = request.target ?? profile.target ?? 'dev';
  const output = pickTarget(profile.outputs, targetName, profilesYaml.file, profilesYaml);
  const path = output.path ?? ':memory:';
  // dbt-duckdb names the attached database after the file's stem.
  const catalog =
    output.database ?? (path === ':memory:' ? 'memory' : basename(path, extname(path)));
  const targetDir = project['target-path'] ?? 'target';

  return {
    flavor: 'dbt',
    root,
    file: DBT_PROJECT_FILE,
    name: project.name,
    ...(project.version === undefined ? {} : { version: String(project.version) }),
    catalog,
    target: {
      name: targetName,
      adapter: 'duckdb',
      path: resolveWarehousePath(root, path),
      schema: output.schema ?? 'main',
      threads: request.threads ?? output.threads ?? 1,
      sources: {},
    },
    targetNames: Object.keys(profile.outputs),
    vars: { ...flattenScopedVars(project.vars ?? {}, project.name), ...parseCliVars(request.vars) },
    paths: {
      models: project['model-paths'] ?? ['models'],
      seeds: project['seed-paths'] ?? ['seeds'],
      snapshots: project['snapshot-paths'] ?? ['snapshots'],
      tests: project['test-paths'] ?? ['tests'],
      macros: project['macro-paths'] ?? ['macros'],
      sources: [],
      docs: project['docs-paths'] ?? [],
      analyses: project['analysis-paths'] ?? ['analyses'],
      target: targetDir,
    },
    folderConfigs: {
      models: project.models ?? {},
      seeds: project.seeds ?? {},
      snapshots: project.snapshots ?? {},
      tests: { ...(project.tests ?? {}), ...(project.data_tests ?? {}) },
      sources: project.sources ?? {},
    },
    selectors: [],
    onRunStart: asList(project['on-run-start'] ?? []),
    onRunEnd: asList(project['on-run-end'] ?? []),
    cleanTargets: project['clean-targets'] ?? [targetDir],
    serve: {},
    stream: {},
    yaml,
  };
}

function pickTarget<T>(
  targets: Record<string, T>,
  name: string,
  file: string,
  yaml: YamlFile<unknown>,
): T {
  const found = targets[name];
  if (found) return found;
  const names = Object.keys(targets);
  const pos = yaml.positionOf(['targets']);
  throw new HrflowError('config-invalid', `target '${name}' is not defined in ${file}`, {
    location: { file, ...(pos ? { line: pos.line, column: pos.column } : {}), yamlPath: 'targets' },
    hint: `Use one of: ${names.join(', ')}.`,
  });
}

function findProfiles(root: string, env: NodeJS.ProcessEnv): string {
  const candidates = [
    env.DBT_PROFILES_DIR ? join(env.DBT_PROFILES_DIR, 'profiles.yml') : undefined,
    join(root, 'profiles.yml'),
    join(homedir(), '.dbt', 'profiles.yml'),
  ].filter((p): p is string => p !== undefined);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new HrflowError('config-not-found', 'no profiles.yml found for this dbt project', {
      hint: 'Put a profiles.yml with a DuckDB output next to dbt_project.yml, or set DBT_PROFILES_DIR.',
    });
  }
  return found;
}

/** dbt allows `vars: {project_name: {x: 1}}` as well as flat vars; both become flat here. */
function flattenScopedVars(
  vars: Record<string, unknown>,
  project: string,
): Record<string, unknown> {
  const scoped = vars[project];
  if (scoped && typeof scoped === 'object' && !Array.isArray(scoped)) {
    const { [project]: _omit, ...rest } = vars;
    return { ...rest, ...(scoped as Record<string, unknown>) };
  }
  return vars;
}

/** Parses `--vars '{a: 1}'` (YAML or JSON). */
export function parseCliVars(text: string | undefined): Record<string, unknown> {
  if (!text) return {};
  const parsed = parseYaml<unknown>(text, '--vars').data;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new HrflowError(
      'usage-invalid',
      `--vars must be a YAML or JSON object, got ${JSON.stringify(parsed)}`,
      {
        hint: `Write --vars '{name: value}'.`,
      },
    );
  }
  return parsed as Record<string, unknown>;
}

function sandboxKnobs(
  raw: NonNullable<RawTarget['sandbox']>,
): NonNullable<TargetSettings['sandbox']> {
  return {
    seed: raw.seed ?? 42,
    ...(raw.employees !== undefined ? { employees: raw.employees } : {}),
    ...(raw.candidates !== undefined ? { candidates: raw.candidates } : {}),
    ...(raw.as_of !== undefined ? { asOf: raw.as_of } : {}),
  };
}

function resolveWarehousePath(root: string, path: string): string {
  if (path === ':memory:') return path;
  return isAbsolute(path) ? path : resolve(root, path);
}

function asList(value: string | readonly string[]): string[] {
  return typeof value === 'string' ? [value] : [...value];
}

/** Keys whose values are hooks, rendered when they run rather than when settings load. */
const HOOK_KEY = /^(on-run-start|on-run-end|\+?(pre|post)[-_]hook)$/;

const envOnly = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });

/**
 * Settings files may read environment variables as dbt's do: `{{ env_var('NAME', 'default') }}`.
 * Only string values containing `{{` are rendered. Hooks are left as written: like dbt, hrflow
 * renders them when they run, where `this`, `target` and the rest are known.
 */
function renderEnvVars<T>(value: T, env: NodeJS.ProcessEnv, file: string): T {
  const envVar = (name: string, fallback?: unknown): unknown => {
    const found = env[name];
    if (found !== undefined) return found;
    if (fallback !== undefined) return fallback;
    throw new HrflowError('env-var-missing', `environment variable ${name} is not set`, {
      location: { file },
      hint: `Set ${name}, or give a default: env_var('${name}', 'value').`,
    });
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && v.includes('{{')) {
      return envOnly.renderString(v, { env_var: envVar });
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([k, x]) => [k, HOOK_KEY.test(k) ? x : walk(x)]),
      );
    }
    return v;
  };
  try {
    return walk(value) as T;
  } catch (error) {
    if (error instanceof HrflowError) throw error;
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof HrflowError) throw cause;
    throw new HrflowError('template-error', `cannot render ${file}: ${(error as Error).message}`, {
      location: { file },
      cause: error,
    });
  }
}
