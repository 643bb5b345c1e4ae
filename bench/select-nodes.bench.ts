/**
 * Selection on synthetic projects of 1,000 and 10,000 nodes shaped like hrflow's medallion layout:
 * sources, bronze, silver and gold models in layers that each read a few nodes of the layer
 * below, and one or two generic tests per model. Run with `npx vitest bench --run bench/`.
 * Ten times the nodes should cost about ten times the time; anything steeper is a regression.
 */
import { bench, describe } from 'vitest';
import { selectNodes } from '../src/engine/select/index.js';
import { createSelectionGraph } from '../src/engine/select/selection-graph.js';
import type { SelectableNode, SelectionGraph } from '../src/engine/select/selection-graph.js';
import type { PreviousState } from '../src/engine/select/state-comparison.js';

/** A deterministic project of about `size` nodes; a linear congruential generator picks edges. */
function project(size: number): SelectableNode[] {
  let seed = 42;
  const random = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const nodes: SelectableNode[] = [];
  const layers: string[][] = [];
  const perLayer = Math.floor(size / 8);
  const layerNames = ['source', 'bronze', 'silver', 'silver', 'gold'] as const;

  layerNames.forEach((layer, depth) => {
    const ids: string[] = [];
    for (let i = 0; i < perLayer; i++) {
      const name = `${layer}_${depth}_${i}`;
      const isSource = layer === 'source';
      const below = layers[depth - 1] ?? [];
      const id = isSource ? `source.hrflow.src.${name}` : `model.hrflow.${name}`;
      nodes.push({
        id,
        resourceType: isSource ? 'source' : 'model',
        name,
        packageName: 'hrflow',
        fqn: ['hrflow', layer, name],
        path: isSource ? 'sources/src.yaml' : `models/${layer}/${name}.sql`,
        tags: i % 10 === 0 ? ['nightly'] : [],
        config: { materialized: i % 3 === 0 ? 'table' : 'view' },
        ...(isSource ? { sourceName: 'src' } : {}),
        checksum: name,
        dependsOn: isSource ? [] : [0, 1, 2].map(() => below[random(below.length)] ?? ''),
      });
      ids.push(id);
    }
    layers.push(ids);
  });

  const models = nodes.filter((node) => node.resourceType === 'model');
  while (nodes.length < size) {
    const parent = models[random(models.length)];
    if (!parent) break;
    nodes.push({
      id: `test.hrflow.not_null_${parent.name}_${nodes.length}`,
      resourceType: 'test',
      name: `not_null_${parent.name}_${nodes.length}`,
      packageName: 'hrflow',
      fqn: ['hrflow', `not_null_${parent.name}_${nodes.length}`],
      path: 'models/schema.yml',
      tags: [],
      config: {},
      testType: 'generic',
      testName: 'not_null',
      checksum: '',
      dependsOn: [parent.id],
    });
  }
  return nodes;
}

function previousOf(graph: SelectionGraph): PreviousState {
  const nodes = new Map(
    graph.nodes.map((node, i) => [
      node.id,
      { checksum: i % 50 === 0 ? 'changed' : node.checksum, config: node.config },
    ]),
  );
  return { manifestPath: 'bench/manifest.json', nodes };
}

for (const size of [1_000, 10_000]) {
  const nodes = project(size);
  const graph = createSelectionGraph(nodes);
  const middle = graph.nodes[Math.floor(size / 4)]?.name ?? '';
  const state = previousOf(graph);

  describe(`${size} nodes`, () => {
    bench('index the graph', () => {
      createSelectionGraph(nodes);
    });
    bench(`+m+ on one silver model`, () => {
      selectNodes(graph, { select: `+${middle}+` });
    });
    bench('@m on one silver model', () => {
      selectNodes(graph, { select: `@${middle}` });
    });
    bench('+tag:nightly+ (a tenth of the models), cautious', () => {
      selectNodes(graph, { select: '+tag:nightly+', indirectSelection: 'cautious' });
    });
    bench('state:modified+ --exclude config.materialized:view', () => {
      selectNodes(graph, {
        select: 'state:modified+',
        exclude: 'config.materialized:view',
        state,
      });
    });
    bench('everything, models only', () => {
      selectNodes(graph, { resourceTypes: ['model'] });
    });
  });
}
