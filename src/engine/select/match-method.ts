/**
 * The first step of evaluation: which nodes a method criterion names, before graph operators and
 * set operations. Each criterion compiles its patterns once and then tests every node, so a
 * method costs one pass over the graph.
 */
import { assertNever } from '../../core/assert-never.js';
import { HrflowError } from '../../core/errors.js';
import { globMatcher, hasWildcard } from './glob.js';
import type { GlobMatcher } from './glob.js';
import { emptySet } from './node-set.js';
import type { NodeSet } from './node-set.js';
import { meetsStateCondition } from './state-comparison.js';
import type { PreviousState } from './state-comparison.js';
import type { MethodCriterion } from './selector-tree.js';
import type { SelectableNode, SelectionGraph } from './selection-graph.js';

/** A criterion that names nodes by their own facts; `selector:` references are resolved above. */
export type NodeCriterion = Exclude<MethodCriterion, { readonly kind: 'selector' }>;

/** The facts methods match against, shared by every criterion of one evaluation. */
export interface MethodContext {
  readonly graph: SelectionGraph;
  /** Required by `state:` criteria. */
  readonly state: PreviousState | undefined;
  readonly ignoredConfigKeys: ReadonlySet<string>;
}

/** The nodes the criterion names. */
export function matchMethod(criterion: NodeCriterion, context: MethodContext): NodeSet {
  const test = nodePredicate(criterion, context);
  const { nodes } = context.graph;
  const found = emptySet(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node && test(node, i)) found[i] = 1;
  }
  return found;
}

/** Called once per node with its index, so predicates can use facts the graph precomputed. */
type NodePredicate = (node: SelectableNode, index: number) => boolean;

function nodePredicate(criterion: NodeCriterion, context: MethodContext): NodePredicate {
  switch (criterion.kind) {
    case 'fqn':
      return fqnPredicate(criterion.pattern, context.graph);
    case 'tag': {
      const matches = globMatcher(criterion.pattern);
      return (node) => node.tags.some(matches);
    }
    case 'path':
      return pathPredicate(criterion.pattern);
    case 'file': {
      const matches = globMatcher(criterion.pattern);
      return (node) => {
        const base = node.path.slice(node.path.lastIndexOf('/') + 1);
        const dot = base.lastIndexOf('.');
        return matches(base) || (dot > 0 && matches(base.slice(0, dot)));
      };
    }
    case 'package': {
      const pattern = criterion.pattern === 'this' ? context.graph.projectName : undefined;
      const matches = globMatcher(pattern ?? criterion.pattern);
      return (node) => matches(node.packageName);
    }
    case 'source': {
      const inPackage = optionalMatcher(criterion.package);
      const inSource = globMatcher(criterion.source);
      const isTable = optionalMatcher(criterion.table);
      return (node) =>
        node.resourceType === 'source' &&
        inPackage(node.packageName) &&
        inSource(node.sourceName ?? '') &&
        isTable(node.name);
    }
    case 'exposure': {
      const inPackage = optionalMatcher(criterion.package);
      const isNamed = globMatcher(criterion.name);
      return (node) =>
        node.resourceType === 'exposure' && inPackage(node.packageName) && isNamed(node.name);
    }
    case 'resourceType':
      return (node) => node.resourceType === criterion.resourceType;
    case 'config':
      return configPredicate(criterion.key, criterion.pattern);
    case 'testType':
      return (node) => node.resourceType === 'test' && node.testType === criterion.testType;
    case 'testName': {
      const matches = globMatcher(criterion.pattern);
      return (node) =>
        node.resourceType === 'test' && node.testName !== undefined && matches(node.testName);
    }
    case 'state':
      return statePredicate(criterion.condition, context);
    default:
      return assertNever(criterion, 'selector method');
  }
}

/**
 * A name matches a node whose last fqn part equals it (or, for a pattern without dots, matches
 * it as a glob); a dotted pattern matches a leading run of fqn parts, with or without the package
 * in front, and from its first wildcard part on it is matched as one glob against the rest.
 * Sources and exposures have their own methods and never match here.
 */
function fqnPredicate(pattern: string, graph: SelectionGraph): NodePredicate {
  const parts = pattern.split('.');
  const firstWild = parts.findIndex(hasWildcard);
  const fixed = firstWild < 0 ? parts.length : firstWild;
  const restPattern = parts.slice(fixed).join('.');
  const rest = firstWild < 0 || restPattern === '*' ? undefined : globMatcher(restPattern);
  const leaf = pattern.includes('.') ? (name: string) => name === pattern : globMatcher(pattern);

  const matchesPrefix = (flat: readonly string[]): boolean => {
    if (flat.length < parts.length) return false;
    for (let i = 0; i < fixed; i++) if (flat[i] !== parts[i]) return false;
    return rest === undefined || rest(flat.slice(fixed).join('.'));
  };
  return (node, index) => {
    if (node.resourceType === 'source' || node.resourceType === 'exposure') return false;
    const name = node.fqn[node.fqn.length - 1];
    if (name !== undefined && leaf(name)) return true;
    const flat = graph.flatFqn[index];
    return flat !== undefined && (matchesPrefix(flat.scoped) || matchesPrefix(flat.unscoped));
  };
}

/** The node's file, or any folder above it, matches; `.` is the project root. */
function pathPredicate(pattern: string): NodePredicate {
  if (pattern === '.') return () => true;
  if (!hasWildcard(pattern)) {
    return (node) => node.path === pattern || node.path.startsWith(`${pattern}/`);
  }
  const matches = globMatcher(pattern, { pathSegments: true });
  return (node) => {
    const segments = node.path.split('/');
    for (let end = segments.length; end > 0; end--) {
      if (matches(segments.slice(0, end).join('/'))) return true;
    }
    return false;
  };
}

/**
 * Strings match as globs, booleans case-insensitively (`true`, `True`), numbers by their decimal
 * text, and a list when any of its elements matches. Objects and missing keys never match.
 */
function configPredicate(key: readonly string[], pattern: string): NodePredicate {
  const matches = globMatcher(pattern);
  const lowered = pattern.toLowerCase();
  const scalarMatches = (value: unknown): boolean => {
    if (typeof value === 'string') return matches(value);
    if (typeof value === 'boolean') return lowered === String(value);
    if (typeof value === 'number') return pattern === String(value);
    return false;
  };
  return (node) => {
    const value = valueAt(node.config, key);
    return Array.isArray(value) ? value.some(scalarMatches) : scalarMatches(value);
  };
}

function statePredicate(
  condition: Extract<NodeCriterion, { kind: 'state' }>['condition'],
  context: MethodContext,
): NodePredicate {
  const { state } = context;
  if (!state) {
    throw new HrflowError('state-not-found', `state:${condition} needs a previous manifest`, {
      hint: 'Pass --state DIR with the target/ directory of the run to compare with.',
    });
  }
  return (node) =>
    meetsStateCondition(condition, node, state.nodes.get(node.id), context.ignoredConfigKeys);
}

function optionalMatcher(pattern: string | undefined): GlobMatcher {
  return pattern === undefined ? () => true : globMatcher(pattern);
}

function valueAt(config: Readonly<Record<string, unknown>>, key: readonly string[]): unknown {
  let current: unknown = config;
  for (const part of key) {
    if (!isRecord(current) || !Object.hasOwn(current, part)) return undefined;
    current = current[part];
  }
  return current;
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
