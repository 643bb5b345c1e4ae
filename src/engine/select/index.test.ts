import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { parseYaml } from '../../core/yaml-file.js';
import { HR_NODES } from '../../testing/hr-selection-graph.js';
import { planSelection, selectNodes } from './index.js';
import type { SelectNodesOptions } from './index.js';
import { loadSelectorsFile, readNamedSelectors } from './named-selectors.js';
import { readPreviousState } from './previous-state.js';
import { createSelectionGraph } from './selection-graph.js';
import type { SelectableNode, SelectionGraph } from './selection-graph.js';
import { INDIRECT_SELECTION_MODES, SELECT_EVERYTHING } from './selector-tree.js';
import type { IndirectSelection } from './selector-tree.js';

const hr = createSelectionGraph(HR_NODES, { projectName: 'hrflow' });

function names(options: SelectNodesOptions, graph: SelectionGraph = hr): string[] {
  const byId = new Map(graph.nodes.map((node) => [node.id, node.name]));
  return [...selectNodes(graph, options).selected].map((id) => byId.get(id) ?? id).sort();
}

function errorOf(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HrflowError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

const selectorsFile = parseYaml<{ selectors: unknown }>(
  `selectors:
  - name: gold
    definition: {method: path, value: models/gold, parents: true}
  - name: daily_models
    default: true
    definition: {intersection: [tag:daily, resource_type:model]}
`,
  'selectors.yml',
);
const selectors = readNamedSelectors(selectorsFile.data.selectors, selectorsFile);

describe('selectNodes', () => {
  it('selects every node when given nothing and no default selector exists', () => {
    expect(names({})).toEqual(HR_NODES.map((node) => node.name).sort());
    expect(planSelection({ select: [] }).include).toBe(SELECT_EVERYTHING);
  });

  it('returns ids in graph order', () => {
    const ids = [...selectNodes(hr, { select: 'stg_workers+' }).selected];
    const positions = ids.map((id) => hr.indexOf.get(id) ?? -1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('keeps only the resource types of the command, after selecting tests eagerly', () => {
    expect(names({ select: 'stg_candidates', resourceTypes: ['model'] })).toEqual([
      'stg_candidates',
    ]);
    expect(names({ select: 'stg_candidates', resourceTypes: ['test'] })).toEqual([
      'unique_stg_candidates_candidate_id',
    ]);
    expect(
      names({ select: '+hiring_funnel', resourceTypes: ['model', 'seed', 'snapshot', 'test'] }),
    ).toEqual([
      'candidate_scd2',
      'hiring_funnel',
      'not_null_hiring_funnel_stage',
      'source_not_null_greenhouse_candidates_id',
      'stg_applications',
      'stg_candidates',
      'unique_stg_candidates_candidate_id',
    ]);
  });

  it('excludes after selecting, taking the excluded nodes’ tests along', () => {
    expect(
      names({ select: 'path:models/bronze path:models/silver', exclude: 'tag:daily' }),
    ).toEqual(['candidate_scd2', 'identity_links', 'stg_applications']);
  });

  it('excludes eagerly even when selection is cautious', () => {
    const options = {
      select: 'identity_links stg_workers',
      indirectSelection: 'cautious' as const,
    };
    expect(names(options)).toEqual([
      'identity_links',
      'relationships_identity_links_worker_id',
      'stg_workers',
    ]);
    expect(names({ ...options, exclude: 'stg_workers' })).toEqual(['identity_links']);
  });

  it('excludes from everything when only --exclude is given, without using the default selector', () => {
    expect(names({ exclude: 'path:models path:sources path:tests', selectors })).toEqual([
      'adhoc_offer_rates',
      'department_map',
      'fiscal_calendar',
      'workers_snapshot',
    ]);
  });

  it('uses the default selector only when no selection flag is given', () => {
    // Eager selection adds tests at each atom, so the tests of daily models survive the
    // intersection with resource_type:model; --resource-type is the way to drop them.
    expect(names({ selectors })).toEqual([
      'assert_no_future_hires',
      'relationships_identity_links_worker_id',
      'stg_candidates',
      'stg_workers',
      'unique_stg_candidates_candidate_id',
    ]);
    expect(names({ selectors, resourceTypes: ['model'] })).toEqual([
      'stg_candidates',
      'stg_workers',
    ]);
    expect(planSelection({ selectors }).origin).toBe('default-selector');
    expect(planSelection({ selectors, select: 'x' }).origin).toBe('select');
  });

  it('uses a named selector given with --selector', () => {
    expect(names({ selector: 'gold', selectors, resourceTypes: ['model'] })).toEqual([
      'attrition',
      'candidate_scd2',
      'hiring_funnel',
      'identity_links',
      'stg_applications',
      'stg_candidates',
      'stg_workers',
    ]);
  });

  it('refuses --selector together with --select or --exclude', () => {
    for (const extra of [{ select: 'x' }, { exclude: ['x'] }]) {
      const e = errorOf(() => selectNodes(hr, { selector: 'gold', selectors, ...extra }));
      expect(e.code).toBe('selector-invalid');
      expect(e.message).toBe('--selector cannot be combined with --select or --exclude');
    }
  });

  it('names the nearest selector when --selector is unknown', () => {
    const e = errorOf(() => selectNodes(hr, { selector: 'glod', selectors }));
    expect(e.message).toBe("unknown selector 'glod'. Did you mean 'gold'?");
  });

  it('reports each --select word that matched nothing', () => {
    const result = selectNodes(hr, {
      select: ['stg_workers tag:nothing', 'stg_workers,tag:metrics 2+ghost'],
      exclude: 'stg_workers',
    });
    expect(result.unmatched).toEqual(['tag:nothing', 'stg_workers,tag:metrics', '2+ghost']);
    expect(result.selected.size).toBe(0);
    expect(selectNodes(hr, { selectors }).unmatched).toEqual([]);
  });

  it('reports syntax errors before looking at the graph, naming the flag', () => {
    expect(errorOf(() => planSelection({ exclude: 'tag:' })).message).toContain(
      'in --exclude at column 5',
    );
    expect(errorOf(() => planSelection({ select: ['a', 'b,'] })).message).toContain(
      "'b,' in --select",
    );
  });

  it('passes the previous state through to state: selectors', () => {
    const state = {
      manifestPath: 'm.json',
      nodes: new Map(
        HR_NODES.filter((n) => n.resourceType !== 'seed').map((n) => [
          n.id,
          { checksum: n.checksum, config: n.config },
        ]),
      ),
    };
    expect(names({ select: 'state:modified', state })).toEqual(['department_map']);
    expect(errorOf(() => selectNodes(hr, { select: 'state:new' })).code).toBe('state-not-found');
  });
});

describe('selectNodes from files on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrflow-select-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds what changed since production, and what depends on it, from selectors.yml and --state', () => {
    const nodes = Object.fromEntries(
      HR_NODES.map((n) => [
        n.id,
        {
          checksum: { name: 'sha256', checksum: n.name === 'stg_workers' ? 'old' : n.checksum },
          config: { ...n.config, schema: 'prod' },
        },
      ]),
    );
    mkdirSync(join(dir, 'prod'));
    writeFileSync(join(dir, 'prod', 'manifest.json'), JSON.stringify({ nodes, sources: {} }));
    writeFileSync(
      join(dir, 'selectors.yml'),
      'selectors:\n  - name: ci\n    definition:\n      method: state\n      value: modified\n      children: true\n',
    );

    const result = selectNodes(hr, {
      selector: 'ci',
      selectors: loadSelectorsFile(join(dir, 'selectors.yml'), 'selectors.yml'),
      state: readPreviousState(join(dir, 'prod'), 'prod'),
      resourceTypes: ['model', 'snapshot', 'test'],
    });
    expect([...result.selected].map((id) => id.split('.')[2])).toEqual([
      'stg_workers',
      'identity_links',
      'attrition',
      'workers_snapshot',
      'relationships_identity_links_worker_id',
      'assert_no_future_hires',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties over random projects

const TAGS = ['t0', 't1', 't2'];

/**
 * Random projects of up to 30 nodes: models, seeds and sources, and tests on one or two earlier
 * non-test nodes; parents always come earlier, as in a loaded project.
 */
const randomProject = fc
  .array(
    fc.record({
      kind: fc.constantFrom('model', 'model', 'seed', 'source', 'test', 'test'),
      parents: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
      tags: fc.subarray(TAGS),
    }),
    { minLength: 1, maxLength: 30 },
  )
  .map((specs) => {
    const nodes: SelectableNode[] = [];
    specs.forEach((spec, i) => {
      const candidates = nodes.filter((node) => node.resourceType !== 'test');
      const picked = [
        ...new Set(spec.parents.map((p) => candidates[p % Math.max(1, candidates.length)]?.id)),
      ];
      const parents = picked.filter((id): id is string => id !== undefined);
      const resourceType = spec.kind === 'test' && parents.length === 0 ? 'model' : spec.kind;
      const readsNothing = resourceType === 'source' || resourceType === 'seed';
      nodes.push({
        id: `n${i}`,
        resourceType,
        name: `n${i}`,
        packageName: 'p',
        fqn: ['p', `n${i}`],
        path: `models/n${i}.sql`,
        tags: spec.tags,
        config: {},
        ...(resourceType === 'source' ? { sourceName: 's' } : {}),
        checksum: `${i}`,
        dependsOn: readsNothing ? [] : parents.slice(0, resourceType === 'test' ? 2 : 3),
      });
    });
    return createSelectionGraph(nodes);
  });

const method = fc.oneof(
  fc.nat({ max: 29 }).map((i) => `n${i}`),
  fc.constantFrom(
    'n1*',
    'n2?',
    'resource_type:model',
    'resource_type:test',
    'source:s',
    ...TAGS.map((t) => `tag:${t}`),
  ),
);
const operand = fc
  .tuple(fc.constantFrom('', '+', '1+', '2+', '@'), method, fc.constantFrom('', '+', '+1', '+2'))
  .map(([before, m, after]) => `${before}${m}${after}`);
const mode = fc.constantFrom<IndirectSelection>(...INDIRECT_SELECTION_MODES);

function plain(id: string, dependsOn: readonly string[] = []): SelectableNode {
  return {
    id,
    resourceType: 'model',
    name: id,
    packageName: 'p',
    fqn: ['p', id],
    path: `models/${id}.sql`,
    tags: [],
    config: {},
    checksum: id,
    dependsOn,
  };
}

function sel(
  graph: SelectionGraph,
  select: string,
  indirectSelection: IndirectSelection,
  exclude?: string,
): Set<string> {
  return new Set(
    selectNodes(graph, { select, indirectSelection, ...(exclude ? { exclude } : {}) }).selected,
  );
}

function union(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a, ...b]);
}

const isSubset = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean =>
  [...a].every((x) => b.has(x));

describe('selectNodes: properties', () => {
  it('+m contains m, and shallower ancestors are contained in deeper ones', () => {
    fc.assert(
      fc.property(randomProject, method, mode, (graph, m, ind) => {
        const own = sel(graph, m, ind);
        const one = sel(graph, `1+${m}`, ind);
        const two = sel(graph, `2+${m}`, ind);
        const all = sel(graph, `+${m}`, ind);
        expect(isSubset(own, one) && isSubset(one, two) && isSubset(two, all)).toBe(true);
        expect(isSubset(sel(graph, `${m}+1`, ind), sel(graph, `${m}+`, ind))).toBe(true);
        expect(isSubset(sel(graph, `${m}+`, ind), sel(graph, `@${m}`, ind))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('+m+ selects what the selector union +m m+ selects, and at least both alone', () => {
    fc.assert(
      fc.property(randomProject, method, mode, (graph, m, ind) => {
        const both = sel(graph, `+${m}+`, ind);
        const apart = union(sel(graph, `+${m}`, ind), sel(graph, `${m}+`, ind));
        expect(both).toEqual(sel(graph, `+${m} ${m}+`, ind));
        expect(isSubset(apart, both)).toBe(true);
        // Buildable counts the parents of a selected test as built (see below), so +m+ may admit
        // a test that neither half admits alone.
        if (ind !== 'buildable') expect(both).toEqual(apart);
      }),
      { numRuns: 300 },
    );
  });

  it('treats the parents of a selected test as buildable', () => {
    // m reads b; t3 tests m and z, so m+ reaches it; t6 tests b and z.
    const graph = createSelectionGraph([
      plain('z'),
      plain('b'),
      plain('m', ['b']),
      { ...plain('t3', ['m', 'z']), resourceType: 'test' },
      { ...plain('t6', ['b', 'z']), resourceType: 'test' },
    ]);
    const buildable = (select: string) => names({ select, indirectSelection: 'buildable' }, graph);
    expect(buildable('+m')).toEqual(['b', 'm']);
    expect(buildable('m+')).toEqual(['m', 't3']);
    expect(buildable('+m+')).toEqual(['b', 'm', 't3', 't6']);
  });

  it('unions and intersections are commutative and idempotent, and agree with set algebra', () => {
    fc.assert(
      fc.property(randomProject, operand, operand, mode, (graph, a, b, ind) => {
        const sa = sel(graph, a, ind);
        const sb = sel(graph, b, ind);
        expect(sel(graph, `${a} ${b}`, ind)).toEqual(sel(graph, `${b} ${a}`, ind));
        expect(sel(graph, `${a},${b}`, ind)).toEqual(sel(graph, `${b},${a}`, ind));
        expect(sel(graph, `${a} ${a}`, ind)).toEqual(sa);
        expect(sel(graph, `${a},${a}`, ind)).toEqual(sa);
        expect(isSubset(union(sa, sb), sel(graph, `${a} ${b}`, ind))).toBe(true);
        expect(isSubset(sel(graph, `${a},${b}`, ind), sel(graph, `${a} ${b}`, ind))).toBe(true);
        if (ind === 'eager' || ind === 'empty') {
          expect(sel(graph, `${a} ${b}`, ind)).toEqual(union(sa, sb));
          expect(sel(graph, `${a},${b}`, ind)).toEqual(new Set([...sa].filter((x) => sb.has(x))));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('--exclude x leaves nothing that x selects, and adds nothing', () => {
    fc.assert(
      fc.property(randomProject, operand, operand, mode, (graph, s, x, ind) => {
        const kept = sel(graph, s, ind, x);
        const excluded = sel(graph, x, 'eager');
        expect([...kept].filter((id) => excluded.has(id))).toEqual([]);
        expect(isSubset(kept, sel(graph, s, ind))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('resource types only filter the selection', () => {
    fc.assert(
      fc.property(
        randomProject,
        operand,
        fc.subarray(['model', 'seed', 'test', 'source'] as const),
        (graph, s, types) => {
          const filtered = new Set(
            selectNodes(graph, { select: s, resourceTypes: types }).selected,
          );
          const types_ = new Set<string>(types);
          const expected = [...sel(graph, s, 'eager')].filter((id) =>
            types_.has(graph.nodes[graph.indexOf.get(id) ?? -1]?.resourceType ?? ''),
          );
          expect(filtered).toEqual(new Set(expected));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('selects a test under every mode but empty whenever all its parents are selected', () => {
    fc.assert(
      fc.property(randomProject, operand, mode, (graph, s, ind) => {
        fc.pre(ind !== 'empty');
        const chosen = sel(graph, s, ind);
        graph.nodes.forEach((node, i) => {
          const parents = graph.parents[i] ?? [];
          const covered =
            parents.length > 0 && parents.every((p) => chosen.has(graph.nodes[p]?.id ?? ''));
          if (node.resourceType === 'test' && covered) expect(chosen.has(node.id)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});
