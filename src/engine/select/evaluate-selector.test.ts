import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { HR_NODES } from '../../testing/hr-selection-graph.js';
import { evaluateSelector } from './evaluate-selector.js';
import type { EvaluationOptions, Selected } from './evaluate-selector.js';
import { indexesIn } from './node-set.js';
import type { NodeSet } from './node-set.js';
import { parseSelection } from './parse-selector.js';
import type { PreviousNode, PreviousState } from './state-comparison.js';
import { createSelectionGraph } from './selection-graph.js';
import type { SelectableNode, SelectionGraph } from './selection-graph.js';
import type { NamedSelectors, SelectorExpr } from './selector-tree.js';

const hr = createSelectionGraph(HR_NODES, { projectName: 'hrflow' });

function namesOf(graph: SelectionGraph, set: NodeSet): string[] {
  return indexesIn(set)
    .map((i) => graph.nodes[i]?.name ?? `#${i}`)
    .sort();
}

function run(expr: string | SelectorExpr, options: EvaluationOptions = {}, graph = hr): Selected {
  const tree = typeof expr === 'string' ? parseSelection(expr, { label: '--select' }) : expr;
  return evaluateSelector(tree, graph, options);
}

/** Names selected, sorted; `empty` mode unless given, so methods are seen alone. */
function select(
  expr: string | SelectorExpr,
  options: EvaluationOptions = {},
  graph = hr,
): string[] {
  return namesOf(graph, run(expr, { indirectSelection: 'empty', ...options }, graph).direct);
}

const MODELS = [
  'attrition',
  'candidate_scd2',
  'fiscal_calendar',
  'hiring_funnel',
  'identity_links',
  'stg_applications',
  'stg_candidates',
  'stg_workers',
];
const GENERIC_TESTS = [
  'not_null_hiring_funnel_stage',
  'relationships_identity_links_worker_id',
  'source_not_null_greenhouse_candidates_id',
  'unique_stg_candidates_candidate_id',
];
const TESTS = [...GENERIC_TESTS, 'assert_no_future_hires'].sort();
const SOURCES = ['applications', 'candidates', 'workers'];
const ALL = HR_NODES.map((node) => node.name).sort();

describe('methods', () => {
  it.each<[string, string[]]>([
    ['stg_candidates', ['stg_candidates']],
    ['stg_*', ['stg_applications', 'stg_candidates', 'stg_workers']],
    ['gold.hiring_funnel', ['hiring_funnel']],
    ['hrflow.gold.*', ['attrition', 'hiring_funnel', 'not_null_hiring_funnel_stage']],
    ['silver.*_scd2', ['candidate_scd2']],
    [
      'bronze',
      ['stg_applications', 'stg_candidates', 'stg_workers', 'unique_stg_candidates_candidate_id'],
    ],
    ['hr_utils.fiscal_calendar', ['fiscal_calendar']],
    ['fqn:hr_utils', ['fiscal_calendar']],
    ['fqn:*', ALL.filter((n) => !SOURCES.includes(n) && n !== 'hiring_dashboard')],
    ['candidates', []],
    ['tag:daily', ['assert_no_future_hires', 'stg_candidates', 'stg_workers']],
    ['tag:pii', ['candidates', 'workers']],
    ['tag:green*', ['stg_applications', 'stg_candidates']],
    ['path:models/gold', ['attrition', 'hiring_funnel', 'not_null_hiring_funnel_stage']],
    ['models/bronze/stg_workers.sql', ['stg_workers']],
    ['path:models/*/stg_*.sql', ['stg_applications', 'stg_candidates', 'stg_workers']],
    ['path:models/**/schema.yml', GENERIC_TESTS.filter((n) => !n.startsWith('source_'))],
    [
      'path:sources',
      ['applications', 'candidates', 'source_not_null_greenhouse_candidates_id', 'workers'],
    ],
    ['path:model', []],
    ['path:.', ALL],
    ['stg_workers.sql', ['stg_workers']],
    ['file:stg_workers', ['stg_workers']],
    ['department_map.csv', ['department_map']],
    ['file:schema.yml', GENERIC_TESTS.filter((n) => !n.startsWith('source_'))],
    ['package:hr_utils', ['fiscal_calendar']],
    ['package:hr_*', ['fiscal_calendar']],
    ['package:this', ALL.filter((n) => n !== 'fiscal_calendar')],
    ['source:greenhouse', ['applications', 'candidates']],
    ['source:greenhouse.candidates', ['candidates']],
    ['source:hrflow.workday.workers', ['workers']],
    ['source:hr_utils.workday.workers', []],
    ['source:*', SOURCES],
    ['exposure:hiring_dashboard', ['hiring_dashboard']],
    ['exposure:hrflow.*', ['hiring_dashboard']],
    ['resource_type:model', MODELS],
    ['resource_type:seed', ['department_map']],
    ['resource_type:snapshot', ['workers_snapshot']],
    ['resource_type:test', TESTS],
    ['resource_type:source', SOURCES],
    ['resource_type:exposure', ['hiring_dashboard']],
    ['resource_type:analysis', ['adhoc_offer_rates']],
    [
      'config.materialized:table',
      ['attrition', 'fiscal_calendar', 'hiring_funnel', 'identity_links'],
    ],
    ['config.materialized:incr*', ['candidate_scd2']],
    ['config.meta.owner:people', ['attrition', 'stg_workers']],
    ['config.tags:daily', ['stg_candidates', 'stg_workers']],
    ['config.unique_key:valid_from', ['candidate_scd2']],
    ['config.unique_key:worker_id', ['workers_snapshot']],
    ['config.contract.enforced:true', ['candidate_scd2']],
    ['config.contract.enforced:True', ['candidate_scd2']],
    ['config.meta.pii:TRUE', ['stg_candidates']],
    ['config.full_refresh:false', ['candidate_scd2']],
    ['config.batch_size:500', ['candidate_scd2']],
    ['config.meta:recruiting', []],
    ['config.contract:true', []],
    ['config.nothing.here:x', []],
    ['config.enabled:true', ['workers']],
    ['test_type:generic', GENERIC_TESTS],
    ['test_type:singular', ['assert_no_future_hires']],
    [
      'test_name:not_null',
      ['not_null_hiring_funnel_stage', 'source_not_null_greenhouse_candidates_id'],
    ],
    ['test_name:rel*', ['relationships_identity_links_worker_id']],
  ])('%s', (text, expected) => {
    expect(select(text)).toEqual([...expected].sort());
  });

  it('reads package:this literally when the graph has no project name', () => {
    expect(select('package:this', {}, createSelectionGraph(HR_NODES))).toEqual([]);
  });
});

describe('graph operators', () => {
  it.each<[string, string[]]>([
    [
      '+hiring_funnel',
      [
        'applications',
        'candidate_scd2',
        'candidates',
        'hiring_funnel',
        'stg_applications',
        'stg_candidates',
      ],
    ],
    ['1+hiring_funnel', ['candidate_scd2', 'hiring_funnel', 'stg_applications']],
    ['0+hiring_funnel+0', ['hiring_funnel']],
    [
      'stg_workers+',
      [
        'assert_no_future_hires',
        'attrition',
        'identity_links',
        'relationships_identity_links_worker_id',
        'stg_workers',
        'workers_snapshot',
      ],
    ],
    [
      'stg_workers+1',
      [
        'attrition',
        'identity_links',
        'relationships_identity_links_worker_id',
        'stg_workers',
        'workers_snapshot',
      ],
    ],
    [
      '@stg_applications',
      [
        'adhoc_offer_rates',
        'applications',
        'candidate_scd2',
        'candidates',
        'hiring_dashboard',
        'hiring_funnel',
        'not_null_hiring_funnel_stage',
        'stg_applications',
        'stg_candidates',
      ],
    ],
    ['+tag:metrics,resource_type:source', SOURCES],
    ['source:workday+1', ['stg_workers', 'workers']],
  ])('%s', (text, expected) => {
    expect(select(text)).toEqual(expected);
  });

  it('unites ancestors and descendants for +m+', () => {
    expect(select('+identity_links+')).toEqual(
      [...new Set([...select('+identity_links'), ...select('identity_links+')])].sort(),
    );
  });
});

describe('set operations', () => {
  it.each<[string, string[]]>([
    ['tag:daily,resource_type:model', ['stg_candidates', 'stg_workers']],
    ['tag:metrics tag:pii', ['attrition', 'candidates', 'hiring_funnel', 'workers']],
    ['+attrition,tag:daily', ['stg_candidates', 'stg_workers']],
    ['tag:metrics,tag:pii', []],
  ])('%s', (text, expected) => {
    expect(select(text)).toEqual(expected);
  });

  it('subtracts a difference after evaluating both sides', () => {
    const include = parseSelection('path:models/bronze', { label: 't' });
    const exclude = parseSelection('tag:daily', { label: 't' });
    const difference: SelectorExpr = { kind: 'difference', include, exclude };
    expect(select(difference)).toEqual(['stg_applications', 'unique_stg_candidates_candidate_id']);
    // Under eager selection the excluded models take their tests with them.
    expect(namesOf(hr, run(difference, { indirectSelection: 'eager' }).direct)).toEqual([
      'stg_applications',
    ]);
  });
});

/** a and b are independent; t tests both; c reads b; u tests b and c; v tests a and a source. */
const small = createSelectionGraph([
  node('model.p.a', 'model'),
  node('model.p.b', 'model'),
  node('model.p.c', 'model', ['model.p.b']),
  node('source.p.s.s', 'source'),
  node('test.p.t', 'test', ['model.p.a', 'model.p.b']),
  node('test.p.u', 'test', ['model.p.b', 'model.p.c']),
  node('test.p.v', 'test', ['model.p.a', 'source.p.s.s']),
]);

function node(
  id: string,
  resourceType: SelectableNode['resourceType'],
  dependsOn: string[] = [],
): SelectableNode {
  const name = id.split('.').pop() ?? id;
  return {
    id,
    resourceType,
    name,
    packageName: 'p',
    fqn: ['p', name],
    path: `${name}.sql`,
    tags: [],
    config: {},
    checksum: name,
    dependsOn,
  };
}

describe('indirect selection of tests', () => {
  const pick = (text: string, indirectSelection: EvaluationOptions['indirectSelection']) =>
    namesOf(small, run(text, { indirectSelection }, small).direct);

  it.each<[string, string, string[]]>([
    ['eager', 'a', ['a', 't', 'v']],
    ['eager', 'c', ['c', 'u']],
    ['cautious', 'a', ['a']],
    ['cautious', 'a b', ['a', 'b', 't']],
    ['cautious', 'b c', ['b', 'c', 'u']],
    ['cautious', 'a,resource_type:model', ['a']],
    ['buildable', 'a', ['a', 'v']],
    ['buildable', 'c', ['c', 'u']],
    ['buildable', 'a b', ['a', 'b', 't', 'v']],
    ['buildable', 'b', ['b']],
    ['empty', 'a b c', ['a', 'b', 'c']],
    ['empty', 'a t', ['a', 't']],
    ['eager', 'resource_type:test', ['t', 'u', 'v']],
  ])('%s: %s', (mode, text, expected) => {
    expect(pick(text, mode as EvaluationOptions['indirectSelection'])).toEqual(expected);
  });

  it('defaults to eager', () => {
    expect(namesOf(small, run('a', {}, small).direct)).toEqual(['a', 't', 'v']);
  });

  it('keeps tests it held back, so a later union can admit them', () => {
    const result = run('a', { indirectSelection: 'cautious' }, small);
    expect(namesOf(small, result.indirect)).toEqual(['t', 'v']);
    expect(namesOf(small, run('a', { indirectSelection: 'empty' }, small).indirect)).toEqual([]);
  });

  it('lets an atom from a YAML definition choose its own mode', () => {
    const tree: SelectorExpr = {
      kind: 'atom',
      method: { kind: 'fqn', pattern: 'a' },
      childrensParents: false,
      indirectSelection: 'cautious',
    };
    expect(namesOf(small, run(tree, { indirectSelection: 'eager' }, small).direct)).toEqual(['a']);
  });

  it('admits tests of nodes reached through graph operators', () => {
    expect(pick('+c', 'eager')).toEqual(['b', 'c', 't', 'u']);
    expect(pick('+c', 'cautious')).toEqual(['b', 'c', 'u']);
    // Graph operators walk through tests like any other node.
    expect(pick('b+', 'cautious')).toEqual(['b', 'c', 't', 'u']);
  });
});

describe('state: methods', () => {
  const previous = new Map<string, PreviousNode>(
    HR_NODES.filter((n) => n.name !== 'fiscal_calendar').map((n) => [
      n.id,
      { checksum: n.checksum, config: n.config },
    ]),
  );
  previous.set('model.hrflow.stg_candidates', {
    checksum: 'sha256:old',
    config: HR_NODES[3]?.config ?? {},
  });
  previous.set('model.hrflow.hiring_funnel', {
    checksum: 'sha256:hiring_funnel',
    config: { materialized: 'view', tags: ['metrics'] },
  });
  previous.set('model.hrflow.attrition', {
    checksum: 'sha256:attrition',
    config: {
      materialized: 'table',
      tags: ['metrics'],
      meta: { owner: 'people' },
      schema: 'gold_dev',
      alias: null,
    },
  });
  previous.set('model.hrflow.stg_workers', {
    checksum: 'sha256:stg_workers',
    config: { materialized: 'view', tags: ['workday'], meta: { owner: 'people' } },
  });
  previous.set('model.hrflow.dropped_model', { checksum: 'x', config: {} });
  const state: PreviousState = { manifestPath: 'prod/manifest.json', nodes: previous };

  it.each<[string, string[]]>([
    ['state:new', ['fiscal_calendar']],
    ['state:modified.body', ['fiscal_calendar', 'stg_candidates']],
    ['state:modified.configs', ['fiscal_calendar', 'hiring_funnel']],
    ['state:modified', ['fiscal_calendar', 'hiring_funnel', 'stg_candidates']],
    ['state:old', ALL.filter((n) => n !== 'fiscal_calendar')],
    [
      'state:unmodified',
      ALL.filter((n) => !['fiscal_calendar', 'hiring_funnel', 'stg_candidates'].includes(n)),
    ],
    [
      'state:modified+1,resource_type:model',
      ['candidate_scd2', 'fiscal_calendar', 'hiring_funnel', 'stg_candidates'],
    ],
  ])('%s', (text, expected) => {
    expect(select(text, { state })).toEqual(expected);
  });

  it('compares every config key when told to ignore none', () => {
    expect(select('state:modified.configs', { state, ignoredConfigKeys: [] })).toEqual([
      'attrition',
      'fiscal_calendar',
      'hiring_funnel',
      'stg_workers',
    ]);
  });

  it('treats a node whose previous checksum is unknown as unchanged in body', () => {
    const sourceOnly: PreviousState = {
      manifestPath: 'm.json',
      nodes: new Map([['source.hrflow.workday.workers', { config: { enabled: true } }]]),
    };
    expect(select('state:modified,resource_type:source', { state: sourceOnly })).toEqual([
      'applications',
      'candidates',
    ]);
  });

  it('asks for --state when none was given', () => {
    const error = (() => {
      try {
        run('state:modified+');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HrflowError);
    expect((error as HrflowError).code).toBe('state-not-found');
    expect((error as HrflowError).message).toContain('state:modified');
    expect((error as HrflowError).hint).toContain('--state');
  });
});

describe('selector: references', () => {
  const tree = (text: string) => parseSelection(text, { label: 't' });
  const selectors: NamedSelectors = {
    defaultName: undefined,
    byName: new Map([
      [
        'gold_models',
        {
          name: 'gold_models',
          isDefault: false,
          definition: tree('path:models/gold,resource_type:model'),
        },
      ],
      [
        'gold_and_daily',
        {
          name: 'gold_and_daily',
          isDefault: false,
          definition: tree('selector:gold_models tag:daily'),
        },
      ],
      ['loop_a', { name: 'loop_a', isDefault: false, definition: tree('selector:loop_b') }],
      ['loop_b', { name: 'loop_b', isDefault: false, definition: tree('a selector:loop_a') }],
    ]),
  };

  it('selects what the named selector selects, nested references included', () => {
    expect(select('selector:gold_models', { selectors })).toEqual(['attrition', 'hiring_funnel']);
    expect(select('selector:gold_and_daily', { selectors })).toEqual([
      'assert_no_future_hires',
      'attrition',
      'hiring_funnel',
      'stg_candidates',
      'stg_workers',
    ]);
  });

  it('applies graph operators to the named selection', () => {
    expect(select('selector:gold_models+1', { selectors })).toEqual([
      'adhoc_offer_rates',
      'assert_no_future_hires',
      'attrition',
      'hiring_dashboard',
      'hiring_funnel',
      'not_null_hiring_funnel_stage',
    ]);
  });

  it('names the closest selector when the name is unknown', () => {
    expect(() => select('selector:gold_model', { selectors })).toThrow(
      /unknown selector 'gold_model'. Did you mean 'gold_models'\?/,
    );
    expect(() => select('selector:x')).toThrow(HrflowError);
  });

  it('reports a reference cycle with its path', () => {
    expect(() => select('selector:loop_a', { selectors })).toThrow(
      /refers to itself: loop_a -> loop_b -> loop_a/,
    );
  });
});
