/**
 * YAML at the edge: parse with positions, validate once against a JSON Schema with ajv, and turn
 * every problem into a `config-invalid` (or `yaml-syntax`) error naming `file:line:col`, the YAML
 * path, the offending value and a fix. Code behind this edge works with typed, trusted data.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isMap, isNode, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import { HrflowError } from './errors.js';

/** A parsed YAML file that can still answer "where is this value?" */
export interface YamlFile<T> {
  readonly file: string;
  readonly data: T;
  /** 1-based line and column of the value at a JSON-pointer-like path, when known. */
  positionOf(path: readonly (string | number)[]): { line: number; column: number } | undefined;
}

// ajv-formats is a CommonJS module whose default export lands on `.default` under NodeNext.
const addFormats = addFormatsModule.default;

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: true });
addFormats(ajv);
const compiled = new Map<object, ValidateFunction>();

/** Parses YAML text; throws `yaml-syntax` with the position of the first syntax error. */
export function parseYaml<T = unknown>(text: string, file: string): YamlFile<T> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const pos = lineCounter.linePos(first.pos[0]);
    throw new HrflowError('yaml-syntax', `YAML syntax error: ${firstLine(first.message)}`, {
      location: { file, line: pos.line, column: pos.col },
      hint: 'Fix the YAML at that position (indentation, a missing colon, or an unquoted special character are the usual causes).',
    });
  }
  return {
    file,
    data: (doc.toJS({ maxAliasCount: 1000 }) ?? {}) as T,
    positionOf: (path) => positionIn(doc, lineCounter, path),
  };
}

/** Reads and parses a YAML file. */
export function readYaml<T = unknown>(path: string, displayPath = path): YamlFile<T> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new HrflowError('config-not-found', `cannot read ${displayPath}`, {
      cause,
      location: { file: displayPath },
      hint: 'Check that the file exists and is readable.',
    });
  }
  return parseYaml<T>(text, displayPath);
}

/**
 * Validates a parsed file against a JSON Schema. Fills schema defaults in place. Throws one
 * `config-invalid` error describing the most specific problem, with the others in `details`.
 */
export function validateYaml<T>(
  yaml: YamlFile<unknown>,
  schema: object,
  what: string,
): YamlFile<T> {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(yaml.data)) return yaml as YamlFile<T>;

  const problems = mostSpecific(validate.errors ?? []).map((e) => describe(e, yaml));
  const [head] = problems;
  if (!head) {
    throw new HrflowError('config-invalid', `${what} is invalid`, {
      location: { file: yaml.file },
    });
  }
  throw new HrflowError('config-invalid', `${what}: ${head.message}`, {
    location: { file: yaml.file, line: head.line, column: head.column, yamlPath: head.yamlPath },
    hint: head.hint,
    details: { problems: problems.map((p) => `${p.yamlPath}: ${p.message}`) },
  });
}

/** Parses, reads and validates in one step. */
export function loadYaml<T>(
  path: string,
  displayPath: string,
  schema: object,
  what: string,
): YamlFile<T> {
  return validateYaml<T>(readYaml(path, displayPath), schema, what);
}

interface Problem {
  readonly message: string;
  readonly yamlPath: string;
  readonly line?: number;
  readonly column?: number;
  readonly hint: string;
}

function describe(error: ErrorObject, yaml: YamlFile<unknown>): Problem {
  const path = pointerToPath(error.instancePath);
  const value = valueAt(yaml.data, path);
  const yamlPath = formatYamlPath(path);
  const pos = yaml.positionOf(path);
  const shown = value === undefined ? '' : ` (got ${JSON.stringify(value)?.slice(0, 80)})`;
  const { message, hint } = explain(error, shown);
  return { message, yamlPath, hint, ...(pos ? { line: pos.line, column: pos.column } : {}) };
}

function explain(error: ErrorObject, shown: string): { message: string; hint: string } {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(p.additionalProperty);
      return {
        message: `unknown key '${key}'`,
        hint: `Remove '${key}' or check its spelling against the schema's allowed keys.`,
      };
    }
    case 'required':
      return {
        message: `missing required key '${String(p.missingProperty)}'`,
        hint: `Add '${String(p.missingProperty)}'.`,
      };
    case 'enum':
      return {
        message: `value must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}${shown}`,
        hint: 'Use one of the allowed values.',
      };
    case 'type':
      return {
        message: `must be ${String(p.type)}${shown}`,
        hint: `Write a ${String(p.type)} here.`,
      };
    case 'pattern':
      return {
        message: `does not match the pattern ${String(p.pattern)}${shown}`,
        hint: 'Change the value to the expected form.',
      };
    default:
      return {
        message: `${error.message ?? 'is invalid'}${shown}`,
        hint: 'See the JSON Schema for this file.',
      };
  }
}

/** Prefer the deepest errors, and drop the noise of `anyOf`/`oneOf` wrappers. */
function mostSpecific(errors: readonly ErrorObject[]): ErrorObject[] {
  const meaningful = errors.filter(
    (e) => !['anyOf', 'oneOf', 'if', 'then', 'else'].includes(e.keyword),
  );
  const pool = meaningful.length > 0 ? meaningful : [...errors];
  const depth = (e: ErrorObject): number => e.instancePath.split('/').length;
  return [...pool].sort((a, b) => depth(b) - depth(a));
}

function pointerToPath(pointer: string): (string | number)[] {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `models[2].columns[0].tests` */
export function formatYamlPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  return out || '(root)';
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur: unknown = data;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[part];
  }
  return cur;
}

function positionIn(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly (string | number)[],
): { line: number; column: number } | undefined {
  let node: unknown = doc.contents;
  let best: YamlNode | undefined = isNode(node) ? node : undefined;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isNode(item.key) && (item.key as { value?: unknown }).value === part,
      );
      if (!pair) break;
      node = pair.value;
      best = isNode(pair.value) ? pair.value : isNode(pair.key) ? pair.key : best;
    } else if (isSeq(node) && typeof part === 'number') {
      node = node.items[part];
      if (isNode(node)) best = node;
    } else {
      break;
    }
  }
  const start = best?.range?.[0];
  if (start === undefined) return undefined;
  const pos = lineCounter.linePos(start);
  return { line: pos.line, column: pos.col };
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
