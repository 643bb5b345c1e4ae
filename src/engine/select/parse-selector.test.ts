import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { formatSelector } from './format-selector.js';
import { parseSelection, SYNTAX_HINT } from './parse-selector.js';
import { RESOURCE_TYPES, STATE_CONDITIONS } from './selector-tree.js';
import type { MethodCriterion, SelectorAtom, SelectorExpr } from './selector-tree.js';

const parse = (args: string | readonly string[]): SelectorExpr =>
  parseSelection(args, { label: '--select' });

function errorOf(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HrflowError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

function bare(method: MethodCriterion, ops: Partial<SelectorAtom> = {}): SelectorAtom {
  return { kind: 'atom', method, childrensParents: false, ...ops };
}

describe('parseSelection: methods', () => {
  it.each<[string, MethodCriterion]>([
    ['stg_candidates', { kind: 'fqn', pattern: 'stg_candidates' }],
    ['stg_*', { kind: 'fqn', pattern: 'stg_*' }],
    ['silver.candidate_scd2', { kind: 'fqn', pattern: 'silver.candidate_scd2' }],
    ['fqn:hrflow.gold.*', { kind: 'fqn', pattern: 'hrflow.gold.*' }],
    ['fqn:*', { kind: 'fqn', pattern: '*' }],
    ['2021_offer_rates', { kind: 'fqn', pattern: '2021_offer_rates' }],
    ['tag:nightly', { kind: 'tag', pattern: 'nightly' }],
    ['tag:team:people', { kind: 'tag', pattern: 'team:people' }],
    ['path:models/gold', { kind: 'path', pattern: 'models/gold' }],
    [
      'path:models/gold/hiring_funnel.sql',
      { kind: 'path', pattern: 'models/gold/hiring_funnel.sql' },
    ],
    ['path:./models//silver/', { kind: 'path', pattern: 'models/silver' }],
    ['path:.', { kind: 'path', pattern: '.' }],
    ['path:models/*/stg_*.sql', { kind: 'path', pattern: 'models/*/stg_*.sql' }],
    ['models/silver', { kind: 'path', pattern: 'models/silver' }],
    ['models/silver/', { kind: 'path', pattern: 'models/silver' }],
    ['stg_workers.sql', { kind: 'file', pattern: 'stg_workers.sql' }],
    ['department_map.csv', { kind: 'file', pattern: 'department_map.csv' }],
    ['file:stg_workers', { kind: 'file', pattern: 'stg_workers' }],
    ['package:hr_utils', { kind: 'package', pattern: 'hr_utils' }],
    ['package:this', { kind: 'package', pattern: 'this' }],
    ['source:greenhouse', { kind: 'source', source: 'greenhouse' }],
    ['source:greenhouse.candidates', { kind: 'source', source: 'greenhouse', table: 'candidates' }],
    [
      'source:hrflow.greenhouse.candidates',
      { kind: 'source', package: 'hrflow', source: 'greenhouse', table: 'candidates' },
    ],
    ['source:*', { kind: 'source', source: '*' }],
    ['exposure:hiring_dashboard', { kind: 'exposure', name: 'hiring_dashboard' }],
    ['exposure:hrflow.hiring_*', { kind: 'exposure', package: 'hrflow', name: 'hiring_*' }],
    [
      'config.materialized:incremental',
      { kind: 'config', key: ['materialized'], pattern: 'incremental' },
    ],
    ['config.meta.owner:people', { kind: 'config', key: ['meta', 'owner'], pattern: 'people' }],
    ['config.tags:daily', { kind: 'config', key: ['tags'], pattern: 'daily' }],
    [
      'config.contract.enforced:true',
      { kind: 'config', key: ['contract', 'enforced'], pattern: 'true' },
    ],
    ['test_type:generic', { kind: 'testType', testType: 'generic' }],
    ['test_type:singular', { kind: 'testType', testType: 'singular' }],
    ['test_type:schema', { kind: 'testType', testType: 'generic' }],
    ['test_type:data', { kind: 'testType', testType: 'singular' }],
    ['test_name:not_null', { kind: 'testName', pattern: 'not_null' }],
    ['selector:nightly', { kind: 'selector', name: 'nightly' }],
  ])('%s', (text, method) => {
    expect(parse(text)).toStrictEqual(bare(method));
  });

  it.each(RESOURCE_TYPES)('resource_type:%s', (resourceType) => {
    expect(parse(`resource_type:${resourceType}`)).toStrictEqual(
      bare({ kind: 'resourceType', resourceType }),
    );
  });

  it.each(STATE_CONDITIONS)('state:%s', (condition) => {
    expect(parse(`state:${condition}`)).toStrictEqual(bare({ kind: 'state', condition }));
  });
});

describe('parseSelection: graph operators', () => {
  const m = { kind: 'fqn', pattern: 'stg_workers' } as const;
  it.each<[string, Partial<SelectorAtom>]>([
    ['+stg_workers', { parents: 'all' }],
    ['2+stg_workers', { parents: 2 }],
    ['0+stg_workers', { parents: 0 }],
    ['stg_workers+', { children: 'all' }],
    ['stg_workers+3', { children: 3 }],
    ['+stg_workers+', { parents: 'all', children: 'all' }],
    ['1+stg_workers+2', { parents: 1, children: 2 }],
    ['@stg_workers', { childrensParents: true }],
    ['@stg_workers+1', { childrensParents: true, children: 1 }],
  ])('%s', (text, ops) => {
    expect(parse(text)).toStrictEqual(bare(m, ops));
  });

  it('applies operators to any method', () => {
    expect(parse('+tag:daily+')).toStrictEqual(
      bare({ kind: 'tag', pattern: 'daily' }, { parents: 'all', children: 'all' }),
    );
    expect(parse('@source:workday')).toStrictEqual(
      bare({ kind: 'source', source: 'workday' }, { childrensParents: true }),
    );
  });

  it('reads leading digits as part of a name unless a + follows them', () => {
    expect(parse('3+2021_hires+4')).toStrictEqual(
      bare({ kind: 'fqn', pattern: '2021_hires' }, { parents: 3, children: 4 }),
    );
    expect(parse('12+')).toStrictEqual(bare({ kind: 'fqn', pattern: '12' }, { children: 'all' }));
  });
});

describe('parseSelection: set operations', () => {
  const a = bare({ kind: 'fqn', pattern: 'a' });
  const b = bare({ kind: 'tag', pattern: 'b' });
  const c = bare({ kind: 'fqn', pattern: 'c' }, { parents: 'all' });

  it('unites space-separated selectors', () => {
    expect(parse('a tag:b')).toStrictEqual({ kind: 'union', items: [a, b] });
  });

  it('intersects comma-joined selectors', () => {
    expect(parse('a,tag:b')).toStrictEqual({ kind: 'intersection', items: [a, b] });
  });

  it('binds commas tighter than spaces', () => {
    expect(parse('a,tag:b +c')).toStrictEqual({
      kind: 'union',
      items: [{ kind: 'intersection', items: [a, b] }, c],
    });
  });

  it('treats several arguments like one space-separated argument', () => {
    expect(parse(['a tag:b', '+c'])).toStrictEqual(parse('a tag:b +c'));
  });

  it('ignores runs of whitespace, tabs and padding', () => {
    expect(parse('  a \t  tag:b\n')).toStrictEqual({ kind: 'union', items: [a, b] });
  });

  it('collapses a single selector to its atom', () => {
    expect(parse('a')).toStrictEqual(a);
  });
});

describe('parseSelection: errors', () => {
  it.each<[string | string[], number | undefined, string]>([
    ['', undefined, '--select needs at least one selector'],
    [['  ', ''], undefined, '--select needs at least one selector'],
    [',a', 1, "empty selector before ','"],
    ['a,', 3, "empty selector after ','"],
    ['a,,b', 3, "empty selector after ','"],
    ['+', 1, 'expected a node name or method:value'],
    ['@', 2, "expected a node name or method:value after '@'"],
    ['@+m', 2, "'@' cannot be combined with a '+' prefix"],
    ['@2+m', 2, "'@' cannot be combined with a '+' prefix"],
    ['++m', 2, "'+' is only allowed at the start or end of a selector"],
    ['m++', 2, "'+' is only allowed at the start or end of a selector"],
    ['stg+workers', 4, "'+' is only allowed at the start or end of a selector"],
    ['+@m', 2, "'@' is only allowed at the start of a selector"],
    [':x', 1, "missing method name before ':'"],
    ['tag:', 5, "missing value after 'tag:'"],
    ['tga:nightly', 1, "unknown selector method 'tga'. Did you mean 'tag'?"],
    ['sauce:greenhouse', 1, "unknown selector method 'sauce'. Did you mean 'source'?"],
    [
      'resource_type:modle',
      15,
      "'modle' is not a valid resource_type value. Did you mean 'model'?",
    ],
    ['state:modifed', 7, "'modifed' is not a valid state value. Did you mean 'modified'?"],
    ['state:changed', 7, "'changed' is not a valid state value"],
    ['test_type:unit', 11, "unknown test type 'unit'"],
    ['config:table', 1, "'config' does not name a config key"],
    ['config..a:x', 1, "'config..a' does not name a config key"],
    ['source:a.b.c.d', 8, "'a.b.c.d' does not name a source"],
    ['source:greenhouse..candidates', 8, 'does not name a source'],
    ['exposure:a.b.c', 10, "'a.b.c' does not name an exposure"],
    ['path:/srv/models', 6, "path '/srv/models' is absolute"],
    ['path:models/../seeds', 6, "path 'models/../seeds' leaves the project"],
    ['99999999999999999999+m', 1, 'depth 99999999999999999999 is too large'],
  ])('%j at column %s: %s', (text, column, message) => {
    const e = errorOf(() => parse(text));
    expect(e.code).toBe('selector-invalid');
    expect(e.message).toContain(message);
    expect(e.details?.column).toBe(column);
    if (column !== undefined) expect(e.message).toContain(`at column ${column}:`);
    expect(e.hint).toBeTruthy();
  });

  it('counts columns from the start of the argument across words and commas', () => {
    expect(errorOf(() => parse('stg_a tga:x')).details?.column).toBe(7);
    expect(errorOf(() => parse('stg_a,+tag:')).details?.column).toBe(12);
    expect(errorOf(() => parse(['a', '  b,tga:x'])).details).toEqual({
      selector: '  b,tga:x',
      column: 5,
    });
  });

  it('names the flag and quotes the argument, and explains the grammar by default', () => {
    const e = errorOf(() => parseSelection('a,', { label: '--exclude' }));
    expect(e.message).toBe(
      "invalid selector 'a,' in --exclude at column 3: empty selector after ','",
    );
    expect(errorOf(() => parse('m++')).hint).toBe(SYNTAX_HINT);
  });

  it('lists the allowed values of closed methods in the hint', () => {
    expect(errorOf(() => parse('resource_type:table')).hint).toContain('resource_type:model');
    expect(errorOf(() => parse('state:x')).hint).toContain('state:modified.body');
  });

  it('carries the file location of selectors written in YAML', () => {
    const location = { file: 'selectors.yml', line: 4, column: 17 };
    const e = errorOf(() => parseSelection('tag:', { label: "selector 'nightly'", location }));
    expect(e.location).toEqual(location);
    expect(e.message).toContain("in selector 'nightly'");
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const word = fc.stringMatching(/^[a-z_][a-z0-9_]{0,6}$/);
const pattern = fc.stringMatching(/^[a-z0-9_*?][a-z0-9_*?:.-]{0,8}$/);
const dotless = fc.stringMatching(/^[a-z_*][a-z0-9_*?-]{0,6}$/);
const pathPattern = fc.oneof(
  fc.constant('.'),
  fc
    .array(fc.stringMatching(/^[a-z0-9_*][a-z0-9_*?.-]{0,5}$/), { minLength: 1, maxLength: 4 })
    .map((s) => s.join('/')),
);
const depth = fc.option(fc.oneof(fc.constant('all' as const), fc.nat({ max: 30 })), {
  nil: undefined,
});

const method: fc.Arbitrary<MethodCriterion> = fc.oneof(
  pattern.map((p) => ({ kind: 'fqn', pattern: p }) as const),
  pattern.map((p) => ({ kind: 'tag', pattern: p }) as const),
  pathPattern.map((p) => ({ kind: 'path', pattern: p }) as const),
  pattern.map((p) => ({ kind: 'file', pattern: p }) as const),
  pattern.map((p) => ({ kind: 'package', pattern: p }) as const),
  fc
    .tuple(fc.option(dotless, { nil: undefined }), dotless, fc.option(dotless, { nil: undefined }))
    .map(([pkg, src, table]): MethodCriterion => {
      if (pkg !== undefined && table !== undefined) {
        return { kind: 'source', package: pkg, source: src, table };
      }
      return table === undefined
        ? { kind: 'source', source: src }
        : { kind: 'source', source: src, table };
    }),
  fc
    .tuple(fc.option(dotless, { nil: undefined }), dotless)
    .map(([pkg, name]): MethodCriterion =>
      pkg === undefined ? { kind: 'exposure', name } : { kind: 'exposure', package: pkg, name },
    ),
  fc
    .constantFrom(...RESOURCE_TYPES)
    .map((t) => ({ kind: 'resourceType', resourceType: t }) as const),
  fc
    .tuple(fc.array(word, { minLength: 1, maxLength: 3 }), pattern)
    .map(([key, p]) => ({ kind: 'config', key, pattern: p }) as const),
  fc.constantFrom('generic', 'singular').map((t) => ({ kind: 'testType', testType: t }) as const),
  pattern.map((p) => ({ kind: 'testName', pattern: p }) as const),
  fc.constantFrom(...STATE_CONDITIONS).map((c) => ({ kind: 'state', condition: c }) as const),
  word.map((name) => ({ kind: 'selector', name }) as const),
);

const atomArb: fc.Arbitrary<SelectorAtom> = fc
  .tuple(method, depth, depth, fc.boolean())
  .map(([m, parents, children, childrensParents]) => ({
    kind: 'atom',
    method: m,
    ...(parents === undefined || childrensParents ? {} : { parents }),
    ...(children === undefined ? {} : { children }),
    childrensParents,
  }));

const wordArb: fc.Arbitrary<SelectorExpr> = fc.oneof(
  atomArb,
  fc
    .array(atomArb, { minLength: 2, maxLength: 3 })
    .map((items) => ({ kind: 'intersection', items }) as const),
);

const commandLineTree: fc.Arbitrary<SelectorExpr> = fc.oneof(
  wordArb,
  fc
    .array(wordArb, { minLength: 2, maxLength: 4 })
    .map((items) => ({ kind: 'union', items }) as const),
);

describe('parseSelection: properties', () => {
  it('reads back every command-line-shaped tree it prints', () => {
    fc.assert(
      fc.property(commandLineTree, (tree) => {
        expect(parse(formatSelector(tree))).toStrictEqual(tree);
      }),
      { numRuns: 2000 },
    );
  });

  it('either parses to a tree that prints stably, or fails with a column inside the argument', () => {
    const syntax = fc.string({
      unit: fc.constantFrom(
        'a',
        'b',
        '1',
        '2',
        '_',
        '*',
        '.',
        '/',
        ':',
        ',',
        ' ',
        '+',
        '@',
        't',
        'g',
        'tag:',
        'config.',
        'source:',
        'path:',
      ),
      maxLength: 16,
    });
    fc.assert(
      fc.property(syntax, (text) => {
        let tree: SelectorExpr;
        try {
          tree = parse(text);
        } catch (e) {
          expect(e).toBeInstanceOf(HrflowError);
          const error = e as HrflowError;
          expect(error.code).toBe('selector-invalid');
          const column = error.details?.column;
          if (column !== undefined) {
            expect(column).toBeGreaterThanOrEqual(1);
            expect(column).toBeLessThanOrEqual(text.length + 1);
          }
          return;
        }
        const printed = formatSelector(tree);
        expect(parse(printed)).toStrictEqual(tree);
        expect(formatSelector(parse(printed))).toBe(printed);
      }),
      { numRuns: 3000 },
    );
  });
});
