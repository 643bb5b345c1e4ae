import { describe, expect, it } from 'vitest';
import { HrflowError } from './errors.js';
import { parseYaml, validateYaml } from './yaml-file.js';

const schema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string' },
    models: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: { type: 'string' }, materialized: { enum: ['view', 'table'] } },
      },
    },
  },
};

function errorOf(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HrflowError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe('YAML at the edge', () => {
  it('reports a syntax error with file, line and column', () => {
    const e = errorOf(() => parseYaml('name: a\nmodels:\n  - name: [x\n', 'p/schema.yml'));
    expect(e.code).toBe('yaml-syntax');
    expect(e.location?.file).toBe('p/schema.yml');
    expect(e.location?.line).toBeGreaterThanOrEqual(3);
  });

  it('points a schema violation at the offending value with its YAML path and a fix', () => {
    const yaml = parseYaml(
      'name: a\nmodels:\n  - name: m1\n    materialized: tabel\n',
      'schema.yml',
    );
    const e = errorOf(() => validateYaml(yaml, schema, 'model properties'));
    expect(e.code).toBe('config-invalid');
    expect(e.location).toMatchObject({
      file: 'schema.yml',
      line: 4,
      column: 19,
      yamlPath: 'models[0].materialized',
    });
    expect(e.message).toContain('"tabel"');
    expect(e.hint).toBeTruthy();
  });

  it('names an unknown key', () => {
    const yaml = parseYaml('name: a\nmodles: []\n', 'x.yml');
    const e = errorOf(() => validateYaml(yaml, schema, 'config'));
    expect(e.message).toContain("unknown key 'modles'");
    expect(e.location?.line).toBe(1);
  });

  it('rejects duplicate keys', () => {
    const e = errorOf(() => parseYaml('name: a\nname: b\n', 'x.yml'));
    expect(e.code).toBe('yaml-syntax');
    expect(e.location?.line).toBe(2);
  });
});
