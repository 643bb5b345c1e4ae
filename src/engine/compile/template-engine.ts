/**
 * One Nunjucks environment per project: dbt's context functions as globals, every macro of the
 * project and of hrflow's built-in library callable by name, compiled templates cached by
 * content. Rendering is synchronous and pure; what a template may ask of the warehouse is
 * answered before rendering, by whoever builds the {@link RenderScope}.
 *
 * Macros in Nunjucks resolve free names against the template that defined them, not the one
 * that called them, while dbt's macros see the calling model's `this`, `config` and `ref`. So
 * the per-node names are getters on the environment's globals that read the scope of the render
 * in progress. Renders are synchronous, so exactly one scope is active at a time.
 */
import { createHash } from 'node:crypto';
import nunjucks from 'nunjucks';
import { HrflowError } from '../../core/errors.js';
import { nearestName } from '../../core/nearest-name.js';
import type { MacroFile } from '../project/nodes.js';
import {
  COMPAT_FILTERS,
  DoExtension,
  installJinjaCompat,
  preprocessTemplate,
} from './jinja-compat.js';

/** The dbt context names that depend on the node being rendered. */
export const SCOPE_NAMES = [
  'ref',
  'source',
  'config',
  'var',
  'env_var',
  'is_incremental',
  'this',
  'target',
  'run_started_at',
  'invocation_id',
  'doc',
  'adapter',
  'model',
  'execute',
  'graph',
  'flags',
  'exceptions',
  'log',
  'print',
  'modules',
  'builtins',
  'project_name',
  'project_flavor',
  'selected_resources',
  'load_relation',
  'run_query',
  'statement',
  'load_result',
  'should_store_failures',
  'should_full_refresh',
  'sql',
  'schema',
  'database',
  'results',
  'schemas',
  'database_schemas',
] as const;

export type ScopeName = (typeof SCOPE_NAMES)[number];

/** The values of the dbt context for one render. */
export type RenderScope = Partial<Record<ScopeName, unknown>>;

/** A macro callable from TypeScript: positional args, then optional keyword args object. */
export type MacroFn = (...args: unknown[]) => unknown;

/** The parts of Nunjucks' runtime API that its type declarations leave out. */
interface NunjucksInternals {
  globals: Record<string, unknown>;
  getExported(
    context: object,
    frame: null,
    callback: (error: unknown, exported: Record<string, unknown>) => void,
  ): void;
}

/**
 * Thrown by `return(value)` and caught at the macro boundary, carrying the macro's result. It
 * is control flow, thrown for every dispatched macro, so it skips capturing a stack trace.
 */
class ReturnSignal extends Error {
  constructor(readonly value: unknown) {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super('return() outside a macro');
    Error.stackTraceLimit = limit;
  }
}

/** Nunjucks passes keyword arguments as a trailing object flagged `__keywords`. */
export function keywordArgs(values: Record<string, unknown>): Record<string, unknown> {
  return { ...values, __keywords: true };
}

export class TemplateEngine {
  readonly #env: nunjucks.Environment;
  readonly #cache = new Map<string, nunjucks.Template>();
  readonly #macros = new Map<string, { fn: MacroFn; file: string; packageName: string }>();
  readonly #scopes: RenderScope[] = [];

  /**
   * @param macroFiles built-in files first, then the project's; a later definition of a name
   * overrides an earlier one, so a project can replace any built-in macro.
   */
  constructor(macroFiles: readonly MacroFile[], projectName: string) {
    installJinjaCompat();
    this.#env = new nunjucks.Environment(null, {
      autoescape: false,
      throwOnUndefined: true,
      // Keeps the original error (an hrflow error thrown by ref(), var() …) and its line.
      dev: true,
      trimBlocks: false,
      lstripBlocks: false,
    });
    this.#env.addExtension('do', new DoExtension());
    for (const [name, filter] of Object.entries(COMPAT_FILTERS)) {
      this.#env.addFilter(name, filter as (...args: unknown[]) => unknown);
    }
    for (const name of SCOPE_NAMES) {
      Object.defineProperty((this.#env as unknown as NunjucksInternals).globals, name, {
        get: () => this.#scope()[name],
        enumerable: true,
        configurable: true,
      });
    }
    this.#env.addGlobal('return', (value: unknown) => {
      throw new ReturnSignal(value);
    });
    this.#env.addGlobal('namespace', (init: Record<string, unknown> = {}) => {
      const { __keywords: _k, ...values } = init;
      return { ...values };
    });
    this.#env.addGlobal('zip', (...lists: unknown[][]) =>
      (lists[0] ?? []).map((_, i) => lists.map((l) => l[i])),
    );
    this.#env.addGlobal('tojson', (value: unknown) => JSON.stringify(value));
    this.#env.addGlobal('fromjson', (text: string) => JSON.parse(text) as unknown);

    for (const file of macroFiles) this.#loadMacros(file);
    const byPackage = new Map<string, Record<string, MacroFn>>();
    for (const [name, macro] of this.#macros) {
      const pkg = byPackage.get(macro.packageName) ?? {};
      pkg[name] = macro.fn;
      byPackage.set(macro.packageName, pkg);
    }
    const builtins = byPackage.get('hrflow') ?? {};
    this.#env.addGlobal('dbt', builtins);
    this.#env.addGlobal('hrflow', builtins);
    if (projectName !== 'hrflow') {
      this.#env.addGlobal(projectName, byPackage.get(projectName) ?? {});
    }
  }

  /** Renders a template source with the given scope. Errors carry the file and line. */
  render(source: string, file: string, scope: RenderScope): string {
    const template = this.#compile(source, file);
    this.#scopes.push(scope);
    try {
      return template.render({});
    } catch (error) {
      throw translateRenderError(error, file, source, 'render');
    } finally {
      this.#scopes.pop();
    }
  }

  /** Calls a macro by name within a scope, as `{{ name(args) }}` would. */
  callMacro(name: string, scope: RenderScope, ...args: unknown[]): unknown {
    const macro = this.#macros.get(name);
    if (!macro) {
      throw new HrflowError('macro-not-found', `macro '${name}' is not defined`, {
        hint: nearestHint(name, [...this.#macros.keys()]),
      });
    }
    this.#scopes.push(scope);
    try {
      return macro.fn(...args);
    } catch (error) {
      throw translateRenderError(error, macro.file, undefined, 'render');
    } finally {
      this.#scopes.pop();
    }
  }

  hasMacro(name: string): boolean {
    return this.#macros.has(name);
  }

  macroNames(): string[] {
    return [...this.#macros.keys()];
  }

  /** The macro registered under `name`, for adapter.dispatch. */
  macro(name: string): MacroFn | undefined {
    return this.#macros.get(name)?.fn;
  }

  #scope(): RenderScope {
    return this.#scopes[this.#scopes.length - 1] ?? {};
  }

  #compile(source: string, file: string): nunjucks.Template {
    const key = createHash('sha1').update(file).update('\0').update(source).digest('hex');
    let template = this.#cache.get(key);
    if (!template) {
      const prepared = preprocessTemplate(source, file);
      try {
        template = new nunjucks.Template(prepared, this.#env, file, true);
      } catch (error) {
        throw translateRenderError(error, file, source, 'compile');
      }
      this.#cache.set(key, template);
    }
    return template;
  }

  #loadMacros(file: MacroFile): void {
    const template = this.#compile(file.source, file.path);
    let exported: Record<string, unknown> = {};
    this.#scopes.push({});
    try {
      (template as unknown as NunjucksInternals).getExported({}, null, (error, result) => {
        // Nunjucks hands over whatever the template threw; rethrow it untouched.
        // eslint-disable-next-line @typescript-eslint/only-throw-error
        if (error) throw error;
        exported = result;
      });
    } catch (error) {
      throw translateRenderError(error, file.path, file.source, 'render');
    } finally {
      this.#scopes.pop();
    }
    for (const [name, value] of Object.entries(exported)) {
      if (typeof value !== 'function') continue;
      const raw = value as MacroFn;
      const fn: MacroFn = (...args) => {
        try {
          return raw(...args);
        } catch (error) {
          if (error instanceof ReturnSignal) return error.value;
          throw error;
        }
      };
      this.#macros.set(name, { fn, file: file.path, packageName: file.packageName });
      this.#env.addGlobal(name, fn);
    }
  }
}

/** Finds the names defined by `{% macro x(` and `{% test x(` in a macro file. */
export function macroNamesIn(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/\{%-?\s*(macro|test)\s+([A-Za-z_]\w*)\s*\(/g)) {
    names.push(match[1] === 'test' ? `test_${match[2]}` : (match[2] ?? ''));
  }
  return names;
}

/** Turns a Nunjucks error into an hrflow error with file, line and column. */
export function translateRenderError(
  error: unknown,
  file: string,
  source: string | undefined,
  phase: 'compile' | 'render',
): HrflowError {
  if (error instanceof ReturnSignal) {
    return new HrflowError('template-error', 'return() was called outside a macro', {
      location: { file },
      hint: 'Use return() only inside {% macro %} blocks.',
    });
  }
  const err = error as { lineno?: number; colno?: number; cause?: unknown; message?: string };
  const cause = err.cause;
  // Nunjucks counts lines from 1 in syntax errors and in its own render errors, but from 0 when
  // it wraps an error thrown by a function the template called (those carry a cause).
  const zeroBased = phase === 'render' && cause !== undefined;
  const line = typeof err.lineno === 'number' ? err.lineno + (zeroBased ? 1 : 0) : undefined;
  const column = typeof err.colno === 'number' ? err.colno : undefined;
  if (error instanceof HrflowError) {
    return error.location?.file ? error : withLocation(error, { file, line, column });
  }
  if (cause instanceof HrflowError) {
    if (cause.location?.file) return cause;
    return withLocation(cause, { file, line, column });
  }
  const text = String(err.message ?? error)
    .replace(/^Template render error: \([^)]*\)\s*(\[Line \d+, Column \d+\])?\s*/s, '')
    .replace(/^Error: /, '')
    .trim();
  const sourceLine =
    line !== undefined && source ? source.split('\n')[line - 1]?.trim() : undefined;
  const undefinedValue = /attempted to output null or undefined value/.test(text);
  const message = undefinedValue
    ? `an expression rendered an undefined value${sourceLine ? `: ${sourceLine}` : ''}`
    : `${text}${sourceLine ? `\n    ${sourceLine}` : ''}`;
  return new HrflowError('template-error', message, {
    location: {
      file,
      ...(line !== undefined ? { line } : {}),
      ...(column !== undefined ? { column } : {}),
    },
    cause: error,
    hint: undefinedValue
      ? 'A variable or attribute used in {{ }} is not defined. Check its spelling, or give it a default with | default(...).'
      : 'Fix the template at that line.',
  });
}

function withLocation(
  error: HrflowError,
  location: { file: string; line: number | undefined; column: number | undefined },
): HrflowError {
  return new HrflowError(error.code, error.message, {
    location: {
      ...error.location,
      file: location.file,
      ...(location.line !== undefined ? { line: location.line } : {}),
      ...(location.column !== undefined ? { column: location.column } : {}),
    },
    ...(error.hint ? { hint: error.hint } : {}),
    cause: error.cause ?? error,
    retryable: error.retryable,
    ...(error.details ? { details: error.details } : {}),
  });
}

/** "Did you mean …?" for a misspelt name. */
export function nearestHint(name: string, candidates: readonly string[]): string | undefined {
  const best = nearestName(name, candidates);
  return best ? `Did you mean '${best}'?` : undefined;
}
