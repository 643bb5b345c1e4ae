/**
 * The command-line selection syntax, parsed into a {@link SelectorExpr} without looking at any
 * graph. Whitespace separates selectors whose results are united; a comma joins selectors whose
 * results are intersected. Each selector is
 *
 *     [@][n]+ method:value [+[n]]      or      [@][n]+ name-or-path [+[n]]
 *
 * where a bare value is a path when it holds `/`, a file name when it ends in `.sql`, `.py` or
 * `.csv`, and a node name (`fqn:`) otherwise. Problems are reported as `selector-invalid` with
 * the 1-based column inside the offending argument and the forms that are allowed there.
 */
import { HrflowError } from '../../core/errors.js';
import type { Location } from '../../core/errors.js';
import { didYouMean } from '../../core/nearest-name.js';
import { intersectionOf, unionOf } from './selector-tree.js';
import type {
  Depth,
  MethodCriterion,
  ResourceType,
  SelectorAtom,
  SelectorExpr,
  StateCondition,
  TestType,
} from './selector-tree.js';
import { RESOURCE_TYPES, STATE_CONDITIONS } from './selector-tree.js';

/** Where the text being parsed came from, for messages. */
export interface SelectorOrigin {
  /** How the user wrote it: `--select`, `--exclude`, `selector 'nightly'`. */
  readonly label: string;
  /** The text's place in a file, for selectors written in YAML. */
  readonly location?: Location;
}

/** Reports a problem with the method name or the value of `method:value`; always throws. */
export type RejectMethod = (part: 'method' | 'value', problem: string, hint: string) => never;

/** Method names accepted before `:`, besides `config.<key>`. */
export const METHODS = [
  'fqn',
  'tag',
  'path',
  'file',
  'package',
  'source',
  'exposure',
  'resource_type',
  'test_type',
  'test_name',
  'state',
  'selector',
] as const;

/** The grammar in one paragraph, given as the hint of every syntax error. */
export const SYNTAX_HINT =
  'Write a node name or glob (stg_*), a path (models/silver), or method:value with one of ' +
  `${METHODS.join(', ')}, config.<key>; prefix + or n+ for ancestors, suffix + or +n for ` +
  'descendants, or prefix @ for descendants and their ancestors. Separate selectors with a ' +
  'space for a union and with a comma for an intersection.';

/**
 * Parses `--select` or `--exclude` arguments (each may hold several space-separated selectors)
 * into one tree: a union of intersections of atoms, with one-item unions and intersections
 * collapsed to their item.
 */
export function parseSelection(
  args: string | readonly string[],
  origin: SelectorOrigin,
): SelectorExpr {
  const list = typeof args === 'string' ? [args] : args;
  const words = list.flatMap((arg) => wordsOf(arg).map((word) => ({ ...word, arg })));
  if (words.length === 0) {
    throw new HrflowError('selector-invalid', `${origin.label} needs at least one selector`, {
      ...(origin.location ? { location: origin.location } : {}),
      hint: SYNTAX_HINT,
    });
  }
  return unionOf(words.map((word) => parseWord(word.text, { ...word, origin })));
}

/** Reads `method:value` given as two parts, as YAML definitions write it. */
export function parseMethod(name: string, value: string, reject: RejectMethod): MethodCriterion {
  if (name === 'config' || name.startsWith('config.')) {
    return parseConfigMethod(name, value, reject);
  }
  switch (name) {
    case 'fqn':
    case 'tag':
    case 'file':
    case 'package':
      return { kind: name, pattern: value };
    case 'test_name':
      return { kind: 'testName', pattern: value };
    case 'path':
      return { kind: 'path', pattern: normalizePath(value, reject) };
    case 'source':
      return parseSource(value, reject);
    case 'exposure':
      return parseExposure(value, reject);
    case 'resource_type':
      return { kind: 'resourceType', resourceType: oneOf(RESOURCE_TYPES, value, name, reject) };
    case 'test_type':
      return { kind: 'testType', testType: parseTestType(value, reject) };
    case 'state':
      return { kind: 'state', condition: oneOf(STATE_CONDITIONS, value, name, reject) };
    case 'selector':
      return { kind: 'selector', name: value };
    default:
      return reject(
        'method',
        `unknown selector method '${name}'.${didYouMean(name, [...METHODS, 'config'])}`,
        `Use one of ${METHODS.join(', ')}, or config.<key>.`,
      );
  }
}

/** The method a bare value stands for. */
export function defaultMethodOf(value: string): 'path' | 'file' | 'fqn' {
  if (value.includes('/')) return 'path';
  if (/\.(sql|py|csv)$/i.test(value)) return 'file';
  return 'fqn';
}

interface Word {
  readonly text: string;
  /** 1-based column of the word's first character in its argument. */
  readonly column: number;
}

interface Spot {
  readonly arg: string;
  readonly origin: SelectorOrigin;
}

function wordsOf(arg: string): Word[] {
  const words: Word[] = [];
  for (const match of arg.matchAll(/\S+/g)) words.push({ text: match[0], column: match.index + 1 });
  return words;
}

function parseWord(text: string, at: Spot & Word): SelectorExpr {
  const atoms: SelectorAtom[] = [];
  let start = 0;
  for (const piece of text.split(',')) {
    const column = at.column + start;
    if (piece === '') {
      const where = start === 0 ? 'before' : 'after';
      fail(at, column, `empty selector ${where} ','`, "Put a selector on each side of ','.");
    }
    atoms.push(parseAtom(piece, { ...at, column }));
    start += piece.length + 1;
  }
  return intersectionOf(atoms);
}

function parseAtom(text: string, at: Spot & Word): SelectorAtom {
  let i = 0;
  const childrensParents = text.startsWith('@');
  if (childrensParents) i = 1;

  let parents: Depth | undefined;
  // `12+` is node `12` with its descendants, not twelve generations of ancestors of nothing.
  const prefix = /^(\d*)\+(?=.)/.exec(text.slice(i));
  if (prefix) {
    if (childrensParents) {
      fail(
        at,
        at.column + i,
        "'@' cannot be combined with a '+' prefix",
        '@m already adds ancestors of the descendants; write either @m or n+m.',
      );
    }
    parents = depthOf(prefix[1] ?? '', at, at.column + i);
    i += prefix[0].length;
  }

  let end = text.length;
  let children: Depth | undefined;
  const suffix = /\+(\d*)$/.exec(text.slice(i));
  if (suffix) {
    children = depthOf(suffix[1] ?? '', at, at.column + i + suffix.index + 1);
    end = i + suffix.index;
  }

  const body = text.slice(i, end);
  if (body === '') {
    const after = i > 0 ? ` after '${text.slice(0, i)}'` : '';
    fail(at, at.column + i, `expected a node name or method:value${after}`);
  }
  const stray = body.search(/[+@]/);
  if (stray >= 0) {
    const ch = body.charAt(stray);
    const allowed = ch === '+' ? 'at the start or end of a selector' : 'at the start of a selector';
    fail(at, at.column + i + stray, `'${ch}' is only allowed ${allowed}`);
  }

  const method = parseMethodText(body, { ...at, column: at.column + i });
  return {
    kind: 'atom',
    method,
    ...(parents === undefined ? {} : { parents }),
    ...(children === undefined ? {} : { children }),
    childrensParents,
  };
}

function parseMethodText(body: string, at: Spot & Word): MethodCriterion {
  const colon = body.indexOf(':');
  if (colon < 0) {
    return parseMethod(defaultMethodOf(body), body, (_, problem, hint) =>
      fail(at, at.column, problem, hint),
    );
  }

  const name = body.slice(0, colon);
  const value = body.slice(colon + 1);
  const valueColumn = at.column + colon + 1;
  if (name === '') fail(at, at.column, "missing method name before ':'");
  if (value === '') fail(at, valueColumn, `missing value after '${name}:'`);
  return parseMethod(name, value, (part, problem, hint) =>
    fail(at, part === 'method' ? at.column : valueColumn, problem, hint),
  );
}

function depthOf(digits: string, at: Spot, column: number): Depth {
  if (digits === '') return 'all';
  const depth = Number(digits);
  if (!Number.isSafeInteger(depth)) {
    fail(at, column, `depth ${digits} is too large`, 'Leave the number out to follow every edge.');
  }
  return depth;
}

function parseConfigMethod(name: string, value: string, reject: RejectMethod): MethodCriterion {
  const key = name.split('.').slice(1);
  if (key.length === 0 || key.some((part) => part === '')) {
    return reject(
      'method',
      `'${name}' does not name a config key`,
      'Write config.<key>:<value>, such as config.materialized:table or config.meta.owner:people.',
    );
  }
  return { kind: 'config', key, pattern: value };
}

function normalizePath(value: string, reject: RejectMethod): string {
  if (value.startsWith('/')) {
    return reject(
      'value',
      `path '${value}' is absolute`,
      'Write paths relative to the project root, such as models/silver.',
    );
  }
  const segments = value.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) {
    return reject(
      'value',
      `path '${value}' leaves the project`,
      'Write paths relative to the project root, without "..".',
    );
  }
  return segments.length === 0 ? '.' : segments.join('/');
}

function parseSource(value: string, reject: RejectMethod): MethodCriterion {
  const parts = value.split('.');
  if (parts.length > 3 || parts.some((part) => part === '')) {
    return reject(
      'value',
      `'${value}' does not name a source`,
      'Write source:<source>, source:<source>.<table> or source:<package>.<source>.<table>.',
    );
  }
  const [a = '', b, c] = parts;
  if (c !== undefined && b !== undefined) {
    return { kind: 'source', package: a, source: b, table: c };
  }
  return b === undefined ? { kind: 'source', source: a } : { kind: 'source', source: a, table: b };
}

function parseExposure(value: string, reject: RejectMethod): MethodCriterion {
  const parts = value.split('.');
  if (parts.length > 2 || parts.some((part) => part === '')) {
    return reject(
      'value',
      `'${value}' does not name an exposure`,
      'Write exposure:<name> or exposure:<package>.<name>.',
    );
  }
  const [a = '', b] = parts;
  return b === undefined
    ? { kind: 'exposure', name: a }
    : { kind: 'exposure', package: a, name: b };
}

/** dbt's older names for the two test types are accepted and read as the current ones. */
const TEST_TYPE_ALIASES: Readonly<Record<string, TestType>> = {
  generic: 'generic',
  singular: 'singular',
  schema: 'generic',
  data: 'singular',
};

function parseTestType(value: string, reject: RejectMethod): TestType {
  const testType = TEST_TYPE_ALIASES[value];
  if (testType) return testType;
  return reject(
    'value',
    `unknown test type '${value}'.${didYouMean(value, ['generic', 'singular'])}`,
    'Use test_type:generic or test_type:singular.',
  );
}

function oneOf<T extends ResourceType | StateCondition>(
  allowed: readonly T[],
  value: string,
  method: string,
  reject: RejectMethod,
): T {
  const found = allowed.find((candidate) => candidate === value);
  if (found !== undefined) return found;
  return reject(
    'value',
    `'${value}' is not a valid ${method} value.${didYouMean(value, allowed)}`,
    `Use one of ${allowed.map((candidate) => `${method}:${candidate}`).join(', ')}.`,
  );
}

function fail(at: Spot, column: number, problem: string, hint: string = SYNTAX_HINT): never {
  const problemText = problem.endsWith('.') ? problem.slice(0, -1) : problem;
  throw new HrflowError(
    'selector-invalid',
    `invalid selector '${at.arg}' in ${at.origin.label} at column ${column}: ${problemText}`,
    {
      ...(at.origin.location ? { location: at.origin.location } : {}),
      hint,
      details: { selector: at.arg, column },
    },
  );
}
