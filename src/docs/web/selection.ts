/**
 * The graph's selector box runs the engine's own selection code (parser and evaluator, bundled
 * into the app), so `+gold.turnover`, `tag:pii,path:models/silver` and named selectors mean here
 * exactly what they mean to `hrflow ls --select`.
 */
import { selectNodes } from '../../engine/select/index.js';
import { createSelectionGraph } from '../../engine/select/selection-graph.js';
import type { SelectableNode, SelectionGraph } from '../../engine/select/selection-graph.js';
import type { NamedSelectors } from '../../engine/select/selector-tree.js';
import type { SiteData, SiteNode } from '../site-data.js';

/** Selection over the documented project. */
export interface SelectorEngine {
  /** Ids the selection picks; throws the engine's `selector-invalid` error for bad syntax. */
  select(select: string, exclude: string): ReadonlySet<string>;
}

/** Indexes the site nodes as a selection graph, once. */
export function selectorEngine(data: SiteData): SelectorEngine {
  const graph: SelectionGraph = createSelectionGraph(data.nodes.map(selectable), {
    projectName: data.project.name,
  });
  const selectors: NamedSelectors = {
    byName: new Map(data.selectors.map((s) => [s.name, s])),
    defaultName: data.selectors.find((s) => s.isDefault)?.name,
  };
  return {
    select(select, exclude) {
      const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
      return selectNodes(graph, {
        ...(words(select).length > 0 ? { select: words(select) } : {}),
        ...(words(exclude).length > 0 ? { exclude: words(exclude) } : {}),
        selectors,
      }).selected;
    },
  };
}

function selectable(node: SiteNode): SelectableNode {
  return {
    id: node.id,
    resourceType: node.kind,
    name: node.name,
    packageName: node.packageName,
    fqn: node.fqn,
    path: node.path,
    tags: node.tags,
    config: node.config,
    checksum: node.checksum,
    dependsOn: node.dependsOn,
    ...(node.source ? { sourceName: node.source.sourceName } : {}),
    ...(node.test
      ? {
          testType: node.test.testName ? 'generic' : 'singular',
          ...(node.test.testName ? { testName: node.test.testName } : {}),
        }
      : {}),
  };
}
