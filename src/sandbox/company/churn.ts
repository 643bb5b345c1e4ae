/**
 * The changes recruiting teams make between pipeline steps: profile edits, EEOC corrections,
 * GDPR deletions of candidates, recruiters merging duplicate candidates, deleted duplicate
 * applications and taken-down job posts. Deleted records disappear from the API, so syncs must
 * reconcile ids or listen to webhooks to notice them.
 */
import type { SimTime } from '../time.js';
import type { World } from './generate.js';
import type { Application, Candidate, Person } from './model.js';

/** Expected events per simulated day, per 10,000 candidates. */
const DAILY_RATES = {
  edit: 6,
  eeocCorrection: 1,
  deletion: 0.3,
  merge: 1.5,
  applicationDeletion: 0.2,
  postDeletion: 0.5,
} as const;

/** Applies `days` of ad-hoc changes at moments in `(from, to]`. */
export function churn(world: World, from: SimTime, to: SimTime): void {
  const company = world.company;
  const rng = company.rng;
  const days = (to - from) / 86_400;
  const scale = (company.candidates.length / 10_000) * days;
  const times = (rate: number): number => {
    const expected = rate * scale;
    return Math.floor(expected) + (rng.chance(expected - Math.floor(expected)) ? 1 : 0);
  };
  const moment = (): SimTime => from + 1 + Math.floor(rng.next() * (to - from));
  const liveCandidate = (): Candidate | null => {
    for (let attempt = 0; attempt < 10 && company.candidates.length > 0; attempt++) {
      const candidate = rng.pick(company.candidates);
      if (!candidate.deleted) return candidate;
    }
    return null;
  };

  for (let i = times(DAILY_RATES.edit); i > 0; i--) {
    const candidate = liveCandidate();
    if (!candidate) break;
    const at = moment();
    candidate.firstName = candidate.firstName.trim();
    candidate.lastName = candidate.lastName.trim();
    candidate.updatedAt = Math.max(candidate.updatedAt, at);
    world.pipeline.record({ at, action: 'update_candidate', subject: candidate });
  }

  for (let i = times(DAILY_RATES.eeocCorrection); i > 0; i--) {
    const candidate = liveCandidate();
    const application = candidate?.applications.find((a) => a.eeoc !== null && !a.deleted);
    if (!application?.eeoc) continue;
    const at = moment();
    application.eeoc.updatedAt = Math.max(application.eeoc.updatedAt, at);
    if (application.eeoc.race === 8) application.eeoc.race = null;
  }

  for (let i = times(DAILY_RATES.deletion); i > 0; i--) {
    const candidate = liveCandidate();
    if (!candidate || candidate.worker) continue;
    const at = moment();
    const deleted = candidate.applications.filter((a) => !a.deleted && a.status !== 'hired');
    if (deleted.length !== candidate.applications.length) continue;
    candidate.deleted = true;
    for (const application of deleted) deleteApplication(world, application);
    world.pipeline.record({
      at,
      action: 'delete_candidate',
      subject: candidate,
      detail: { deleted_application_ids: deleted.map((a) => a.id) },
    });
  }

  const merges = times(DAILY_RATES.merge);
  const byPerson =
    merges > 0 ? candidatesByPerson(company.candidates) : new Map<Person, Candidate[]>();
  for (let i = merges; i > 0; i--) {
    const loser = liveCandidate();
    if (!loser || loser.worker) continue;
    const winner = byPerson
      .get(loser.person)
      ?.find((c) => c !== loser && !c.deleted && c.worker === null);
    if (!winner) continue;
    const at = moment();
    for (const application of loser.applications) application.candidate = winner;
    winner.applications = winner.applications.concat(loser.applications);
    loser.applications = [];
    loser.deleted = true;
    winner.updatedAt = Math.max(winner.updatedAt, at);
    world.pipeline.record({
      at,
      action: 'merge_candidate',
      subject: loser,
      detail: { new_candidate_id: winner.id },
    });
  }

  for (let i = times(DAILY_RATES.applicationDeletion); i > 0; i--) {
    const candidate = liveCandidate();
    const application = candidate?.applications.find((a) => !a.deleted && a.status !== 'hired');
    if (!candidate || !application || candidate.applications.filter((a) => !a.deleted).length < 2) {
      continue;
    }
    deleteApplication(world, application);
    world.pipeline.record({ at: moment(), action: 'delete_application', subject: application });
  }

  for (let i = times(DAILY_RATES.postDeletion); i > 0; i--) {
    const post = company.jobPosts.length > 0 ? rng.pick(company.jobPosts) : undefined;
    if (!post || !post.active || post.job.status === 'open') continue;
    const at = moment();
    post.active = false;
    post.updatedAt = Math.max(post.updatedAt, at);
    world.pipeline.record({ at, action: 'job_post_deleted', subject: post });
  }
}

function candidatesByPerson(candidates: readonly Candidate[]): Map<Person, Candidate[]> {
  const byPerson = new Map<Person, Candidate[]>();
  for (const candidate of candidates) {
    const list = byPerson.get(candidate.person);
    if (list) list.push(candidate);
    else byPerson.set(candidate.person, [candidate]);
  }
  return byPerson;
}

function deleteApplication(world: World, application: Application): void {
  application.deleted = true;
  world.pipeline.forget(application);
  for (const offer of application.offers) offer.deleted = true;
}
