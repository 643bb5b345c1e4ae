/**
 * Node selection: which nodes of the project graph a command acts on, with dbt's syntax and
 * semantics.
 *
 * ```ts
 * const graph = createSelectionGraph(nodes, { projectName: 'hrflow' });
 * const selectors = loadSelectorsFile('selectors.yml'); // or readNamedSelectors(block, yaml)
 * const state = readPreviousState('prod-target');       // only needed by state: selectors
 * const { selected, unmatched } = selectNodes(graph, {
 *   select: ['+stg_candidates+', 'tag:nightly,path:models/gold'],
 *   exclude: ['state:unmodified'],
 *   selectors,
 *   state,
 *   resourceTypes: ['model'],                           // `run` builds models only
 * });
 * ```
 *
 * Syntax of `select` and `exclude` (see `parse-selector.ts`): whitespace-separated selectors are
 * united, comma-joined ones intersected. A selector is `method:value` with one of `fqn`, `tag`,
 * `path`, `file`, `package`, `source`, `exposure`, `resource_type`, `config.<key>`, `test_type`,
 * `test_name`, `state` (`new`, `old`, `modified`, `modified.body`, `modified.configs`,
 * `unmodified`) or `selector`, or a bare node name, glob or path; around it `+m` adds ancestors,
 * `m+` descendants, `n+m` and `m+n` limit them to n edges, and `@m` adds descendants and their
 * ancestors.
 *
 * Order of evaluation, as in dbt: each selector's method, then its graph operators, then the tests
 * attached to the result under the indirect-selection mode (`eager` by default: a test joins when
 * any parent is selected), then unions and intersections, then `exclude` (always eager, so
 * excluding a model also excludes its tests), and last the command's resource types.
 *
 * Without `select`, `exclude` or `selector`, the named selector marked `default: true` applies,
 * or else every node. Parsing needs no graph: {@link planSelection} reports every syntax error
 * before the project is loaded.
 */
import { HrflowError } from '../../core/errors.js';
import { evaluateSelector, subtractSelection, uniteSelections } from './evaluate-selector.js';
import type { EvaluationOptions, Selected } from './evaluate-selector.js';
import { formatSelector } from './format-selector.js';
import { NO_NAMED_SELECTORS, namedSelector } from './named-selector-lookup.js';
import { emptySet, isEmptySet } from './node-set.js';
import { parseSelection } from './parse-selector.js';
import type { PreviousState } from './state-comparison.js';
import { SELECT_EVERYTHING } from './selector-tree.js';
import type {
  IndirectSelection,
  NamedSelectors,
  ResourceType,
  SelectorExpr,
} from './selector-tree.js';
import type { SelectionGraph } from './selection-graph.js';

/** A command's selection flags, plus the project facts they may refer to. */
export interface SelectNodesOptions {
  /** `--select` values; each may hold several space-separated selectors. */
  readonly select?: string | readonly string[];
  /** `--exclude` values, in the same syntax. */
  readonly exclude?: string | readonly string[];
  /** `--selector NAME`: a named selector; cannot be combined with `select` or `exclude`. */
  readonly selector?: string;
  /** The project's named selectors, for `selector` and `selector:` references. */
  readonly selectors?: NamedSelectors;
  /** The previous manifest from `--state DIR`, required by `state:` selectors. */
  readonly state?: PreviousState;
  /** `--indirect-selection`; `eager` when absent. */
  readonly indirectSelection?: IndirectSelection;
  /** The resource types the command acts on (`run`: models); all when absent. */
  readonly resourceTypes?: readonly ResourceType[];
  /** Config keys `state:modified.configs` ignores, replacing the default list. */
  readonly ignoredConfigKeys?: readonly string[];
}

/** The parsed selection of a command, before any graph is consulted. */
export interface SelectionPlan {
  /** What to select. */
  readonly include: SelectorExpr;
  /** What to remove afterwards, if anything. */
  readonly exclude: SelectorExpr | undefined;
  /** Where `include` came from; only `select` reports selectors that matched nothing. */
  readonly origin: 'select' | 'selector' | 'default-selector' | 'everything';
}

/** What a command acts on, and what to warn about. */
export interface SelectionResult {
  /** Ids of the selected nodes, in the order of the graph's nodes. */
  readonly selected: ReadonlySet<string>;
  /**
   * Space-separated `--select` selectors that matched no node (before exclusions and resource
   * types), for a warning such as dbt's "does not match any enabled nodes".
   */
  readonly unmatched: readonly string[];
  /** The evaluated plan, for logs. */
  readonly plan: SelectionPlan;
}

/** Parses the options into trees. Throws `selector-invalid` for bad syntax or unknown names. */
export function planSelection(options: SelectNodesOptions): SelectionPlan {
  const select = argumentsOf(options.select);
  const exclude = argumentsOf(options.exclude);
  const selectors = options.selectors ?? NO_NAMED_SELECTORS;
  if (options.selector !== undefined && (select || exclude)) {
    throw new HrflowError(
      'selector-invalid',
      '--selector cannot be combined with --select or --exclude',
      {
        hint: 'Put the extra selectors into the named selector, or use --select and --exclude alone.',
      },
    );
  }

  const excluded = exclude ? parseSelection(exclude, { label: '--exclude' }) : undefined;
  if (options.selector !== undefined) {
    const named = namedSelector(selectors, options.selector);
    return { include: named.definition, exclude: undefined, origin: 'selector' };
  }
  if (select) {
    return {
      include: parseSelection(select, { label: '--select' }),
      exclude: excluded,
      origin: 'select',
    };
  }
  if (!excluded && selectors.defaultName !== undefined) {
    const named = namedSelector(selectors, selectors.defaultName);
    return { include: named.definition, exclude: undefined, origin: 'default-selector' };
  }
  return { include: SELECT_EVERYTHING, exclude: excluded, origin: 'everything' };
}

/** Selects nodes of the graph for a command. Pure apart from what `options` already holds. */
export function selectNodes(
  graph: SelectionGraph,
  options: SelectNodesOptions = {},
): SelectionResult {
  const plan = planSelection(options);
  const evaluation: EvaluationOptions = {
    indirectSelection: options.indirectSelection ?? 'eager',
    ...(options.state ? { state: options.state } : {}),
    ...(options.selectors ? { selectors: options.selectors } : {}),
    ...(options.ignoredConfigKeys ? { ignoredConfigKeys: options.ignoredConfigKeys } : {}),
  };

  // Each word of --select is evaluated alone first, to tell the user which matched nothing.
  const words =
    plan.origin === 'select' && plan.include.kind === 'union' ? plan.include.items : [plan.include];
  const parts = words.map((word) => evaluateSelector(word, graph, evaluation));
  const unmatched =
    plan.origin === 'select'
      ? words.filter((_, i) => isEmptySet(parts[i]?.direct ?? emptySet(0))).map(formatSelector)
      : [];

  let result: Selected = uniteSelections(parts, graph, evaluation.indirectSelection ?? 'eager');
  if (plan.exclude) {
    const excluded = evaluateSelector(plan.exclude, graph, {
      ...evaluation,
      indirectSelection: 'eager',
    });
    result = subtractSelection(result, excluded);
  }

  const types = options.resourceTypes ? new Set(options.resourceTypes) : undefined;
  const selected = new Set<string>();
  graph.nodes.forEach((node, i) => {
    if (result.direct[i] && (!types || types.has(node.resourceType))) selected.add(node.id);
  });
  return { selected, unmatched, plan };
}

/** Absent, or an empty list, means the flag was not given. */
function argumentsOf(value: string | readonly string[] | undefined): readonly string[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  return list.length === 0 ? undefined : list;
}
