/**
 * The typed form of a node selection, produced from `--select`/`--exclude` strings and from
 * named selectors before any graph is looked at. Every tree is plain readonly data, so it can be
 * compared, printed and logged.
 */
import { assertNever } from '../../core/assert-never.js';
import type { Location } from '../../core/errors.js';

/** The kinds of project node a selection can name. */
export const RESOURCE_TYPES = [
  'model',
  'seed',
  'snapshot',
  'test',
  'source',
  'exposure',
  'analysis',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * How tests attached to selected nodes join the selection: `eager` takes a test when any parent
 * is selected, `cautious` only when all are, `buildable` when each parent is selected or is an
 * ancestor of a selected node, and `empty` takes only tests selected by name.
 */
export const INDIRECT_SELECTION_MODES = ['eager', 'cautious', 'buildable', 'empty'] as const;
export type IndirectSelection = (typeof INDIRECT_SELECTION_MODES)[number];

/** What `state:` asks of a node compared with the previous manifest. */
export const STATE_CONDITIONS = [
  'new',
  'old',
  'modified',
  'modified.body',
  'modified.configs',
  'unmodified',
] as const;
export type StateCondition = (typeof STATE_CONDITIONS)[number];

/** Generic tests come from a test macro applied in YAML; singular tests are SQL files. */
export const TEST_TYPES = ['generic', 'singular'] as const;
export type TestType = (typeof TEST_TYPES)[number];

/** How far a graph operator reaches: a number of edges, or every ancestor or descendant. */
export type Depth = number | 'all';

/**
 * The `method:value` part of a selector. Fields named `pattern` accept shell-style wildcards
 * (see `glob.ts`); the others are checked against a closed list when parsed.
 */
export type MethodCriterion =
  /** A node name, or a dotted prefix of its fully qualified name (`silver.stg_*`). */
  | { readonly kind: 'fqn'; readonly pattern: string }
  /** Any of the node's tags. */
  | { readonly kind: 'tag'; readonly pattern: string }
  /** The node's file, or any folder above it, relative to the project root. */
  | { readonly kind: 'path'; readonly pattern: string }
  /** The node's file name, with or without its extension. */
  | { readonly kind: 'file'; readonly pattern: string }
  /** The package (project) that defines the node; `this` names the root project. */
  | { readonly kind: 'package'; readonly pattern: string }
  /** Source tables, by source name and optionally table name and package. */
  | {
      readonly kind: 'source';
      readonly package?: string;
      readonly source: string;
      readonly table?: string;
    }
  /** Exposures by name, optionally qualified by package. */
  | { readonly kind: 'exposure'; readonly package?: string; readonly name: string }
  | { readonly kind: 'resourceType'; readonly resourceType: ResourceType }
  /** A config value at a dotted key; a list-valued config matches when any element does. */
  | { readonly kind: 'config'; readonly key: readonly string[]; readonly pattern: string }
  | { readonly kind: 'testType'; readonly testType: TestType }
  /** The generic test a test node instantiates (`unique`, `not_null`, ...). */
  | { readonly kind: 'testName'; readonly pattern: string }
  /** Needs the previous manifest given with `--state`. */
  | { readonly kind: 'state'; readonly condition: StateCondition }
  /** Everything another named selector selects. */
  | { readonly kind: 'selector'; readonly name: string };

/** The discriminant of {@link MethodCriterion}, keying tables that must cover every method. */
export type MethodKind = MethodCriterion['kind'];

/** The method name each criterion is written with. */
export const METHOD_NAMES = {
  fqn: 'fqn',
  tag: 'tag',
  path: 'path',
  file: 'file',
  package: 'package',
  source: 'source',
  exposure: 'exposure',
  resourceType: 'resource_type',
  config: 'config',
  testType: 'test_type',
  testName: 'test_name',
  state: 'state',
  selector: 'selector',
} as const satisfies Record<MethodKind, string>;

/** One selector: a method criterion and the graph operators around it. */
export interface SelectorAtom {
  readonly kind: 'atom';
  readonly method: MethodCriterion;
  /** `+m` / `n+m`: add ancestors up to this depth. Absent when not asked for. */
  readonly parents?: Depth;
  /** `m+` / `m+n`: add descendants up to this depth. Absent when not asked for. */
  readonly children?: Depth;
  /** `@m`: add every descendant and every ancestor of those descendants. */
  readonly childrensParents: boolean;
  /** A per-selector override from a YAML definition; the run's mode applies otherwise. */
  readonly indirectSelection?: IndirectSelection;
}

/** Nodes any item selects (space-separated on the command line). */
export interface SelectorUnion {
  readonly kind: 'union';
  readonly items: readonly SelectorExpr[];
}

/** Nodes every item selects (comma-separated on the command line). */
export interface SelectorIntersection {
  readonly kind: 'intersection';
  readonly items: readonly SelectorExpr[];
}

/** Nodes `include` selects and `exclude` does not. */
export interface SelectorDifference {
  readonly kind: 'difference';
  readonly include: SelectorExpr;
  readonly exclude: SelectorExpr;
}

/** Any selection tree. */
export type SelectorExpr = SelectorAtom | SelectorUnion | SelectorIntersection | SelectorDifference;

/** One named selection. */
export interface NamedSelector {
  readonly name: string;
  readonly description?: string;
  /** Used when a command is given no `--select`, `--exclude` or `--selector`. */
  readonly isDefault: boolean;
  readonly definition: SelectorExpr;
  /** Where the selector's name is written. */
  readonly location?: Location;
}

/** Every named selector of a project. */
export interface NamedSelectors {
  readonly byName: ReadonlyMap<string, NamedSelector>;
  /** The selector marked `default: true`, if any. */
  readonly defaultName: string | undefined;
}

/** An atom without graph operators. */
export function atom(method: MethodCriterion): SelectorAtom {
  return { kind: 'atom', method, childrensParents: false };
}

/** A union, collapsed to its item when there is only one. */
export function unionOf(items: readonly SelectorExpr[]): SelectorExpr {
  const [only] = items;
  return items.length === 1 && only ? only : { kind: 'union', items };
}

/** An intersection, collapsed to its item when there is only one. */
export function intersectionOf(items: readonly SelectorExpr[]): SelectorExpr {
  const [only] = items;
  return items.length === 1 && only ? only : { kind: 'intersection', items };
}

/**
 * What a command selects when given no selection: every model, seed, snapshot, test and analysis
 * (`fqn:*`), every source and every exposure.
 */
export const SELECT_EVERYTHING: SelectorExpr = unionOf([
  atom({ kind: 'fqn', pattern: '*' }),
  atom({ kind: 'source', source: '*' }),
  atom({ kind: 'exposure', name: '*' }),
]);

/** Every atom of a tree, depth first, for checks that look at methods only. */
export function atomsOf(expr: SelectorExpr): readonly SelectorAtom[] {
  switch (expr.kind) {
    case 'atom':
      return [expr];
    case 'union':
    case 'intersection':
      return expr.items.flatMap(atomsOf);
    case 'difference':
      return [...atomsOf(expr.include), ...atomsOf(expr.exclude)];
    default:
      return assertNever(expr, 'selector expression');
  }
}
