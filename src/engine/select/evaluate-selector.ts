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
import { matchMethod } from './match-method.js';
import { NO_NAMED_SELECTORS, namedSelector } from './named-selector-lookup.js';
import { addAll, emptySet, intersectSets, subtractSet, uniteSets } from './node-set.js';
import type { NodeSet } from './node-set.js';
import { IGNORED_CONFIG_KEYS } from './state-comparison.js';
import type { PreviousState } from './state-comparison.js';
import type {
  IndirectSelection,
  NamedSelectors,
  SelectorAtom,
  SelectorExpr,
} from './selector-tree.js';
import { downstreamOf, upstreamOf } from './selection-graph.js';
import type { SelectionGraph } from './selection-graph.js';

/** The result of evaluating a tree, as sets over the graph's nodes. */
export interface Selected {
  /** The nodes selected. */
  readonly direct: NodeSet;
  /** Tests adjacent to the selection that the indirect-selection mode has not admitted (yet). */
  readonly indirect: NodeSet;
}

/** What evaluation needs besides the tree and the graph. */
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
  const size = include.direct.length;
  return {
    direct: subtractSet(include.direct, exclude.direct),
    indirect: subtractSet(
      uniteSets([include.direct, include.indirect], size),
      uniteSets([exclude.direct, exclude.indirect], size),
    ),
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

  let matched: NodeSet;
  if (atom.method.kind === 'selector') {
    const referenced = evaluateNamed(atom.method.name, { ...context, mode });
    // A bare reference stands for the named selection itself, held-back tests included.
    if (!hasOperators) return referenced;
    matched = referenced.direct;
  } else {
    matched = matchMethod(atom.method, context);
  }

  const selected = withRelatives(atom, matched, context.graph);
  if (mode === 'empty') return { direct: selected, indirect: emptySet(selected.length) };
  return withTests(selected, mode, context.graph);
}

/** The matched nodes plus what the atom's graph operators add. */
function withRelatives(atom: SelectorAtom, matched: NodeSet, graph: SelectionGraph): NodeSet {
  const selected = matched.slice();
  if (atom.childrensParents) {
    const descendants = uniteSets([matched, downstreamOf(graph, matched, 'all')], matched.length);
    addAll(selected, descendants);
    addAll(selected, upstreamOf(graph, descendants, 'all'));
  }
  if (atom.parents !== undefined) addAll(selected, upstreamOf(graph, matched, atom.parents));
  if (atom.children !== undefined) addAll(selected, downstreamOf(graph, matched, atom.children));
  return selected;
}

/** Tests that read from a selected node join the selection directly or are held back. */
function withTests(
  selected: NodeSet,
  mode: Exclude<IndirectSelection, 'empty'>,
  graph: SelectionGraph,
): Selected {
  const direct = selected.slice();
  const indirect = emptySet(selected.length);
  const buildable = mode === 'buildable' ? buildableFrom(selected, graph) : undefined;
  for (let node = 0; node < selected.length; node++) {
    if (!selected[node]) continue;
    for (const child of graph.children[node] ?? []) {
      if (selected[child] || graph.nodes[child]?.resourceType !== 'test') continue;
      const parents = graph.parents[child] ?? [];
      const admitted =
        mode === 'eager' ||
        parents.every((parent) => selected[parent] === 1) ||
        (buildable !== undefined && parents.every((parent) => buildable[parent] === 1));
      (admitted ? direct : indirect)[child] = 1;
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
  const size = graph.nodes.length;
  const directs = parts.map((part) => part.direct);
  const reaches = parts.map((part) => uniteSets([part.direct, part.indirect], size));
  const direct = kind === 'union' ? uniteSets(directs, size) : intersectSets(directs, size);
  const indirect = kind === 'union' ? uniteSets(reaches, size) : intersectSets(reaches, size);
  return { direct: admitHeldBack(direct, indirect, mode, graph), indirect };
}

/** Held-back tests whose parents the combined selection covers join it. */
function admitHeldBack(
  direct: NodeSet,
  candidates: NodeSet,
  mode: IndirectSelection,
  graph: SelectionGraph,
): NodeSet {
  if (mode !== 'cautious' && mode !== 'buildable') return direct;
  const covered = mode === 'buildable' ? buildableFrom(direct, graph) : direct;
  const admitted = direct.slice();
  for (let node = 0; node < candidates.length; node++) {
    if (!candidates[node] || direct[node] || graph.nodes[node]?.resourceType !== 'test') continue;
    if ((graph.parents[node] ?? []).every((parent) => covered[parent] === 1)) admitted[node] = 1;
  }
  return admitted;
}

/**
 * What will exist once the selection is built: the selection, everything upstream of it, and
 * every source (sources are never built, so they always exist).
 */
function buildableFrom(selected: NodeSet, graph: SelectionGraph): NodeSet {
  return uniteSets([selected, upstreamOf(graph, selected, 'all'), graph.sources], selected.length);
}

function evaluateNamed(name: string, context: Context): Selected {
  const definition = namedSelector(context.selectors ?? NO_NAMED_SELECTORS, name);
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
