/**
 * Reading source specs at the edge: YAML with positions, validated once against
 * `schemas/source-spec.schema.json`, then the checks a JSON Schema cannot express (parent streams
 * exist and form no cycle, placeholders name something real, durations parse), each reported
 * as `source-spec-invalid` at `file:line:col` with the YAML path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { HrflowError } from '../../core/errors.js';
import { formatYamlPath, parseYaml, validateYaml } from '../../core/yaml-file.js';
import type { YamlFile } from '../../core/yaml-file.js';
import { parseDuration } from './duration.js';
import type { SourceSpec, StreamSpec } from './source-spec.js';
import { parseTemplate, templateNames } from './template.js';

/** The JSON Schema of source specs, read from the package's `schemas/` folder. */
export const SOURCE_SPEC_SCHEMA: object = JSON.parse(
  readFileSync(new URL('../../../schemas/source-spec.schema.json', import.meta.url), 'utf8'),
) as object;

/** Placeholders the runtime fills; anything else must be a declared parameter. */
export const RUNTIME_PLACEHOLDERS = [
  'start',
  'end',
  'start_date',
  'end_date',
  'run_started_at',
  'run_date',
  'page',
  'page_size',
  'offset',
  'limit',
] as const;

/** Parses and checks spec text; `file` is how messages name it. */
export function parseSourceSpec(text: string, file: string): SourceSpec {
  const yaml = validateYaml<SourceSpec>(parseYaml(text, file), SOURCE_SPEC_SCHEMA, 'source spec');
  checkSemantics(yaml);
  return yaml.data;
}

/** Reads one spec file. */
export function loadSourceSpec(path: string, displayPath = path): SourceSpec {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new HrflowError('config-not-found', `cannot read ${displayPath}`, {
      cause,
      location: { file: displayPath },
      hint: 'Check that the source spec exists and is readable.',
    });
  }
  return parseSourceSpec(text, displayPath);
}

/** Reads every `*.yaml` / `*.yml` in `dir` (the project's `sources/`), sorted by file name. */
export function loadSourceSpecs(dir: string, projectDir = dir): SourceSpec[] {
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  } catch {
    return [];
  }
  const specs = names
    .sort()
    .map((n) => loadSourceSpec(join(dir, n), relative(projectDir, join(dir, n))));
  const seen = new Map<string, number>();
  specs.forEach((spec, i) => {
    const before = seen.get(spec.name);
    if (before !== undefined) {
      throw new HrflowError('source-spec-invalid', `two source specs are named '${spec.name}'`, {
        location: { file: names[i] },
        hint: `Rename one of ${names[before]} and ${names[i]}.`,
      });
    }
    seen.set(spec.name, i);
  });
  return specs;
}

function checkSemantics(yaml: YamlFile<SourceSpec>): void {
  const spec = yaml.data;
  const fail = (path: (string | number)[], message: string, hint: string): never => {
    const pos = yaml.positionOf(path);
    throw new HrflowError('source-spec-invalid', `source spec: ${message}`, {
      location: {
        file: yaml.file,
        yamlPath: formatYamlPath(path),
        ...(pos ? { line: pos.line, column: pos.column } : {}),
      },
      hint,
    });
  };
  const params = new Set(Object.keys(spec.parameters ?? {}));

  const checkTemplate = (
    path: (string | number)[],
    text: string,
    allowed: 'params' | 'runtime' | 'child',
  ): void => {
    let names: string[];
    try {
      names = templateNames(parseTemplate(text, formatYamlPath(path)));
    } catch (error) {
      fail(
        path,
        (error as Error).message,
        'Write placeholders as {name}; {{ and }} are literal braces.',
      );
      return;
    }
    for (const name of names) {
      if (params.has(name)) continue;
      const runtime =
        (RUNTIME_PLACEHOLDERS as readonly string[]).includes(name) || name.startsWith('record.');
      if (allowed !== 'params' && runtime) continue;
      if (allowed === 'child' && name.startsWith('parent.')) continue;
      fail(
        path,
        `unknown placeholder {${name}}`,
        allowed === 'params'
          ? `Only parameters may appear here; declare '${name}' under parameters.`
          : `Declare '${name}' under parameters, or use a runtime placeholder (${RUNTIME_PLACEHOLDERS.join(', ')}, parent.<field> in child streams, record.<field>).`,
      );
    }
  };
  const checkDuration = (path: (string | number)[], text: string | undefined): void => {
    if (text === undefined) return;
    try {
      parseDuration(text, formatYamlPath(path));
    } catch (error) {
      fail(
        path,
        (error as Error).message,
        'Write a whole number and a unit: 250ms, 30s, 5m, 1h or 7d.',
      );
    }
  };

  checkTemplate(['base_url'], spec.base_url, 'params');
  if (spec.auth.kind === 'oauth2_client_credentials' || spec.auth.kind === 'oauth2_refresh_token') {
    checkTemplate(['auth', 'token_url'], spec.auth.token_url, 'params');
  }
  for (const [key, value] of Object.entries(spec.headers ?? {})) {
    checkTemplate(['headers', key], value, 'params');
  }

  const streams = spec.streams;
  for (const [name, stream] of Object.entries(streams)) {
    const at = (...rest: (string | number)[]): (string | number)[] => ['streams', name, ...rest];
    const scope = stream.parent ? 'child' : 'runtime';
    checkTemplate(at('path'), stream.path, scope);
    for (const [k, v] of Object.entries(stream.params ?? {})) {
      checkTemplate(at('params', k), v, scope);
    }
    for (const [k, v] of Object.entries(stream.headers ?? {})) {
      checkTemplate(at('headers', k), v, scope);
    }
    if (stream.body) checkTemplate(at('body', 'template'), stream.body.template, scope);
    if (typeof stream.enabled === 'string') checkTemplate(at('enabled'), stream.enabled, 'params');
    if (stream.effective_date) checkTemplate(at('effective_date'), stream.effective_date, scope);
    if (stream.entered_at) checkTemplate(at('entered_at'), stream.entered_at, scope);
    stream.primary_key.forEach((part, i) => {
      if (part.includes('{')) checkTemplate(at('primary_key', i), part, scope);
      if (part.startsWith('$parent.') && !stream.parent) {
        fail(
          at('primary_key', i),
          `'${part}' reads a parent, but the stream has none`,
          'Add parent: or key on the record.',
        );
      }
    });
    if (stream.incremental) {
      for (const [k, v] of Object.entries(stream.incremental.params ?? {})) {
        checkTemplate(at('incremental', 'params', k), v, scope);
      }
      checkDuration(at('incremental', 'lookback'), stream.incremental.lookback);
      checkDuration(at('incremental', 'end_lag'), stream.incremental.end_lag);
      checkDuration(at('incremental', 'full_refresh_every'), stream.incremental.full_refresh_every);
      if (stream.parent) {
        fail(
          at('incremental'),
          'a child stream cannot be incremental',
          'Child streams are re-read for every parent record; make the parent incremental instead.',
        );
      }
    }
    if (stream.reconcile) {
      checkDuration(at('reconcile', 'every'), stream.reconcile.every);
      if (!stream.incremental) {
        fail(
          at('reconcile'),
          'reconcile is for incremental streams',
          'For a full-refresh stream write track_deletes: true.',
        );
      }
    }
    for (const by of Object.keys(stream.lookup?.by ?? {})) {
      if (!(by in streams)) {
        fail(
          at('lookup', 'by', by),
          `no stream named '${by}' to look ${name} up by`,
          `Name a stream of this source: ${Object.keys(streams).join(', ')}.`,
        );
      }
    }
    if (stream.lookup && stream.parent) {
      fail(
        at('lookup'),
        'a child stream cannot be looked up by id',
        'Give the lookup to the parent stream; its records fan out to the child as usual.',
      );
    }
    if (stream.parent) checkParent(name, stream, streams, at, fail);
  }
}

function checkParent(
  name: string,
  stream: StreamSpec,
  streams: Readonly<Record<string, StreamSpec>>,
  at: (...rest: (string | number)[]) => (string | number)[],
  fail: (path: (string | number)[], message: string, hint: string) => never,
): void {
  const parentName = stream.parent?.stream ?? '';
  if (!streams[parentName]) {
    fail(
      at('parent', 'stream'),
      `unknown parent stream '${parentName}'`,
      `Use one of: ${Object.keys(streams).join(', ')}.`,
    );
  }
  const seen = new Set([name]);
  let cursor: string | undefined = parentName;
  while (cursor) {
    if (seen.has(cursor)) {
      fail(
        at('parent', 'stream'),
        `parent streams form a cycle through '${cursor}'`,
        'A stream cannot be its own ancestor.',
      );
    }
    seen.add(cursor);
    cursor = streams[cursor]?.parent?.stream;
  }
}
