/**
 * Turns a selection tree into node indexes, in dbt's order: each atom's method picks nodes, its
 * graph operators extend them, tests attached to them join by the indirect-selection mode, and
 * only then do unions, intersections and differences combine the results.
 *
 * Every subtree yields two sets, as in dbt: `direct` is what it selects, and `indirect` holds
 * tests next to its nodes that the mode held back (a `cautious` test with a parent missing).
 * A union or intersection combines both sets and then admits held-back tests whose parents the
 * combined selection now covers, so `a b` under `cautious` selects a test on both `a` and `b`.
 */
import { assertNever } from '../../core/assert-never.js';
import { HrflowError } from '../../core/errors.js';
import { didYouMean } from '../../core/nearest-name.js';
import { matchMethod } from './match-method.js';
import type { PreviousState } from './previous-state.js';
import { IGNORED_CONFIG_KEYS } from './previous-state.js';
import type {
  IndirectSelection,
  NamedSelectors,
  SelectorAtom,
  SelectorExpr,
} from './selector-tree.js';
import { downstreamOf, upstreamOf } from './selection-graph.js';
import type { SelectionGraph } from './selection-graph.js';

/** The result of evaluating a tree, by node index into `graph.nodes`. */
export interface Selected {
  /** The nodes selected. */
  readonly direct: ReadonlySet<number>;
  /** Tests adjacent to the selection that the indirect-selection mode has not admitted (yet). */
  readonly indirect: ReadonlySet<number>;
}

export interface EvaluationOptions {
  /** The mode for atoms without their own; `eager` when absent. */
  readonly indirectSelection?: IndirectSelection;
  /** The previous manifest, required when the tree uses `state:`. */
  readonly state?: PreviousState;
  /** Definitions that `selector:` atoms refer to. */
  readonly selectors?: NamedSelectors;
  /** Config keys `state:modified.configs` ignores; {@link IGNORED_CONFIG_KEYS} when absent. */
  readonly ignoredConfigKeys?: readonly string[];
}

/** Evaluates a tree against a graph. Pure; throws only for references that cannot resolve. */
export function evaluateSelector(
  expr: SelectorExpr,
  graph: SelectionGraph,
  options: EvaluationOptions = {},
): Selected {
  return evaluate(expr, {
    graph,
    state: options.state,
    selectors: options.selectors,
    ignoredConfigKeys: new Set(options.ignoredConfigKeys ?? IGNORED_CONFIG_KEYS),
    mode: options.indirectSelection ?? 'eager',
    resolving: [],
    named: new Map(),
  });
}

/** The union of already-evaluated parts, with held-back tests admitted per `mode`. */
export function uniteSelections(
  parts: readonly Selected[],
  graph: SelectionGraph,
  mode: IndirectSelection,
): Selected {
  return combine('union', parts, graph, mode);
}

/** What `include` selects and `exclude` does not; held-back tests are subtracted the same way. */
export function subtractSelection(include: Selected, exclude: Selected): Selected {
  const removed = new Set([...exclude.direct, ...exclude.indirect]);
  return {
    direct: minus(include.direct, exclude.direct),
    indirect: minus(new Set([...include.direct, ...include.indirect]), removed),
  };
}

interface Context {
  readonly graph: SelectionGraph;
  readonly state: PreviousState | undefined;
  readonly selectors: NamedSelectors | undefined;
  readonly ignoredConfigKeys: ReadonlySet<string>;
  readonly mode: IndirectSelection;
  /** Named selectors being evaluated, outermost first, to report a reference cycle. */
  readonly resolving: readonly string[];
  /** Results of named selectors already evaluated in this call, by name and mode. */
  readonly named: Map<string, Selected>;
}

function evaluate(expr: SelectorExpr, context: Context): Selected {
  switch (expr.kind) {
    case 'atom':
      return evaluateAtom(expr, context);
    case 'union':
    case 'intersection':
      return combine(
        expr.kind,
        expr.items.map((item) => evaluate(item, context)),
        context.graph,
        context.mode,
      );
    case 'difference':
      return subtractSelection(evaluate(expr.include, context), evaluate(expr.exclude, context));
    default:
      return assertNever(expr, 'selector expression');
  }
}

function evaluateAtom(atom: SelectorAtom, context: Context): Selected {
  const mode = atom.indirectSelection ?? context.mode;
  const hasOperators =
    atom.parents !== undefined || atom.children !== undefined || atom.childrensParents;

  let matched: ReadonlySet<number>;
  if (atom.method.kind === 'selector') {
    const referenced = evaluateNamed(atom.method.name, { ...context, mode });
    // A bare reference stands for the named selection itself, held-back tests included.
    if (!hasOperators) return referenced;
    matched = referenced.direct;
  } else {
    matched = matchMethod(atom.method, context);
  }

  const selected = withRelatives(atom, matched, context.graph);
  return mode === 'empty'
    ? { direct: selected, indirect: new Set() }
    : withTests(selected, mode, context.graph);
}

/** The matched nodes plus what the atom's graph operators add. */
function withRelatives(
  atom: SelectorAtom,
  matched: ReadonlySet<number>,
  graph: SelectionGraph,
): Set<number> {
  const selected = new Set(matched);
  if (atom.childrensParents) {
    const descendants = new Set([...matched, ...downstreamOf(graph, matched, 'all')]);
    addAll(selected, descendants);
    addAll(selected, upstreamOf(graph, descendants, 'all'));
  }
  if (atom.parents !== undefined) addAll(selected, upstreamOf(graph, matched, atom.parents));
  if (atom.children !== undefined) addAll(selected, downstreamOf(graph, matched, atom.children));
  return selected;
}

/** Tests that read from a selected node join the selection directly or are held back. */
function withTests(
  selected: ReadonlySet<number>,
  mode: Exclude<IndirectSelection, 'empty'>,
  graph: SelectionGraph,
): Selected {
  const direct = new Set(selected);
  const indirect = new Set<number>();
  const buildable = mode === 'buildable' ? buildableFrom(selected, graph) : undefined;
  for (const node of selected) {
    for (const child of graph.children[node] ?? []) {
      if (selected.has(child) || graph.nodes[child]?.resourceType !== 'test') continue;
      const parents = graph.parents[child] ?? [];
      const admitted =
        mode === 'eager' ||
        parents.every((parent) => selected.has(parent)) ||
        (buildable !== undefined && parents.every((parent) => buildable.has(parent)));
      (admitted ? direct : indirect).add(child);
    }
  }
  return { direct, indirect };
}

function combine(
  kind: 'union' | 'intersection',
  parts: readonly Selected[],
  graph: SelectionGraph,
  mode: IndirectSelection,
): Selected {
  const directs = parts.map((part) => part.direct);
  const reaches = parts.map((part) => new Set([...part.direct, ...part.indirect]));
  const direct = kind === 'union' ? unite(directs) : intersect(directs);
  const indirect = kind === 'union' ? unite(reaches) : intersect(reaches);
  return { direct: admitHeldBack(direct, indirect, mode, graph), indirect };
}

/** Held-back tests whose parents the combined selection covers join it. */
function admitHeldBack(
  direct: Set<number>,
  candidates: ReadonlySet<number>,
  mode: IndirectSelection,
  graph: SelectionGraph,
): Set<number> {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const covered = mode === 'buildable' ? buildableFrom(direct, graph) : direct;
  const admitted = new Set(direct);
  for (const node of candidates) {
    if (direct.has(node) || graph.nodes[node]?.resourceType !== 'test') continue;
    if ((graph.parents[node] ?? []).every((parent) => covered.has(parent))) admitted.add(node);
  }
  return admitted;
}

/**
 * What will exist once the selection is built: the selection, everything upstream of it, and
 * every source (sources are never built, so they always exist).
 */
function buildableFrom(selected: ReadonlySet<number>, graph: SelectionGraph): Set<number> {
  const out = new Set(selected);
  addAll(out, upstreamOf(graph, selected, 'all'));
  addAll(out, graph.sources);
  return out;
}

function evaluateNamed(name: string, context: Context): Selected {
  const definition = context.selectors?.byName.get(name);
  if (!definition) {
    const known = [...(context.selectors?.byName.keys() ?? [])];
    throw new HrflowError(
      'selector-invalid',
      `unknown selector '${name}'.${didYouMean(name, known)}`,
      {
        hint:
          known.length > 0
            ? `Defined selectors: ${known.join(', ')}.`
            : 'Define named selectors under `selectors:` in selectors.yml or hrflow.config.yaml.',
      },
    );
  }
  if (context.resolving.includes(name)) {
    const chain = [...context.resolving.slice(context.resolving.indexOf(name)), name];
    throw new HrflowError(
      'selector-invalid',
      `selector '${name}' refers to itself: ${chain.join(' -> ')}`,
      {
        ...(definition.location ? { location: definition.location } : {}),
        hint: 'Break the cycle of selector: references.',
      },
    );
  }

  const key = `${name}\u0000${context.mode}`;
  const cached = context.named.get(key);
  if (cached) return cached;
  const result = evaluate(definition.definition, {
    ...context,
    resolving: [...context.resolving, name],
  });
  context.named.set(key, result);
  return result;
}

function unite(sets: readonly ReadonlySet<number>[]): Set<number> {
  const out = new Set<number>();
  for (const set of sets) addAll(out, set);
  return out;
}

function intersect(sets: readonly ReadonlySet<number>[]): Set<number> {
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  const out = new Set<number>();
  if (!first) return out;
  for (const item of first) if (rest.every((set) => set.has(item))) out.add(item);
  return out;
}

function minus(a: ReadonlySet<number>, b: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  for (const item of a) if (!b.has(item)) out.add(item);
  return out;
}

function addAll(target: Set<number>, items: Iterable<number>): void {
  for (const item of items) target.add(item);
}
