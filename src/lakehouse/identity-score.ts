/**
 * Scores the person graph (silver.person_source_link) against the sandbox's generator truth.
 *
 * Pairs are counted over the candidate and worker records present in the graph: a true pair is
 * two records of the same generated person (duplicate candidates, a candidate and the worker
 * they became or already were, a contractor and the employee they converted to); a predicted
 * pair is two records with the same person_id. Precision is true predicted pairs over predicted
 * pairs, recall is true predicted pairs over true pairs. Users are left out: they link to workers
 * by employee id only and the generator does not model them as people.
 */
import type { World } from '../sandbox/company/generate.js';

/** One row of silver.person_source_link, as the scorer reads it. */
export interface LinkRow {
  readonly source_entity: string;
  readonly source_id: string;
  readonly person_id: string;
}

export interface IdentityScore {
  readonly records: number;
  readonly truePairs: number;
  readonly predictedPairs: number;
  readonly correctPairs: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** The generated person behind every live candidate and every worker, keyed as the graph keys records. */
export function truthPersons(world: World): Map<string, number> {
  const persons = new Map<string, number>();
  for (const candidate of world.company.candidates) {
    if (!candidate.deleted) persons.set(`candidate:${candidate.id}`, candidate.person.index);
  }
  for (const worker of world.company.workers) {
    persons.set(`worker:${worker.wid}`, worker.person.index);
  }
  return persons;
}

export function scoreLinks(
  links: readonly LinkRow[],
  truth: ReadonlyMap<string, number>,
): IdentityScore {
  const byPerson = new Map<string, string[]>();
  const byTruth = new Map<number, string[]>();
  for (const link of links) {
    const key = `${link.source_entity}:${link.source_id}`;
    const person = truth.get(key);
    if (person === undefined) continue;
    push(byPerson, link.person_id, key);
    push(byTruth, person, key);
  }

  let predictedPairs = 0;
  let correctPairs = 0;
  for (const members of byPerson.values()) {
    predictedPairs += pairsOf(members.length);
    const counts = new Map<number, number>();
    for (const key of members) {
      const person = truth.get(key) ?? -1;
      counts.set(person, (counts.get(person) ?? 0) + 1);
    }
    for (const n of counts.values()) correctPairs += pairsOf(n);
  }
  let truePairs = 0;
  let records = 0;
  for (const members of byTruth.values()) {
    truePairs += pairsOf(members.length);
    records += members.length;
  }

  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { records, truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}

function pairsOf(n: number): number {
  return (n * (n - 1)) / 2;
}

function push<K>(map: Map<K, string[]>, key: K, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
