/**
 * The project graph as selection sees it: the facts about each node that methods match on, and
 * parent/child adjacency by integer index so graph operators run as linear-time breadth-first
 * searches. Cycles are harmless here; detecting them is the DAG planner's job.
 */
import { InternalError } from '../../core/errors.js';
import { emptySet, indexesIn, setOf } from './node-set.js';
import type { NodeSet } from './node-set.js';
import type { Depth, ResourceType, TestType } from './selector-tree.js';

/** What selection needs to know about one node of the loaded project. */
export interface SelectableNode {
  /** Unique id: `model.hrflow.stg_candidates`, `source.hrflow.greenhouse.candidates`. */
  readonly id: string;
  readonly resourceType: ResourceType;
  /** The name a user types: the model or seed name, a source's table name, a test's name. */
  readonly name: string;
  /** The package (project) that defines the node. */
  readonly packageName: string;
  /** Package, folders below the resource folder, then the name; what `fqn:` matches. */
  readonly fqn: readonly string[];
  /** The defining file relative to the project root, `/`-separated; a source's YAML file. */
  readonly path: string;
  readonly tags: readonly string[];
  /** Resolved config as it will be written to the manifest; what `config.<key>:` matches. */
  readonly config: Readonly<Record<string, unknown>>;
  /** The source a source table belongs to; sources only. */
  readonly sourceName?: string;
  /** Tests only. */
  readonly testType?: TestType;
  /** The generic test instantiated (`unique`, `not_null`, ...); generic tests only. */
  readonly testName?: string;
  /** Checksum of the node's body, compared by `state:modified.body`. */
  readonly checksum: string;
  /** Ids of the nodes this one reads from; ids missing from the graph are ignored. */
  readonly dependsOn: readonly string[];
}

/** An indexed, immutable graph built once per loaded project and shared by every selection. */
export interface SelectionGraph {
  readonly nodes: readonly SelectableNode[];
  /** The position of each node in `nodes`. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** `parents[i]`: indexes of the nodes node `i` depends on, without duplicates. */
  readonly parents: readonly (readonly number[])[];
  /** `children[i]`: indexes of the nodes that depend on node `i`, without duplicates. */
  readonly children: readonly (readonly number[])[];
  /** Indexes of every source node, which `buildable` test selection treats as always built. */
  readonly sources: NodeSet;
  /** `fqn` of each node split at every dot, and the same without the package, for `fqn:`. */
  readonly flatFqn: readonly {
    readonly scoped: readonly string[];
    readonly unscoped: readonly string[];
  }[];
  /** The root project's package name, which `package:this` stands for. */
  readonly projectName: string | undefined;
}

/** Project facts that are not per node. */
export interface SelectionGraphOptions {
  /** The root project's package name, so that `package:this` can name it. */
  readonly projectName?: string;
}

/** Indexes the nodes. Duplicate ids are a loader bug and raise an internal error. */
export function createSelectionGraph(
  nodes: readonly SelectableNode[],
  options: SelectionGraphOptions = {},
): SelectionGraph {
  const indexOf = new Map<string, number>();
  nodes.forEach((node, i) => {
    if (indexOf.has(node.id)) {
      throw new InternalError(`node id ${node.id} appears twice in the graph`);
    }
    indexOf.set(node.id, i);
  });

  const children: number[][] = nodes.map(() => []);
  const parents = nodes.map((node, i) => {
    const own = new Set<number>();
    for (const id of node.dependsOn) {
      const parent = indexOf.get(id);
      if (parent !== undefined) own.add(parent);
    }
    for (const parent of own) children[parent]?.push(i);
    return [...own];
  });

  const sources = emptySet(nodes.length);
  nodes.forEach((node, i) => {
    if (node.resourceType === 'source') sources[i] = 1;
  });
  const flatFqn = nodes.map((node) => {
    const dotted = node.fqn.some((part) => part.includes('.'));
    const flat = (parts: readonly string[]) =>
      dotted ? parts.flatMap((p) => p.split('.')) : parts;
    return { scoped: flat(node.fqn), unscoped: flat(node.fqn.slice(1)) };
  });
  return { nodes, indexOf, parents, children, sources, flatFqn, projectName: options.projectName };
}

/**
 * Nodes reachable from any seed by following between 1 and `depth` parent edges. A seed is in
 * the result only when a cycle leads back to it. Runs in O(nodes + edges).
 */
export function upstreamOf(graph: SelectionGraph, seeds: NodeSet, depth: Depth): NodeSet {
  return reach(graph.parents, seeds, depth);
}

/** Like {@link upstreamOf}, following child edges. */
export function downstreamOf(graph: SelectionGraph, seeds: NodeSet, depth: Depth): NodeSet {
  return reach(graph.children, seeds, depth);
}

/** Ids of the ancestors of the given nodes, up to `depth` edges away; unknown ids are ignored. */
export function ancestorsOf(
  graph: SelectionGraph,
  ids: Iterable<string>,
  depth: Depth = 'all',
): Set<string> {
  return idsOf(graph, upstreamOf(graph, nodeSetOf(graph, ids), depth));
}

/** Ids of the descendants of the given nodes, up to `depth` edges away; unknown ids are ignored. */
export function descendantsOf(
  graph: SelectionGraph,
  ids: Iterable<string>,
  depth: Depth = 'all',
): Set<string> {
  return idsOf(graph, downstreamOf(graph, nodeSetOf(graph, ids), depth));
}

/** Node ids of a set's members, in graph order. */
export function idsOf(graph: SelectionGraph, set: NodeSet): Set<string> {
  const ids = new Set<string>();
  for (const i of indexesIn(set)) {
    const node = graph.nodes[i];
    if (node) ids.add(node.id);
  }
  return ids;
}

/** The set of the given ids that are in the graph. */
export function nodeSetOf(graph: SelectionGraph, ids: Iterable<string>): NodeSet {
  const indexes: number[] = [];
  for (const id of ids) {
    const i = graph.indexOf.get(id);
    if (i !== undefined) indexes.push(i);
  }
  return setOf(graph.nodes.length, indexes);
}

/** Breadth-first search from every seed at once, so each node is visited at most once. */
function reach(edges: readonly (readonly number[])[], seeds: NodeSet, depth: Depth): NodeSet {
  const limit = depth === 'all' ? Number.POSITIVE_INFINITY : depth;
  const found = emptySet(edges.length);
  if (limit < 1) return found;

  const distance = new Int32Array(edges.length).fill(-1);
  const queue = new Int32Array(edges.length);
  let head = 0;
  let tail = 0;
  for (let seed = 0; seed < seeds.length; seed++) {
    if (!seeds[seed]) continue;
    distance[seed] = 0;
    queue[tail++] = seed;
  }
  while (head < tail) {
    const from = queue[head++] ?? 0;
    const next = (distance[from] ?? 0) + 1;
    for (const to of edges[from] ?? []) {
      found[to] = 1;
      if (distance[to] !== -1) continue;
      distance[to] = next;
      if (next < limit) queue[tail++] = to;
    }
  }
  return found;
}
