import { describe, expect, it } from 'vitest';
import { scoreLinks } from './identity-score.js';

const truth = new Map([
  ['candidate:1', 1],
  ['candidate:2', 1],
  ['worker:a', 1],
  ['candidate:3', 2],
  ['candidate:4', 3],
]);

describe('scoreLinks', () => {
  it('counts every pair inside a true person and inside a predicted person', () => {
    const score = scoreLinks(
      [
        { source_entity: 'candidate', source_id: '1', person_id: 'p' },
        { source_entity: 'candidate', source_id: '2', person_id: 'p' },
        { source_entity: 'worker', source_id: 'a', person_id: 'q' },
        { source_entity: 'candidate', source_id: '3', person_id: 'r' },
        { source_entity: 'candidate', source_id: '4', person_id: 'r' },
      ],
      truth,
    );
    expect(score).toMatchObject({ truePairs: 3, predictedPairs: 2, correctPairs: 1 });
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBeCloseTo(1 / 3);
  });

  it('ignores records the truth does not know, such as users', () => {
    const score = scoreLinks(
      [
        { source_entity: 'candidate', source_id: '1', person_id: 'p' },
        { source_entity: 'user', source_id: '9', person_id: 'p' },
      ],
      truth,
    );
    expect(score).toMatchObject({ records: 1, predictedPairs: 0, precision: 1 });
  });
});
