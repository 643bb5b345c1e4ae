/**
 * Id ranges per entity. A record's id is its range base plus its position in the company's
 * array plus one, so an id finds its record in constant time and ids grow with creation order.
 */
export const ID_BASE = {
  department: 40_000,
  office: 60_000,
  source: 30_000,
  rejectionReason: 70_000,
  closeReason: 71_000,
  referrer: 51_000,
  user: 100_000,
  job: 400_000,
  opening: 2_000_000,
  jobPost: 3_000_000,
  jobStage: 4_000_000,
  jobInterview: 5_000_000,
  candidate: 10_000_000,
  application: 30_000_000,
  stageVisit: 50_000_000,
  interview: 70_000_000,
  interviewer: 90_000_000,
  scorecard: 110_000_000,
  offer: 130_000_000,
  eeoc: 150_000_000,
  demographicAnswer: 170_000_000,
  rejectionDetail: 190_000_000,
  jobOwner: 210_000_000,
  jobHiringManager: 220_000_000,
} as const;

export type IdKind = keyof typeof ID_BASE;

/** The id of the record at `index` in its array. */
export function idAt(kind: IdKind, index: number): number {
  return ID_BASE[kind] + index + 1;
}

/** The array index of an id, or -1 when the id is outside the range. */
export function indexOfId(kind: IdKind, id: number, length: number): number {
  const index = id - ID_BASE[kind] - 1;
  return Number.isInteger(index) && index >= 0 && index < length ? index : -1;
}
