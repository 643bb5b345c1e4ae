/**
 * Which Greenhouse streams a webhook event touches, and the record ids it names. Event names are
 * Greenhouse's own (`hire_candidate`, not `candidate_hired`); payloads are v1-shaped, so ids are
 * read from the places each event group puts them.
 */

export interface ChangeNotice {
  readonly source: 'greenhouse';
  readonly action: string;
  /** Streams to sync, as `greenhouse.<stream>` selectors. */
  readonly streams: readonly string[];
  /** Record ids named by the event, per stream. */
  readonly ids: Readonly<Record<string, readonly string[]>>;
}

const APPLICATION = ['applications', 'application_stages', 'candidates'];
const OFFER = ['offers', 'applications'];
const CANDIDATE = ['candidates', 'applications', 'application_stages'];
const JOB = ['jobs', 'openings', 'job_posts', 'job_stages'];

const STREAMS_BY_ACTION: Readonly<Record<string, readonly string[]>> = {
  new_candidate_application: APPLICATION,
  application_updated: APPLICATION,
  delete_application: APPLICATION,
  new_prospect_application: APPLICATION,
  offer_created: OFFER,
  offer_approved: OFFER,
  offer_updated: OFFER,
  offer_deleted: OFFER,
  hire_candidate: [...CANDIDATE, 'offers'],
  unhire_candidate: [...CANDIDATE, 'offers'],
  reject_candidate: CANDIDATE,
  unreject_candidate: CANDIDATE,
  candidate_stage_change: CANDIDATE,
  update_candidate: CANDIDATE,
  delete_candidate: CANDIDATE,
  merge_candidate: CANDIDATE,
  candidate_anonymized: CANDIDATE,
  interview_deleted: ['scheduled_interviews'],
  scorecard_deleted: ['scorecards'],
  job_created: JOB,
  job_updated: JOB,
  job_deleted: JOB,
  job_approved: JOB,
  job_post_created: ['job_posts'],
  job_post_updated: ['job_posts'],
  job_post_deleted: ['job_posts', 'job_posts_deleted'],
  job_interview_stage_deleted: ['job_stages'],
  department_deleted: ['departments'],
  office_deleted: ['offices'],
};

/** The notice for a parsed delivery, or undefined for pings and unknown actions. */
export function noticeFor(body: unknown): ChangeNotice | undefined {
  if (!isObject(body) || typeof body.action !== 'string') return undefined;
  const streams = STREAMS_BY_ACTION[body.action];
  if (!streams) return undefined;
  const payload = isObject(body.payload) ? body.payload : {};
  return {
    source: 'greenhouse',
    action: body.action,
    streams: streams.map((s) => `greenhouse.${s}`),
    ids: idsOf(payload),
  };
}

function idsOf(payload: Record<string, unknown>): Record<string, string[]> {
  const ids: Record<string, string[]> = {};
  const add = (stream: string, value: unknown): void => {
    if (typeof value !== 'number' && typeof value !== 'string') return;
    ids[stream] = [...new Set([...(ids[stream] ?? []), String(value)])];
  };
  const application = isObject(payload.application) ? payload.application : undefined;
  if (application) {
    add('applications', application.id);
    if (isObject(application.candidate)) add('candidates', application.candidate.id);
  }
  const offer = isObject(payload.offer) ? payload.offer : payload;
  if ('application_id' in offer) {
    add('offers', offer.id);
    add('applications', offer.application_id);
  }
  if (isObject(payload.person)) add('candidates', payload.person.id);
  if (isObject(payload.candidate)) add('candidates', payload.candidate.id);
  if (isObject(payload.job)) add('jobs', payload.job.id);
  return ids;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
