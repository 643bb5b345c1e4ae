/**
 * Where dbt's Jinja and Nunjucks differ, hrflow either closes the gap or fails loudly; it never
 * renders silently different SQL. Closed gaps: `{% do %}`, `True/False/None`, Python list and
 * dict methods, the common Python string methods, values printed as Python prints them
 * (`True`, `['a', 'b']`), `namespace()`, `tojson`/`fromjson` and dbt's `as_*` filters. Loud failures: Python `%` formatting, `{% set ns.attr = … %}`, dbt-only block
 * tags (`materialization`) — each a `jinja-unsupported` error with the alternative.
 */
import nunjucks from 'nunjucks';
import { HrflowError } from '../../core/errors.js';
import { isPlainObject, pythonStr } from './python-text.js';

type Runtime = typeof nunjucks.runtime & {
  memberLookup: (obj: unknown, key: unknown, autoescape?: boolean) => unknown;
  suppressValue: (value: unknown, autoescape: boolean) => unknown;
  hrflowMod?: (left: unknown, right: unknown) => number;
  hrflowConcat?: (left: unknown, right: unknown) => string;
};

/** Python `str` methods dbt projects use, spelled for JavaScript strings. */
const STRING_METHODS: Record<string, (s: string, ...args: never[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  strip: (s, chars?: string) => (chars === undefined ? s.trim() : trimChars(s, chars, true, true)),
  lstrip: (s, chars?: string) =>
    chars === undefined ? s.trimStart() : trimChars(s, chars, true, false),
  rstrip: (s, chars?: string) =>
    chars === undefined ? s.trimEnd() : trimChars(s, chars, false, true),
  split: (s, sep?: string, max?: number) => pySplit(s, sep, max),
  replace: (s, from: string, to: string) => s.split(from).join(to),
  startswith: (s, prefix: string) => s.startsWith(prefix),
  endswith: (s, suffix: string) => s.endsWith(suffix),
  title: (s) => s.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  join: (s, items: unknown[]) => items.map(String).join(s),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  find: (s, sub: string) => s.indexOf(sub),
  count: (s, sub: string) => (sub === '' ? s.length + 1 : s.split(sub).length - 1),
  zfill: (s, width: number) => s.padStart(width, '0'),
};

let installed = false;

/** Patches the Nunjucks runtime and compiler once per process. */
export function installJinjaCompat(): void {
  if (installed) return;
  installed = true;
  nunjucks.installJinjaCompat();

  const runtime = nunjucks.runtime as Runtime;
  const baseLookup = runtime.memberLookup;
  runtime.memberLookup = function memberLookup(obj, key, autoescape) {
    if (typeof obj === 'string' && typeof key === 'string' && Object.hasOwn(STRING_METHODS, key)) {
      const method = STRING_METHODS[key] as (s: string, ...args: unknown[]) => unknown;
      return (...args: unknown[]) => method(obj, ...args);
    }
    return baseLookup.call(this, obj, key, autoescape);
  };

  // What `{{ }}` prints and `~` joins: Python's str() of the value, as in dbt's Jinja.
  const baseSuppress = runtime.suppressValue;
  runtime.suppressValue = (value, autoescape) =>
    baseSuppress(
      typeof value === 'boolean' || Array.isArray(value) || isPlainObject(value)
        ? pythonStr(value)
        : value,
      autoescape,
    );
  runtime.hrflowConcat = (left, right) => concatText(left) + concatText(right);

  runtime.hrflowMod = (left, right) => {
    if (typeof left === 'string') {
      throw new HrflowError(
        'jinja-unsupported',
        "Python '%' string formatting is not supported in hrflow templates",
        { hint: "Build the string with '~' concatenation, e.g. 'a_' ~ name." },
      );
    }
    return (left as number) % (right as number);
  };
  const compiler = (nunjucks as unknown as { compiler: { Compiler: { prototype: CompilerProto } } })
    .compiler.Compiler.prototype;
  compiler.compileConcat = function compileConcat(node, frame) {
    this._emit('runtime.hrflowConcat(');
    this.compile(node.left, frame);
    this._emit(',');
    this.compile(node.right, frame);
    this._emit(')');
  };
  compiler.compileMod = function compileMod(node, frame) {
    this._emit('runtime.hrflowMod(');
    this.compile(node.left, frame);
    this._emit(',');
    this.compile(node.right, frame);
    this._emit(')');
  };
}

interface CompilerProto {
  compileMod(this: CompilerProto, node: { left: unknown; right: unknown }, frame: unknown): void;
  compileConcat(this: CompilerProto, node: { left: unknown; right: unknown }, frame: unknown): void;
  _emit(code: string): void;
  compile(node: unknown, frame: unknown): void;
}

/** Filters dbt projects rely on that Nunjucks lacks. */
export const COMPAT_FILTERS: Record<string, (...args: never[]) => unknown> = {
  tojson: (value: unknown) => JSON.stringify(value),
  fromjson: (value: string) => JSON.parse(value) as unknown,
  as_text: (value: unknown) => (value === null || value === undefined ? '' : `${value as string}`),
  as_bool: (value: unknown) =>
    value === true || (typeof value === 'string' && value.toLowerCase() === 'true'),
  as_number: (value: unknown) => Number(value),
  as_native: (value: unknown) => value,
  unique: (value: unknown[]) => [...new Set(value)],
};

/** `{% do expr %}`: evaluates an expression for its side effect and outputs nothing. */
export class DoExtension {
  readonly tags = ['do'];

  parse(parser: NunjucksParser, nodes: NunjucksNodes): unknown {
    const token = parser.nextToken();
    const args = new nodes.NodeList(token.lineno, token.colno);
    args.addChild(parser.parseExpression());
    parser.advanceAfterBlockEnd(token.value);
    return new nodes.CallExtension(this, 'run', args, []);
  }

  run(_context: unknown, _value: unknown): string {
    return '';
  }
}

interface NunjucksParser {
  nextToken(): { value: string; lineno: number; colno: number };
  parseExpression(): unknown;
  advanceAfterBlockEnd(name: string): void;
}

interface NunjucksNodes {
  NodeList: new (lineno: number, colno: number) => { addChild(node: unknown): void };
  CallExtension: new (ext: object, method: string, args: unknown, body: unknown[]) => unknown;
}

/**
 * Source-level rewrites and checks before compiling: dbt's `{% test %}` blocks become macros
 * named `test_<name>`; constructs Nunjucks would misread raise `jinja-unsupported` with a line.
 */
export function preprocessTemplate(source: string, file: string): string {
  const checks: [RegExp, string, string][] = [
    [
      /\{%-?\s*set\s+[A-Za-z_]\w*\.\w+\s*=/,
      'assigning to an attribute ({% set ns.x = … %})',
      "Keep the value in a dict and update it with {% do ns.update({'x': value}) %}.",
    ],
    [
      /\{%-?\s*materialization\b/,
      'custom materializations',
      'Use one of the built-in materializations (view, table, incremental, ephemeral).',
    ],
  ];
  for (const [pattern, what, hint] of checks) {
    const match = pattern.exec(source);
    if (match) {
      const line = source.slice(0, match.index).split('\n').length;
      throw new HrflowError(
        'jinja-unsupported',
        `${what} is not supported by hrflow's templating`,
        {
          location: { file, line },
          hint,
        },
      );
    }
  }
  return source
    .replace(/\{%(-?)\s*test\s+([A-Za-z_]\w*)\s*\(/g, '{%$1 macro test_$2(')
    .replace(/\{%(-?)\s*endtest\s*(-?)%\}/g, '{%$1 endmacro $2%}');
}

/** One operand of `~`: Python's str(), with an undefined name as empty text as Jinja has it. */
function concatText(value: unknown): string {
  if (value === undefined) return '';
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    !isPlainObject(value)
  ) {
    return (value as { toString(): string }).toString();
  }
  return pythonStr(value);
}

function trimChars(s: string, chars: string, start: boolean, end: boolean): string {
  let from = 0;
  let to = s.length;
  while (start && from < to && chars.includes(s.charAt(from))) from++;
  while (end && to > from && chars.includes(s.charAt(to - 1))) to--;
  return s.slice(from, to);
}

function pySplit(s: string, sep: string | undefined, max: number | undefined): string[] {
  const parts = sep === undefined ? s.trim().split(/\s+/).filter(Boolean) : s.split(sep);
  if (max === undefined || max < 0 || parts.length <= max + 1) return parts;
  const joiner = sep ?? ' ';
  return [...parts.slice(0, max), parts.slice(max).join(joiner)];
}
