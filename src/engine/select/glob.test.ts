import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globMatcher, globToRegExp, hasWildcard } from './glob.js';

describe('globMatcher', () => {
  it.each<[string, string, boolean]>([
    ['stg_*', 'stg_candidates', true],
    ['stg_*', 'stg_', true],
    ['stg_*', 'int_candidates', false],
    ['*_scd2', 'candidate_scd2', true],
    ['stg_?orkers', 'stg_workers', true],
    ['stg_?orkers', 'stg_orkers', false],
    ['[ab]*', 'attrition', true],
    ['[ab]*', 'candidate_scd2', false],
    ['[!ab]*', 'candidate_scd2', true],
    ['[a-c]*', 'candidate_scd2', true],
    ['[]]x', ']x', true],
    ['[z-a]', '[z-a]', true],
    ['stg[', 'stg[', true],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false],
    ['a*', 'a.b.c', true],
    ['Stg_*', 'stg_x', false],
    ['(x)|y+', '(x)|y+', true],
  ])('%s matches %s: %s', (pattern, text, expected) => {
    expect(globMatcher(pattern)(text)).toBe(expected);
  });

  it.each<[string, string, boolean]>([
    ['models/*', 'models/silver', true],
    ['models/*', 'models/silver/x.sql', false],
    ['models/*/stg_*.sql', 'models/bronze/stg_workers.sql', true],
    ['models/*/stg_*.sql', 'models/a/b/stg_workers.sql', false],
    ['models/**/stg_*.sql', 'models/stg_workers.sql', true],
    ['models/**/stg_*.sql', 'models/a/b/stg_workers.sql', true],
    ['models/**', 'models/a/b', true],
    ['models/?', 'models/a', true],
    ['models/?', 'models//', false],
    ['models/[!x]', 'models//', false],
  ])('path pattern %s matches %s: %s', (pattern, text, expected) => {
    expect(globMatcher(pattern, { pathSegments: true })(text)).toBe(expected);
  });

  it('treats text without wildcards as itself, whatever regex characters it holds', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (text) => {
        fc.pre(!hasWildcard(text));
        expect(globMatcher(text)(text)).toBe(true);
        expect(globToRegExp(text).test(text)).toBe(true);
        expect(globMatcher(text)(`${text}x`)).toBe(false);
      }),
    );
  });

  it('lets * stand for any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (prefix, rest) => {
        fc.pre(!hasWildcard(prefix));
        expect(globMatcher(`${prefix}*`)(prefix + rest)).toBe(true);
      }),
    );
  });
});
