import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, nearestName } from './nearest-name.js';

describe('nearestName', () => {
  it('finds a typo, a swap and a case slip', () => {
    expect(nearestName('nigthly', ['nightly', 'weekly'])).toBe('nightly');
    expect(nearestName('tga', ['tag', 'path'])).toBe('tag');
    expect(nearestName('NIGHTLY', ['nightly'])).toBe('nightly');
  });

  it('suggests nothing when every candidate is far away', () => {
    expect(nearestName('hiring', ['attrition', 'diversity'])).toBeUndefined();
    expect(nearestName('x', [])).toBeUndefined();
    expect(didYouMean('hiring', ['attrition'])).toBe('');
  });

  it('prefers the closest, then the first', () => {
    expect(nearestName('model', ['models', 'model_x', 'mode'])).toBe('models');
    expect(didYouMean('seeed', ['seed'])).toBe(" Did you mean 'seed'?");
  });

  it('counts edits', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', 'abc')).toBe(0);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
