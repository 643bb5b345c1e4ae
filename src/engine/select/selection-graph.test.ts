import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InternalError } from '../../core/errors.js';
import { HR_NODES } from '../../testing/hr-selection-graph.js';
import { indexesIn, setOf } from './node-set.js';
import {
  ancestorsOf,
  createSelectionGraph,
  descendantsOf,
  downstreamOf,
  upstreamOf,
} from './selection-graph.js';
import type { SelectableNode } from './selection-graph.js';
import type { Depth } from './selector-tree.js';

function plain(id: string, dependsOn: readonly string[] = []): SelectableNode {
  return {
    id,
    resourceType: 'model',
    name: id,
    packageName: 'hrflow',
    fqn: ['hrflow', id],
    path: `models/${id}.sql`,
    tags: [],
    config: {},
    checksum: id,
    dependsOn,
  };
}

describe('createSelectionGraph', () => {
  it('links parents and children by index, ignoring unknown and repeated parents', () => {
    const graph = createSelectionGraph([plain('a'), plain('b', ['a', 'a', 'ghost'])]);
    expect(graph.parents).toEqual([[], [0]]);
    expect(graph.children).toEqual([[1], []]);
  });

  it('rejects a repeated id as a loader bug', () => {
    expect(() => createSelectionGraph([plain('a'), plain('a')])).toThrow(InternalError);
  });

  it('splits fqn parts at dots so that fqn: can match across them', () => {
    const graph = createSelectionGraph([{ ...plain('a'), fqn: ['hrflow', 'people.v2', 'a'] }]);
    expect(graph.flatFqn[0]).toEqual({
      scoped: ['hrflow', 'people', 'v2', 'a'],
      unscoped: ['people', 'v2', 'a'],
    });
  });

  it('remembers the sources and the project name', () => {
    const graph = createSelectionGraph(HR_NODES, { projectName: 'hrflow' });
    expect(indexesIn(graph.sources)).toEqual([0, 1, 2]);
    expect(graph.projectName).toBe('hrflow');
  });
});

describe('ancestorsOf and descendantsOf', () => {
  const graph = createSelectionGraph(HR_NODES);

  it('walks every generation by default and stops at a depth', () => {
    expect(ancestorsOf(graph, ['model.hrflow.hiring_funnel'])).toEqual(
      new Set([
        'source.hrflow.greenhouse.candidates',
        'source.hrflow.greenhouse.applications',
        'model.hrflow.stg_candidates',
        'model.hrflow.stg_applications',
        'model.hrflow.candidate_scd2',
      ]),
    );
    expect(ancestorsOf(graph, ['model.hrflow.hiring_funnel'], 1)).toEqual(
      new Set(['model.hrflow.candidate_scd2', 'model.hrflow.stg_applications']),
    );
    expect(descendantsOf(graph, ['model.hrflow.identity_links'], 1)).toEqual(
      new Set(['model.hrflow.attrition', 'test.hrflow.relationships_identity_links_worker_id.c3']),
    );
  });

  it('reaches nothing at depth 0 and ignores unknown ids', () => {
    expect(ancestorsOf(graph, ['model.hrflow.attrition'], 0)).toEqual(new Set());
    expect(descendantsOf(graph, ['model.nobody.nothing'])).toEqual(new Set());
  });

  it('terminates on cycles and includes a seed only when a cycle leads back to it', () => {
    const cyclic = createSelectionGraph([
      plain('a', ['c']),
      plain('b', ['a']),
      plain('c', ['b']),
      plain('d'),
    ]);
    expect(ancestorsOf(cyclic, ['a'])).toEqual(new Set(['a', 'b', 'c']));
    expect(ancestorsOf(cyclic, ['a'], 2)).toEqual(new Set(['b', 'c']));
    expect(descendantsOf(cyclic, ['d'])).toEqual(new Set());
  });
});

/** Graphs of up to 25 nodes with arbitrary edges, cycles and self-loops included. */
const randomGraph = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: n * 3 }),
      fc.uniqueArray(fc.nat(n - 1), { maxLength: 4 }),
      fc.oneof(fc.constant<Depth>('all'), fc.nat({ max: 6 })),
    ),
  );

/** Generation by generation, with no pruning: obviously right, and quadratic. */
function naiveReach(
  edges: readonly (readonly number[])[],
  seeds: readonly number[],
  depth: Depth,
): Set<number> {
  const limit = depth === 'all' ? edges.length : depth;
  const found = new Set<number>();
  let frontier = new Set(seeds);
  for (let d = 1; d <= limit; d++) {
    const next = new Set<number>();
    for (const from of frontier) for (const to of edges[from] ?? []) next.add(to);
    for (const to of next) found.add(to);
    frontier = next;
  }
  return found;
}

describe('graph reach: properties', () => {
  it('equals the generation-by-generation walk, upstream and downstream, at any depth', () => {
    fc.assert(
      fc.property(randomGraph, ([n, edges, seeds, depth]) => {
        const nodes = Array.from({ length: n }, (_, i) =>
          plain(
            `n${i}`,
            edges.filter(([child]) => child === i).map(([, parent]) => `n${parent}`),
          ),
        );
        const graph = createSelectionGraph(nodes);
        const seedSet = setOf(n, seeds);
        expect(new Set(indexesIn(upstreamOf(graph, seedSet, depth)))).toEqual(
          naiveReach(graph.parents, seeds, depth),
        );
        expect(new Set(indexesIn(downstreamOf(graph, seedSet, depth)))).toEqual(
          naiveReach(graph.children, seeds, depth),
        );
      }),
      { numRuns: 500 },
    );
  });
});
