import { describe, expect, it } from 'vitest';
import type { SiteKind, SiteNode } from '../site-data.js';
import { foldersToCollapse, pathsThrough, visibleGraph } from './graph-model.js';
import type { GraphFilter } from './graph-model.js';

function node(
  id: string,
  kind: SiteKind,
  dependsOn: string[],
  extra: Partial<SiteNode> = {},
): SiteNode {
  return {
    id,
    kind,
    name: id,
    label: id,
    packageName: 'hr',
    fqn: ['hr', id],
    path: `models/${id}.sql`,
    layer: 'silver',
    folder: 'models/silver',
    description: '',
    tags: [],
    config: {},
    meta: {},
    checksum: '',
    columns: [],
    dependsOn,
    tests: [],
    ...extra,
  };
}

// src → stg → worker → turnover → dashboard, with a test on worker and a gold folder.
const NODES: SiteNode[] = [
  node('src', 'source', [], { folder: 'sources/workday', layer: 'bronze' }),
  node('stg', 'model', ['src'], { tags: ['bronze'] }),
  node('worker', 'model', ['stg']),
  node('test_worker', 'test', ['worker']),
  node('turnover', 'model', ['worker'], { folder: 'models/gold', layer: 'gold', tags: ['gold'] }),
  node('headcount', 'model', ['worker'], { folder: 'models/gold', layer: 'gold', tags: ['gold'] }),
  node('dashboard', 'exposure', ['turnover'], { folder: 'exposures', layer: 'exposure' }),
];

const ALL: GraphFilter = {
  kinds: new Set(['source', 'model', 'exposure']),
  collapsed: new Set(),
};

const edges = (g: ReturnType<typeof visibleGraph>) =>
  g.edges.map((e) => `${e.from}>${e.to}`).sort();

describe('which boxes and arrows the lineage graph shows', () => {
  it('leaves tests out by type and keeps every other edge', () => {
    const g = visibleGraph(NODES, ALL);
    expect(g.boxes.map((b) => b.key)).not.toContain('test_worker');
    expect(edges(g)).toEqual([
      'src>stg',
      'stg>worker',
      'turnover>dashboard',
      'worker>headcount',
      'worker>turnover',
    ]);
  });

  it('draws an edge through nodes a filter hides, so the flow stays connected', () => {
    const g = visibleGraph(NODES, { ...ALL, selected: new Set(['src', 'turnover']) });
    expect(edges(g)).toEqual(['src>turnover']);
  });

  it('focuses on a node with n levels up and down', () => {
    const g = visibleGraph(NODES, { ...ALL, focus: { id: 'worker', up: 1, down: 1 } });
    expect(g.boxes.map((b) => b.key).sort()).toEqual(['headcount', 'stg', 'turnover', 'worker']);
  });

  it('filters by tag and by folder', () => {
    expect(visibleGraph(NODES, { ...ALL, tag: 'gold' }).boxes.map((b) => b.key)).toEqual([
      'turnover',
      'headcount',
    ]);
    expect(visibleGraph(NODES, { ...ALL, folder: 'models' }).boxes).toHaveLength(4);
  });

  it('collapses folders into one box each, except the focus node', () => {
    const g = visibleGraph(NODES, { ...ALL, collapsed: foldersToCollapse(NODES, 'turnover') });
    const keys = g.boxes.map((b) => b.key).sort();
    expect(keys).toEqual([
      'folder:exposures',
      'folder:models/silver',
      'folder:sources/workday',
      'headcount',
      'turnover',
    ]);
    const silver = g.boxes.find((b) => b.key === 'folder:models/silver');
    expect(silver?.type === 'folder' ? silver.members.length : 0).toBe(2);
    expect(edges(g)).toContain('folder:models/silver>turnover');
    expect(edges(g)).not.toContain('folder:models/silver>folder:models/silver');
  });

  it('highlights everything upstream and downstream of a box', () => {
    const g = visibleGraph(NODES, ALL);
    expect([...pathsThrough(g, 'turnover')].sort()).toEqual([
      'dashboard',
      'src',
      'stg',
      'turnover',
      'worker',
    ]);
  });
});
