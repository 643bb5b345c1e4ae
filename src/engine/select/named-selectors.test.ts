import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { parseYaml } from '../../core/yaml-file.js';
import { namedSelector, NO_NAMED_SELECTORS } from './named-selector-lookup.js';
import { loadSelectorsFile, readNamedSelectors } from './named-selectors.js';
import { parseSelection } from './parse-selector.js';
import type { NamedSelectors, SelectorExpr } from './selector-tree.js';

function read(text: string, file = 'selectors.yml'): NamedSelectors {
  const yaml = parseYaml<{ selectors?: unknown }>(text, file);
  return readNamedSelectors(yaml.data.selectors, yaml);
}

const tree = (text: string): SelectorExpr => parseSelection(text, { label: 't' });

function definitionOf(selectors: NamedSelectors, name: string): SelectorExpr | undefined {
  return selectors.byName.get(name)?.definition;
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

const FULL = `
selectors:
  - name: nightly
    description: Everything tagged nightly, with what it reads from
    definition: "+tag:nightly"
  - name: gold_tables
    definition:
      intersection:
        - path: models/gold
        - config.materialized: table
  - name: people_models
    default: true
    definition:
      union:
        - method: tag
          value: workday
          children: true
          children_depth: 2
        - method: source
          value: workday
          childrens_parents: true
          indirect_selection: cautious
        - exclude:
            - resource_type:test
            - selector: gold_tables
  - name: recruiting
    definition:
      method: fqn
      value: stg_*
      parents: true
      exclude:
        - tag: pii
  - name: fresh
    definition:
      method: config.enabled
      value: true
      parents_depth: 1
`;

describe('readNamedSelectors: definitions', () => {
  const selectors = read(FULL);

  it('reads command-line strings with the full syntax', () => {
    expect(definitionOf(selectors, 'nightly')).toStrictEqual(tree('+tag:nightly'));
    expect(selectors.byName.get('nightly')?.description).toBe(
      'Everything tagged nightly, with what it reads from',
    );
  });

  it('reads one-key method mappings inside an intersection', () => {
    expect(definitionOf(selectors, 'gold_tables')).toStrictEqual(
      tree('path:models/gold,config.materialized:table'),
    );
  });

  it('reads full method mappings, depths, per-selector modes and an exclude item', () => {
    expect(definitionOf(selectors, 'people_models')).toStrictEqual({
      kind: 'difference',
      include: {
        kind: 'union',
        items: [
          tree('tag:workday+2'),
          { ...tree('@source:workday'), indirectSelection: 'cautious' },
        ],
      },
      exclude: tree('resource_type:test selector:gold_tables'),
    });
  });

  it('reads exclude beside method and value', () => {
    expect(definitionOf(selectors, 'recruiting')).toStrictEqual({
      kind: 'difference',
      include: tree('+stg_*'),
      exclude: tree('tag:pii'),
    });
  });

  it('turns non-string values into text and lets a depth imply the direction', () => {
    expect(definitionOf(selectors, 'fresh')).toStrictEqual(tree('1+config.enabled:true'));
  });

  it('records the default, the others default to false, and where each name is', () => {
    expect(selectors.defaultName).toBe('people_models');
    expect(selectors.byName.get('nightly')?.isDefault).toBe(false);
    expect(selectors.byName.get('gold_tables')?.location).toEqual({
      file: 'selectors.yml',
      line: 6,
      column: 11,
      yamlPath: 'selectors[1].name',
    });
  });
});

describe('readNamedSelectors: where the block sits', () => {
  it('reads the block out of hrflow.config.yaml among other keys', () => {
    const selectors = read(
      'name: hr\nprofile: dev\nselectors:\n  - name: gold\n    definition: path:models/gold\n',
      'hrflow.config.yaml',
    );
    expect(definitionOf(selectors, 'gold')).toStrictEqual(tree('path:models/gold'));
  });

  it('reads a block nested under another key, with positions in the whole file', () => {
    const yaml = parseYaml<{ engine: { selectors: unknown } }>(
      'engine:\n  selectors:\n    - name: g\n      definition: "tag:"\n',
      'c.yaml',
    );
    const e = errorOf(() =>
      readNamedSelectors(yaml.data.engine.selectors, yaml, ['engine', 'selectors']),
    );
    expect(e.location).toEqual({
      file: 'c.yaml',
      line: 4,
      column: 19,
      yamlPath: 'engine.selectors[0].definition',
    });
  });

  it('reports schema problems of a nested block at their line', () => {
    const yaml = parseYaml<{ engine: { selectors: unknown } }>(
      'engine:\n  selectors:\n    - name: h\n      definition: 3\n',
      'c.yaml',
    );
    const e = errorOf(() =>
      readNamedSelectors(yaml.data.engine.selectors, yaml, ['engine', 'selectors']),
    );
    expect(e.code).toBe('config-invalid');
    expect(e.location?.line).toBe(4);
  });

  it('has no named selectors without the key', () => {
    expect(read('name: hr\n', 'hrflow.config.yaml')).toBe(NO_NAMED_SELECTORS);
    expect(read('selectors:\n')).toBe(NO_NAMED_SELECTORS);
  });
});

describe('readNamedSelectors: shape errors from the schema', () => {
  it.each<[string, string, number, string]>([
    ['a misspelt key', '  - name: a\n    defintion: x\n', 2, "missing required key 'definition'"],
    ['a missing definition', '  - name: a\n', 2, "missing required key 'definition'"],
    [
      'a union that is not a list',
      '  - name: a\n    definition:\n      union: tag:x\n',
      4,
      'must be array',
    ],
    [
      'a method without value',
      '  - name: a\n    definition:\n      method: tag\n',
      4,
      "missing required key 'value'",
    ],
    [
      'a negative depth',
      '  - name: a\n    definition: {method: tag, value: x, parents_depth: -1}\n',
      3,
      'must be >= 0',
    ],
    [
      'an unknown mode',
      '  - name: a\n    definition: {method: tag, value: x, indirect_selection: lazy}\n',
      3,
      'value must be one of',
    ],
    [
      'a two-key shorthand',
      '  - name: a\n    definition: {tag: x, path: y}\n',
      3,
      'must NOT have more than 1 properties',
    ],
    [
      'a name with spaces',
      '  - name: my selector\n    definition: x\n',
      2,
      'does not match the pattern',
    ],
  ])('rejects %s', (_, body, line, message) => {
    const e = errorOf(() => read(`selectors:\n${body}`));
    expect(e.code).toBe('config-invalid');
    expect(e.location?.file).toBe('selectors.yml');
    expect(e.location?.line).toBe(line);
    expect(e.message).toContain(message);
  });

  it('lists every problem it found, such as the misspelt key behind a missing one', () => {
    const e = errorOf(() => read('selectors:\n  - name: a\n    defintion: x\n'));
    expect(e.details?.problems).toContain("selectors[0]: unknown key 'defintion'");
  });
});

describe('readNamedSelectors: definition errors', () => {
  it.each<[string, string, string, string]>([
    [
      'a bad command-line string',
      'definition: "+tag:"',
      'selectors[0].definition',
      "in selector 'a' at column 6: missing value after 'tag:'",
    ],
    [
      'an unknown method',
      'definition: {method: tga, value: x}',
      'selectors[0].definition.method',
      "selector 'a': unknown selector method 'tga'. Did you mean 'tag'?",
    ],
    [
      'an unknown shorthand method',
      'definition: {tga: x}',
      'selectors[0].definition.tga',
      "unknown selector method 'tga'",
    ],
    [
      'a bad value',
      'definition: {method: resource_type, value: modle}',
      'selectors[0].definition.value',
      "Did you mean 'model'?",
    ],
    [
      'two exclude items',
      'definition: {union: [x, {exclude: [y]}, {exclude: [z]}]}',
      'selectors[0].definition.union[2]',
      'only one exclude item',
    ],
    [
      'a union of nothing but exclude',
      'definition: {union: [{exclude: [y]}]}',
      'selectors[0].definition.union',
      'at least one item besides exclude',
    ],
    [
      'exclude on its own',
      'definition: {exclude: [y]}',
      'selectors[0].definition.exclude',
      'exclude belongs inside a union or intersection list',
    ],
    [
      'a depth with parents off',
      'definition: {method: tag, value: x, parents: false, parents_depth: 2}',
      'selectors[0].definition.parents_depth',
      'parents_depth is set but parents is false',
    ],
    [
      '@ with parents',
      'definition: {method: tag, value: x, parents: true, childrens_parents: true}',
      'selectors[0].definition.childrens_parents',
      'cannot be combined with parents',
    ],
  ])('reports %s at its YAML path', (_, body, yamlPath, message) => {
    const e = errorOf(() => read(`selectors:\n  - name: a\n    ${body}\n`));
    expect(e.code).toBe('selector-invalid');
    expect(e.location?.yamlPath).toBe(yamlPath);
    expect(e.location?.line).toBe(3);
    expect(e.message).toContain(message);
    expect(e.hint).toBeTruthy();
  });

  it('rejects a name defined twice, pointing at the second and naming the first', () => {
    const e = errorOf(() =>
      read('selectors:\n  - name: a\n    definition: x\n  - name: a\n    definition: y\n'),
    );
    expect(e.code).toBe('config-invalid');
    expect(e.location?.line).toBe(4);
    expect(e.hint).toContain('line 2');
  });

  it('rejects a second default', () => {
    const e = errorOf(() =>
      read(
        'selectors:\n  - {name: a, definition: x, default: true}\n  - {name: b, definition: y, default: true}\n',
      ),
    );
    expect(e.code).toBe('config-invalid');
    expect(e.message).toBe("selectors 'a' and 'b' are both the default");
    expect(e.location?.line).toBe(3);
  });

  it('rejects a reference to an unknown selector, suggesting the nearest name', () => {
    const e = errorOf(() =>
      read(
        'selectors:\n  - {name: nightly, definition: x}\n  - name: b\n    definition:\n      union: [y, {selector: nighlty}]\n',
      ),
    );
    expect(e.code).toBe('selector-invalid');
    expect(e.message).toBe(
      "selector 'b' refers to unknown selector 'nighlty'. Did you mean 'nightly'?",
    );
    expect(e.location?.yamlPath).toBe('selectors[1].definition.union[1].selector');
    expect(e.location?.line).toBe(5);
  });

  it('finds references inside command-line strings too', () => {
    const e = errorOf(() => read('selectors:\n  - {name: b, definition: "x selector:nope"}\n'));
    expect(e.message).toContain("unknown selector 'nope'");
  });

  it('rejects a cycle of references', () => {
    const e = errorOf(() =>
      read(
        'selectors:\n  - {name: a, definition: "selector:b"}\n  - {name: b, definition: {union: [x, {method: selector, value: c}]}}\n  - {name: c, definition: "+selector:a"}\n',
      ),
    );
    expect(e.code).toBe('selector-invalid');
    expect(e.message).toBe("selector 'a' refers to itself: a -> b -> c -> a");
    expect(e.location?.line).toBe(2);
  });
});

describe('loadSelectorsFile and namedSelector', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hrflow-selectors-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file from disk', () => {
    const path = join(dir, 'selectors.yml');
    writeFileSync(path, FULL);
    expect([...loadSelectorsFile(path, 'selectors.yml').byName.keys()]).toEqual([
      'nightly',
      'gold_tables',
      'people_models',
      'recruiting',
      'fresh',
    ]);
  });

  it('rejects unknown top-level keys in selectors.yml', () => {
    const path = join(dir, 'typo.yml');
    writeFileSync(path, 'selector:\n  - {name: a, definition: x}\n');
    const e = errorOf(() => loadSelectorsFile(path, 'typo.yml'));
    expect(e.code).toBe('config-invalid');
    expect(e.message).toContain("unknown key 'selector'");
  });

  it('reports a missing file as config-not-found', () => {
    expect(errorOf(() => loadSelectorsFile(join(dir, 'none.yml'))).code).toBe('config-not-found');
  });

  it('finds a selector by name, or names the nearest', () => {
    const selectors = read(FULL);
    expect(namedSelector(selectors, 'nightly').name).toBe('nightly');
    const e = errorOf(() => namedSelector(selectors, 'nigthly'));
    expect(e.code).toBe('selector-invalid');
    expect(e.message).toBe("unknown selector 'nigthly'. Did you mean 'nightly'?");
    expect(e.hint).toContain('gold_tables');
    expect(errorOf(() => namedSelector(NO_NAMED_SELECTORS, 'x')).hint).toContain(
      'No selectors are defined',
    );
  });
});
