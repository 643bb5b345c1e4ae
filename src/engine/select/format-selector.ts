/**
 * Prints a selection tree in the command-line syntax, for logs, messages and `ls` headers. A tree
 * of the command-line shape (a union of intersections of atoms) prints to text that
 * `parseSelection` reads back to the same tree. Other shapes, which only YAML definitions
 * produce, print with parentheses and `--exclude` for reading; that text does not parse.
 */
import { assertNever } from '../../core/assert-never.js';
import { defaultMethodOf } from './parse-selector.js';
import type { MethodCriterion, SelectorAtom, SelectorExpr } from './selector-tree.js';
import { METHOD_NAMES } from './selector-tree.js';

/** The command-line text of a selection tree. */
export function formatSelector(expr: SelectorExpr): string {
  switch (expr.kind) {
    case 'atom':
      return formatAtom(expr);
    case 'union':
      return expr.items
        .map((item) =>
          item.kind === 'union' || item.kind === 'difference' ? group(item) : formatSelector(item),
        )
        .join(' ');
    case 'intersection':
      return expr.items
        .map((item) => (item.kind === 'atom' ? formatAtom(item) : group(item)))
        .join(',');
    case 'difference':
      return `${groupUnlessAtom(expr.include)} --exclude ${groupUnlessAtom(expr.exclude)}`;
    default:
      return assertNever(expr, 'selector expression');
  }
}

/** The text of one atom: graph operators around `method:value`, or a bare node name. */
export function formatAtom(atom: SelectorAtom): string {
  const at = atom.childrensParents ? '@' : '';
  const before =
    atom.parents === undefined ? '' : atom.parents === 'all' ? '+' : `${atom.parents}+`;
  const after =
    atom.children === undefined ? '' : atom.children === 'all' ? '+' : `+${atom.children}`;
  return `${at}${before}${formatMethod(atom.method)}${after}`;
}

/**
 * `method:value`, or a bare name when that reads back as the same criterion: not for names with
 * `:`, and not for names starting with a digit, which `12+3` would read as a depth.
 */
export function formatMethod(method: MethodCriterion): string {
  const name = METHOD_NAMES[method.kind];
  switch (method.kind) {
    case 'fqn':
      return defaultMethodOf(method.pattern) === 'fqn' && /^[^\d:][^:]*$/.test(method.pattern)
        ? method.pattern
        : `${name}:${method.pattern}`;
    case 'tag':
    case 'path':
    case 'file':
    case 'package':
    case 'testName':
      return `${name}:${method.pattern}`;
    case 'source':
      return `${name}:${[method.package, method.source, method.table].filter(isDefined).join('.')}`;
    case 'exposure':
      return `${name}:${[method.package, method.name].filter(isDefined).join('.')}`;
    case 'resourceType':
      return `${name}:${method.resourceType}`;
    case 'config':
      return `${name}.${method.key.join('.')}:${method.pattern}`;
    case 'testType':
      return `${name}:${method.testType}`;
    case 'state':
      return `${name}:${method.condition}`;
    case 'selector':
      return `${name}:${method.name}`;
    default:
      return assertNever(method, 'selector method');
  }
}

function group(expr: SelectorExpr): string {
  return `(${formatSelector(expr)})`;
}

function groupUnlessAtom(expr: SelectorExpr): string {
  return expr.kind === 'atom' ? formatAtom(expr) : group(expr);
}

function isDefined(value: string | undefined): value is string {
  return value !== undefined;
}
