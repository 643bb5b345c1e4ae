/**
 * Scores the gold detectors against the sandbox's ground truth: what each detector flagged,
 * what the generator injected, and precision and recall per detector. Reads the detector tables
 * of a built warehouse; the matching rules are stated with each score.
 */
import type { GroundTruth } from '../../sandbox/index.js';
import type { Row } from '../../warehouse/warehouse.js';

/** One detector's counts against the injected anomalies. */
export interface DetectorScore {
  readonly detector: string;
  /** What counts as one finding, e.g. "pair of candidate ids". */
  readonly unit: string;
  readonly flagged: number;
  readonly injected: number;
  readonly truePositives: number;
  /** True positives over flagged; NULL when nothing was flagged. */
  readonly precision: number | null;
  /** Found injected anomalies over injected; NULL when nothing was injected. */
  readonly recall: number | null;
  /** Anything a reader needs to judge the numbers (e.g. injected anomalies no rule could see). */
  readonly note?: string;
}

/** The detector tables' rows a score needs. */
export interface DetectorRows {
  readonly duplicates: readonly Row[];
  readonly timeToHireOutliers: readonly Row[];
  readonly interviewerAnomalies: readonly Row[];
  readonly eeocAnomalies: readonly Row[];
}

/** SQL for each entry of {@link DetectorRows}. */
export const DETECTOR_QUERIES: Readonly<Record<keyof DetectorRows, string>> = {
  duplicates: `select left_source_id, right_source_id from gold.duplicate_identities
    where source_entity = 'candidate'`,
  timeToHireOutliers: 'select application_id, direction from gold.time_to_hire_outliers',
  interviewerAnomalies: `select interviewer_user_id, attribute, group_value, direction
    from gold.interviewer_score_anomalies`,
  eeocAnomalies: `select anomaly_kind, source_id, source_name,
    strftime(period_start, '%Y-%m-%d') as period_start,
    strftime(period_end, '%Y-%m-%d') as period_end
    from gold.eeoc_completeness_anomalies`,
};

export interface ScoreOptions {
  /** The interviewer detector's var min_scorecards_per_interviewer. */
  readonly minScorecardsPerInterviewer: number;
}

export function scoreDetectors(
  rows: DetectorRows,
  truth: GroundTruth,
  options: ScoreOptions,
): DetectorScore[] {
  return [
    duplicateScore(rows, truth),
    outlierScore(rows, truth),
    interviewerScore(rows, truth, options),
    eeocScore(rows, truth),
  ];
}

/** Pairs of candidate ids: a flagged pair is right when both ids are one injected person. */
function duplicateScore(rows: DetectorRows, truth: GroundTruth): DetectorScore {
  const truePairs = new Set<string>();
  for (const cluster of truth.duplicateCandidates) {
    const ids = [...cluster.candidateIds].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) truePairs.add(`${ids[i]}|${ids[j]}`);
    }
  }
  const flagged = new Set(
    rows.duplicates.map((r) => {
      const pair = [Number(r.left_source_id), Number(r.right_source_id)].sort((a, b) => a - b);
      return `${pair[0]}|${pair[1]}`;
    }),
  );
  const hits = [...flagged].filter((p) => truePairs.has(p)).length;
  return score(
    'duplicate_identities',
    'pair of candidate records',
    flagged.size,
    truePairs.size,
    hits,
    hits,
  );
}

/** Applications: a flagged hire is right when the generator stalled it. */
function outlierScore(rows: DetectorRows, truth: GroundTruth): DetectorScore {
  const injected = new Set(truth.anomalies.timeToHireOutliers.map((o) => o.applicationId));
  const flagged = new Set(rows.timeToHireOutliers.map((r) => Number(r.application_id)));
  const hits = [...flagged].filter((id) => injected.has(id)).length;
  return score(
    'time_to_hire_outliers',
    'hired application',
    flagged.size,
    injected.size,
    hits,
    hits,
  );
}

/**
 * Interviewers: one flagged 'lower' row for the biased attribute and group is a hit. Injected
 * interviewers with fewer scorecards than the detector's minimum cannot be found and are
 * reported in the note.
 */
function interviewerScore(
  rows: DetectorRows,
  truth: GroundTruth,
  options: ScoreOptions,
): DetectorScore {
  const biased = truth.anomalies.biasedInterviewers;
  const flaggedUsers = new Set(
    rows.interviewerAnomalies
      .filter((r) => r.direction === 'lower')
      .map((r) => Number(r.interviewer_user_id)),
  );
  const found = biased.filter((b) =>
    rows.interviewerAnomalies.some(
      (r) =>
        Number(r.interviewer_user_id) === b.userId &&
        r.direction === 'lower' &&
        r.attribute === b.attribute &&
        groupMatches(String(r.group_value), b.against),
    ),
  ).length;
  const correctUsers = [...flaggedUsers].filter((u) => biased.some((b) => b.userId === u)).length;
  const eligible = biased.filter((b) => b.scorecards >= options.minScorecardsPerInterviewer).length;
  return score(
    'interviewer_score_anomalies',
    'interviewer (flagged lower for a group)',
    flaggedUsers.size,
    biased.length,
    correctUsers,
    found,
    `${eligible} of ${biased.length} injected interviewers wrote at least ${options.minScorecardsPerInterviewer} scorecards`,
  );
}

/**
 * Sources: a never-collects finding is right for the injected source; a collection gap is
 * right for the outage source when its weeks overlap the outage window.
 */
function eeocScore(rows: DetectorRows, truth: GroundTruth): DetectorScore {
  const injected = truth.anomalies.missingEeoc;
  const matches = (r: Row, a: GroundTruth['anomalies']['missingEeoc'][number]): boolean => {
    if (Number(r.source_id) !== a.sourceId) return false;
    if (a.kind === 'source-never-collects') return r.anomaly_kind === 'source_never_collects';
    return (
      r.anomaly_kind === 'collection_gap' &&
      String(r.period_start) <= (a.to ?? '').slice(0, 10) &&
      String(r.period_end) >= (a.from ?? '').slice(0, 10)
    );
  };
  const hits = rows.eeocAnomalies.filter((r) => injected.some((a) => matches(r, a))).length;
  const found = injected.filter((a) => rows.eeocAnomalies.some((r) => matches(r, a))).length;
  return score(
    'eeoc_completeness_anomalies',
    'source or source-period',
    rows.eeocAnomalies.length,
    injected.length,
    hits,
    found,
  );
}

function groupMatches(group: string, against: string): boolean {
  const g = group.toLowerCase();
  if (against === 'black') return g.startsWith('black');
  if (against === 'hispanic') return g.startsWith('hispanic');
  return g === against;
}

function score(
  detector: string,
  unit: string,
  flagged: number,
  injected: number,
  correctFlags: number,
  foundInjected: number,
  note?: string,
): DetectorScore {
  return {
    detector,
    unit,
    flagged,
    injected,
    truePositives: correctFlags,
    precision: flagged === 0 ? null : correctFlags / flagged,
    recall: injected === 0 ? null : foundInjected / injected,
    ...(note ? { note } : {}),
  };
}
