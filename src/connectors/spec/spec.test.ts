import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { HrflowError } from '../../core/errors.js';
import { redactor } from '../../core/redact.js';
import { TEST_ENV, testSpec } from '../testing/test-spec.js';
import { parseSourceSpec } from './load-spec.js';
import { resolveSource } from './resolve-source.js';
import { parseTemplate, renderTemplate } from './template.js';

function specError(text: string): HrflowError {
  try {
    parseSourceSpec(text, 'sources/bad.yaml');
  } catch (error) {
    if (error instanceof HrflowError) return error;
    throw error;
  }
  throw new Error('expected the spec to be rejected');
}

const minimal = {
  name: 'demo',
  base_url: 'https://api.example.test',
  auth: { kind: 'bearer', token_env: 'DEMO_TOKEN' },
  streams: { things: { path: '/things', primary_key: ['id'] } },
};

describe('source spec edge', () => {
  it('accepts a minimal spec and fills nothing it was not asked to', () => {
    const spec = parseSourceSpec(stringify(minimal), 'demo.yaml');
    expect(spec.streams.things?.path).toBe('/things');
  });

  it('rejects a secret written as a value instead of an environment variable name', () => {
    const error = specError(stringify({ ...minimal, auth: { kind: 'bearer', token: 'abc' } }));
    expect(error.code).toBe('config-invalid');
    expect(error.location?.file).toBe('sources/bad.yaml');
    expect(error.location?.line).toBeGreaterThan(0);
  });

  it('reports an unknown placeholder with its YAML path and line', () => {
    const text = stringify({
      ...minimal,
      streams: { things: { path: '/things/{tenant}', primary_key: ['id'] } },
    });
    const error = specError(text);
    expect(error.code).toBe('source-spec-invalid');
    expect(error.message).toContain('{tenant}');
    expect(error.location?.yamlPath).toBe('streams.things.path');
    expect(error.location?.line).toBe(
      text.split('\n').findIndex((l) => l.includes('/things/{tenant}')) + 1,
    );
  });

  it('only lets child streams use {parent.*}', () => {
    const error = specError(
      stringify({
        ...minimal,
        streams: { things: { path: '/t/{parent.id}', primary_key: ['id'] } },
      }),
    );
    expect(error.message).toContain('{parent.id}');
  });

  it('rejects an unknown parent and a parent cycle', () => {
    expect(
      specError(
        stringify({
          ...minimal,
          streams: { a: { path: '/a', primary_key: ['id'], parent: { stream: 'zz' } } },
        }),
      ).message,
    ).toContain("unknown parent stream 'zz'");
    const cycle = {
      a: { path: '/a/{parent.id}', primary_key: ['id'], parent: { stream: 'b' } },
      b: { path: '/b/{parent.id}', primary_key: ['id'], parent: { stream: 'a' } },
    };
    expect(specError(stringify({ ...minimal, streams: cycle })).message).toContain('cycle');
  });

  it('looks a stream up only by streams that exist, and never a child', () => {
    const unknown = specError(
      stringify({
        ...minimal,
        streams: {
          things: { path: '/things', primary_key: ['id'], lookup: { by: { zz: 'ids' } } },
        },
      }),
    );
    expect(unknown.message).toContain("no stream named 'zz'");
    expect(unknown.location?.yamlPath).toBe('streams.things.lookup.by.zz');
    const child = specError(
      stringify({
        ...minimal,
        streams: {
          things: { path: '/things', primary_key: ['id'] },
          parts: {
            path: '/things/{parent.id}/parts',
            primary_key: ['id'],
            parent: { stream: 'things' },
            lookup: { by: { things: 'thing_ids' } },
          },
        },
      }),
    );
    expect(child.message).toContain('a child stream cannot be looked up by id');
  });

  it('rejects a malformed duration', () => {
    const error = specError(
      stringify({ ...minimal, rate_limit: { requests: 5, per: '30 seconds' } }),
    );
    expect(error.code).toBe('config-invalid');
    expect(error.location?.yamlPath).toBe('rate_limit.per');
  });
});

describe('resolveSource', () => {
  it('resolves a lookup with 50 ids a request unless the spec says otherwise', () => {
    const spec = parseSourceSpec(
      stringify({
        ...minimal,
        streams: {
          things: { path: '/things', primary_key: ['id'], lookup: { by: { things: 'ids' } } },
          parts: {
            path: '/parts',
            primary_key: ['id'],
            lookup: { by: { parts: 'ids', things: 'thing_ids' }, max_ids: 20 },
          },
        },
      }),
      'demo.yaml',
    );
    const source = resolveSource(spec, {}, { DEMO_TOKEN: 't' });
    expect(source.streams.map((s) => [s.name, s.lookup])).toEqual([
      ['things', { by: [{ stream: 'things', param: 'ids' }], maxIds: 50 }],
      [
        'parts',
        {
          by: [
            { stream: 'parts', param: 'ids' },
            { stream: 'things', param: 'thing_ids' },
          ],
          maxIds: 20,
        },
      ],
    ]);
  });

  it('applies target overrides to declared parameters', () => {
    const source = resolveSource(testSpec(), { base_url: 'http://127.0.0.1:9/v1/' }, TEST_ENV);
    expect(source.baseUrl).toBe('http://127.0.0.1:9/v1');
  });

  it('refuses an override for an undeclared parameter and lists the declared ones', () => {
    const error = (() => {
      try {
        resolveSource(testSpec(), { tenant: 'acme' }, TEST_ENV);
      } catch (e) {
        return e as HrflowError;
      }
      throw new Error('expected a config error');
    })();
    expect(error.code).toBe('config-invalid');
    expect(error.hint).toContain('base_url');
  });

  it('names the missing environment variable', () => {
    expect(() => resolveSource(testSpec(), {}, { TEST_CLIENT_ID: 'x' })).toThrow(
      /TEST_CLIENT_SECRET is not set/,
    );
  });

  it('registers every secret it reads with the redactor', () => {
    resolveSource(testSpec(), {}, { ...TEST_ENV, TEST_CLIENT_SECRET: 'zz-secret-from-env-42' });
    expect(redactor.redact('leak zz-secret-from-env-42')).toBe('leak ***');
  });

  it('orders child streams after their parents', () => {
    const source = resolveSource(
      testSpec({
        streams: {
          detail: {
            path: '/d/{parent.id}',
            primary_key: ['$parent.id'],
            parent: { stream: 'items' },
          },
          items: { path: '/items', primary_key: ['id'] },
        },
      }),
      {},
      TEST_ENV,
    );
    expect(source.streams.map((s) => s.name)).toEqual(['items', 'detail']);
  });
});

describe('templates', () => {
  it('renders placeholders with escaping and keeps doubled braces literal', () => {
    const t = parseTemplate('<a>{x}</a>{{y}}', 'test');
    expect(
      renderTemplate(
        t,
        () => '1 < 2',
        (v) => v.replace('<', '&lt;'),
      ),
    ).toBe('<a>1 &lt; 2</a>{y}');
  });
});
