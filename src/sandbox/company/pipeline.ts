/**
 * The recruiting pipeline as a discrete-event simulation. Jobs open at a steady rate; applications
 * arrive at each open job (front-loaded, until its quota is used or it closes); each application
 * follows its plan step by step. When a job's last opening is filled the job closes and every
 * other candidate still in process is rejected. Generation runs the simulation up to the
 * company's present; advancing the company runs it further, so the same rules produce history
 * and live changes.
 */
import type { Rng } from '../random.js';
import { WeightedPicker } from '../random.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.js';
import type { SimTime } from '../time.js';
import { Agenda } from './agenda.js';
import { Applicants } from './applicants.js';
import { planApplication } from './application-plan.js';
import type { PlanContext } from './application-plan.js';
import type { Catalog } from './catalog.js';
import { idAt } from './ids.js';
import type { JobFactory } from './jobs.js';
import type {
  Application,
  CandidateRating,
  ChangeEvent,
  CloseReason,
  Company,
  Interview,
  Job,
  Offer,
  Opening,
  PlannedStep,
  RejectionReason,
  Scorecard,
  Source,
  User,
} from './model.js';
import type { PeopleFactory } from './people.js';
import type { Staff } from './users.js';
import { INTERNAL_SOURCE } from './vocabulary/recruiting.js';
import type { CloseCause, RejectionCause } from './vocabulary/recruiting.js';
import type { Workforce } from './workforce.js';

/** The average of `job.demand` over the area mix, so quotas add up to the target. */
const MEAN_DEMAND = 1.35;

/** Applications a job attracts on average in a large company; small ones get fewer per job. */
const APPLICATIONS_PER_JOB = 95;
const MIN_APPLICATIONS_PER_JOB = 25;

type Item =
  | { readonly kind: 'open-job' }
  | { readonly kind: 'arrival'; readonly job: Job }
  /** An application whose next planned step is due. */
  | Application
  | { readonly kind: 'review-job'; readonly job: Job };

interface Arrivals {
  left: number;
  /** The last order statistic drawn, in [0, 1). */
  u: number;
  readonly from: SimTime;
  readonly window: number;
  /** The agenda item for this job's arrivals, reused for every one. */
  readonly item: Item;
}

export interface PipelineTargets {
  readonly applications: number;
  readonly candidates: number;
  readonly windowStart: SimTime;
}

export class Pipeline {
  readonly #company: Company;
  readonly #rng: Rng;
  readonly #staff: Staff;
  readonly #jobs: JobFactory;
  readonly #workforce: Workforce;
  readonly #agenda = new Agenda<Item>();
  readonly #arrivals = new Map<Job, Arrivals>();
  readonly #interviews = new Map<Application, Interview[]>();
  readonly #stalled = new Set<Application>();
  /** Openings an outstanding offer holds; no other candidate can be hired into them. */
  readonly #reserved = new Set<Opening>();
  readonly #reasons: ReadonlyMap<RejectionCause, RejectionReason>;
  readonly #closeReasons: ReadonlyMap<CloseCause, CloseReason>;
  readonly #sourcePicker: WeightedPicker<Source>;
  readonly #internalSource: Source;
  readonly #applicants: Applicants;
  readonly #targets: PipelineTargets;
  readonly #jobInterval: number;
  readonly #planContext: PlanContext;
  readonly #windowEnd: SimTime;
  /** Applications still expected from the arrival processes of open jobs. */
  #outstanding = 0;
  #applicationsMade = 0;
  /** Changes since the last drain, when recording is on (after generation). */
  #changes: ChangeEvent[] | null = null;
  #until: SimTime = 0;

  constructor(
    company: Company,
    rng: Rng,
    staff: Staff,
    jobs: JobFactory,
    people: PeopleFactory,
    workforce: Workforce,
    catalog: Catalog,
    targets: PipelineTargets,
  ) {
    this.#company = company;
    this.#rng = rng;
    this.#staff = staff;
    this.#jobs = jobs;
    this.#workforce = workforce;
    this.#targets = targets;
    this.#reasons = new Map(catalog.rejectionReasons.map((r) => [r.cause, r]));
    this.#closeReasons = new Map(catalog.closeReasons.map((r) => [r.cause, r]));
    this.#sourcePicker = new WeightedPicker(catalog.sources, (s) => s.spec.weight);
    const internal = catalog.sources.find((s) => s.spec.name === INTERNAL_SOURCE);
    if (!internal) throw new RangeError('no internal source');
    this.#internalSource = internal;
    this.#applicants = new Applicants(company, rng, people, workforce, internal);
    this.#planContext = {
      rng,
      interviewer: (job, at, exclude) => this.#interviewer(job, at, exclude),
    };
    const jobCount = expectedJobs(
      targets,
      company.settings.employees,
      company.settings.recruitingYears,
    );
    this.#jobInterval = (company.now - targets.windowStart) / jobCount;
    this.#windowEnd = company.now;
  }

  /** Schedules the first job opening; call once before the first {@link run}. */
  start(): void {
    this.#agenda.push(this.#targets.windowStart, { kind: 'open-job' });
  }

  /** Plays every scheduled item due by `until`; items later stay scheduled. */
  run(until: SimTime): void {
    this.#until = until;
    for (;;) {
      const next = this.#agenda.peekTime();
      if (next === undefined || next > until) break;
      const item = this.#agenda.pop();
      if (!item) break;
      this.#play(next, item);
    }
  }

  /** Starts recording changes for webhooks and returns those recorded since the last call. */
  drainChanges(): ChangeEvent[] {
    const changes = this.#changes ?? [];
    this.#changes = [];
    return changes;
  }

  /** Applications whose plan had a long stall and that were hired: time-to-hire outliers. */
  get stalledHires(): ReadonlySet<Application> {
    return this.#stalled;
  }

  /** Records a change made outside the pipeline (edits, deletions, merges) for webhooks. */
  record(change: ChangeEvent): void {
    this.#changes?.push(change);
  }

  /** Takes a deleted application out of its job's pipeline and drops its remaining plan. */
  forget(application: Application): void {
    application.pending = null;
    application.job.active.delete(application);
    this.#interviews.delete(application);
  }

  /** Rejects an in-process application now, outside its plan (used by deletions and merges). */
  rejectNow(application: Application, cause: RejectionCause, at: SimTime): void {
    this.#reject(at, application, cause);
  }

  #play(at: SimTime, item: Item): void {
    if (!('kind' in item)) {
      this.#step(at, item);
      return;
    }
    switch (item.kind) {
      case 'open-job':
        this.#openJob(at);
        return;
      case 'arrival':
        this.#arrive(at, item.job);
        return;
      case 'review-job':
        this.#reviewJob(at, item.job);
        return;
      default: {
        const unhandled: never = item;
        throw new Error(`unknown agenda item ${JSON.stringify(unhandled)}`);
      }
    }
  }

  #openJob(at: SimTime): void {
    const rng = this.#rng;
    const base = this.#targets.applications / this.#expectedJobs();
    const draft = rng.chance(0.02);
    const job = this.#jobs.create(rng, at, 0, draft);
    job.quota = draft ? 0 : Math.max(3, Math.round((base * job.demand) / MEAN_DEMAND));
    this.#outstanding += job.quota;
    this.#emit(at, 'job_created', job);
    if (!draft) {
      const window = Math.round(rng.logNormal(35, 0.45) * SECONDS_PER_DAY);
      const arrivals: Arrivals = {
        left: job.quota,
        u: 0,
        from: at,
        window,
        item: { kind: 'arrival', job },
      };
      this.#arrivals.set(job, arrivals);
      this.#scheduleArrival(job, arrivals);
    }
    this.#agenda.push(at + this.#openingGap(at), { kind: 'open-job' });
  }

  /**
   * Seconds until the next job opens: the average gap, shortened when fewer applications are
   * made or expected than the target calls for by now, stretched when more are. Jobs close early
   * when filled, so a fixed rate would miss the target.
   */
  #openingGap(at: SimTime): number {
    const targets = this.#targets;
    const span = Math.max(1, this.#windowEnd - targets.windowStart);
    const expected = (targets.applications * (at - targets.windowStart)) / span;
    // About a quarter of what open jobs still expect arrives within the next few weeks.
    const committed = this.#applicationsMade + this.#outstanding / 4;
    const pace = Math.min(1.6, Math.max(0.5, committed / Math.max(1, expected)));
    // Requisitions open at a steady cadence; an exponential gap would leave small companies
    // with months in which nothing is open.
    return Math.max(60, Math.round(this.#jobInterval * pace * this.#rng.between(0.4, 1.6)));
  }

  #expectedJobs(): number {
    const settings = this.#company.settings;
    return expectedJobs(this.#targets, settings.employees, settings.recruitingYears);
  }

  #scheduleArrival(job: Job, arrivals: Arrivals): void {
    if (arrivals.left <= 0) {
      this.#arrivals.delete(job);
      this.#agenda.push(arrivals.from + arrivals.window + 45 * SECONDS_PER_DAY, {
        kind: 'review-job',
        job,
      });
      return;
    }
    // The next of `left` sorted uniforms, then bent so most applications come early.
    const v = 1 - this.#rng.next();
    arrivals.u = 1 - (1 - arrivals.u) * Math.pow(v, 1 / arrivals.left);
    arrivals.left--;
    this.#outstanding--;
    const at = arrivals.from + arrivals.window * Math.pow(arrivals.u, 1.6);
    this.#agenda.push(Math.round(at), arrivals.item);
  }

  #arrive(at: SimTime, job: Job): void {
    const arrivals = this.#arrivals.get(job);
    if (job.status !== 'open') return;
    this.#apply(at, job);
    if (arrivals) this.#scheduleArrival(job, arrivals);
  }

  /** A job whose arrivals ran dry: cancel it, or advertise again when openings remain. */
  #reviewJob(at: SimTime, job: Job): void {
    if (job.status !== 'open') return;
    if (job.active.size > 0) {
      this.#agenda.push(at + 30 * SECONDS_PER_DAY, { kind: 'review-job', job });
      return;
    }
    const rng = this.#rng;
    if (rng.chance(0.3)) {
      this.#closeJob(job, at, rng.chance(0.6) ? 'cancelled' : 'budget');
      return;
    }
    const arrivals: Arrivals = {
      left: Math.max(5, Math.round(job.quota * 0.4)),
      u: 0,
      from: at,
      window: Math.round(rng.logNormal(30, 0.4) * SECONDS_PER_DAY),
      item: { kind: 'arrival', job },
    };
    this.#arrivals.set(job, arrivals);
    this.#outstanding += arrivals.left;
    this.#scheduleArrival(job, arrivals);
  }

  #apply(at: SimTime, job: Job): void {
    const company = this.#company;
    const rng = this.#rng;
    const source = rng.chance(0.02) ? this.#internalSource : this.#sourcePicker.draw(rng);
    const remainingNew = this.#targets.candidates - this.#applicants.created;
    const remainingApps = Math.max(1, this.#targets.applications - this.#applicationsMade);
    const pNew = Math.min(1, Math.max(0, remainingNew / remainingApps));
    const candidate = this.#applicants.candidateFor(at, job, source, pNew);
    if (!candidate) return;
    const post =
      job.posts.find((p) => p.internal === (source === this.#internalSource)) ??
      job.posts[0] ??
      null;
    const referrer = source.spec.type === 'Referral' ? this.#applicants.referrer(at) : null;
    const application: Application = {
      id: idAt('application', company.applications.length),
      candidate,
      job,
      post,
      source,
      referrer,
      status: 'in_process',
      current: null,
      rejectedAt: null,
      rejectionReason: null,
      eeoc: null,
      worker: null,
      hiredAt: null,
      createdAt: at,
      updatedAt: at,
      deleted: false,
      pending: null,
      offers: [],
    };
    company.applications.push(application);
    candidate.applications = candidate.applications.concat(application);
    candidate.updatedAt = Math.max(candidate.updatedAt, at);
    candidate.lastActivityAt = Math.max(candidate.lastActivityAt, at);
    job.active.add(application);
    this.#applicationsMade++;
    this.#applicants.collectDemographics(at, application);
    this.#emit(at, 'new_candidate_application', application);

    const plan = planApplication(this.#planContext, application, at);
    if (plan.stalled) this.#stalled.add(application);
    application.pending = plan.steps;
    this.#next(application);
  }

  /** An interviewer from the job's area employed well before and after `at`, or null. */
  #interviewer(job: Job, at: SimTime, exclude: ReadonlySet<User>): User | null {
    const staff = this.#staff;
    const pool = staff.interviewers.get(job.department.area.name) ?? [];
    const day = this.#company.time.dayOf(at);
    for (let attempt = 0; attempt < 6 && pool.length > 0; attempt++) {
      const user = this.#rng.pick(pool);
      const window = staff.windows.get(user);
      if (exclude.has(user) || !window || window.from > day - 30 || window.to <= day + 14) continue;
      return user;
    }
    return null;
  }

  #next(application: Application): void {
    const step = application.pending?.[0];
    if (!step) {
      application.pending = null;
      return;
    }
    this.#agenda.push(step.at, application);
  }

  #step(at: SimTime, application: Application): void {
    const step = application.pending?.[0];
    // A rejected application's last scheduled step is stale; its plan is gone.
    if (!step || step.at !== at) return;
    application.pending?.shift();
    if (application.status === 'in_process' || step.kind === 'enter-hris') {
      this.#perform(at, application, step);
    }
    if (application.status !== 'in_process' && step.kind !== 'accept') {
      if (!application.pending?.some((s) => s.kind === 'enter-hris')) application.pending = null;
    }
    this.#next(application);
  }

  #perform(at: SimTime, application: Application, step: PlannedStep): void {
    switch (step.kind) {
      case 'enter':
        this.#enterStage(at, application, step.stageIndex);
        return;
      case 'interview':
        this.#schedule(at, application, step);
        return;
      case 'scorecard':
        this.#scorecard(at, application, step.slotIndex, step.score);
        return;
      case 'offer':
        this.#offer(at, application, step.revision);
        return;
      case 'accept':
        this.#accept(at, application);
        return;
      case 'decline':
        this.#reject(at, application, 'declined-offer');
        return;
      case 'reject':
        this.#reject(at, application, step.cause);
        return;
      case 'enter-hris':
        this.#enterHris(at, application, step.rescindAfter);
        return;
      default: {
        const unhandled: never = step;
        throw new Error(`unknown step ${JSON.stringify(unhandled)}`);
      }
    }
  }

  #touch(at: SimTime, application: Application): void {
    application.updatedAt = Math.max(application.updatedAt, at);
    const candidate = application.candidate;
    candidate.lastActivityAt = Math.max(candidate.lastActivityAt, at);
  }

  #enterStage(at: SimTime, application: Application, stageIndex: number): void {
    const company = this.#company;
    const stage = application.job.stages[stageIndex];
    if (!stage) return;
    const previous = application.current;
    if (previous) previous.exitedAt = at;
    const visit = {
      id: idAt('stageVisit', company.stageVisits.length),
      application,
      stage,
      enteredAt: at,
      exitedAt: null,
    };
    company.stageVisits.push(visit);
    application.current = visit;
    this.#touch(at, application);
    if (previous) this.#emit(at, 'candidate_stage_change', application);
  }

  #schedule(
    at: SimTime,
    application: Application,
    step: PlannedStep & { kind: 'interview' },
  ): void {
    const company = this.#company;
    const slot = application.job.interviewSlots[step.slotIndex];
    if (!slot) return;
    const interview: Interview = {
      id: idAt('interview', company.interviews.length),
      application,
      slot,
      interviewer: step.interviewer,
      startsAt: step.startsAt,
      status: 'scheduled',
      scorecard: null,
      createdAt: at,
      updatedAt: at,
      deleted: false,
    };
    company.interviews.push(interview);
    const list = this.#interviews.get(application) ?? [];
    list.push(interview);
    this.#interviews.set(application, list);
    this.#touch(at, application);
  }

  #scorecard(at: SimTime, application: Application, slotIndex: number, score: number): void {
    const company = this.#company;
    const rng = this.#rng;
    const interview = this.#interviewFor(application, slotIndex);
    if (!interview) return;
    const scorecard: Scorecard = {
      id: idAt('scorecard', company.scorecards.length),
      interview,
      rating: rng.chance(0.02) ? 'no_decision' : ratingOf(score),
      status: 'complete',
      submittedAt: at,
      submitter: rng.chance(0.04) ? application.job.coordinator : interview.interviewer,
      updatedAt: at,
    };
    company.scorecards.push(scorecard);
    interview.scorecard = scorecard;
    interview.status = 'complete';
    interview.updatedAt = at;
    this.#touch(at, application);
  }

  #interviewFor(application: Application, slotIndex: number): Interview | undefined {
    const slot = application.job.interviewSlots[slotIndex];
    return this.#interviews.get(application)?.find((i) => i.slot === slot);
  }

  #offer(at: SimTime, application: Application, revision: number): void {
    const company = this.#company;
    const rng = this.#rng;
    const job = application.job;
    const previous = application.offers[application.offers.length - 1];
    if (previous) {
      previous.status = 'Deprecated';
      previous.updatedAt = at;
      this.#emit(at, 'offer_updated', previous);
    }
    const day = company.time.dayOf(at);
    const salary = previous
      ? Math.round((previous.salary * 1.04) / 500) * 500
      : Math.round(rng.between(job.salaryMin, job.salaryMax) / 500) * 500;
    const offer: Offer = {
      id: idAt('offer', company.offers.length),
      version: revision,
      application,
      opening: previous?.opening ?? this.#reserveOpening(at, job),
      status: 'Created',
      sentOn: day,
      startsOn: previous ? previous.startsOn : day + rng.int(14, 45),
      resolvedAt: null,
      salary,
      currency: job.currency,
      createdAt: at,
      updatedAt: at,
      deleted: false,
    };
    company.offers.push(offer);
    application.offers = application.offers.concat(offer);
    this.#touch(at, application);
    this.#emit(at, 'offer_created', offer);
  }

  #accept(at: SimTime, application: Application): void {
    const job = application.job;
    const offer = application.offers[application.offers.length - 1];
    if (!offer) return;
    // The offer's own opening, held since the offer went out; another one if that was taken.
    const held = offer.opening?.closedAt === null ? offer.opening : null;
    const opening = held ?? job.openings.find((o) => o.closedAt === null && !this.#reserved.has(o));
    if (offer.opening) this.#reserved.delete(offer.opening);
    if (!opening) {
      this.#reject(at, application, 'hired-another');
      return;
    }
    offer.status = 'Accepted';
    offer.resolvedAt = this.#rng.chance(0.3) ? noon(at) : at;
    offer.updatedAt = at;
    offer.opening = opening;
    application.status = 'hired';
    application.hiredAt = at;
    this.#touch(at, application);
    application.candidate.updatedAt = Math.max(application.candidate.updatedAt, at);
    job.active.delete(application);
    this.#interviews.delete(application);
    opening.closedAt = at;
    opening.application = application;
    opening.closeReason =
      this.#closeReasons.get(
        application.candidate.worker
          ? 'hire-internal'
          : opening.headcountType === 'Backfill'
            ? 'hire-backfill'
            : 'hire-new',
      ) ?? null;
    opening.updatedAt = at;
    job.updatedAt = at;
    this.#emit(at, 'offer_updated', offer);
    this.#emit(at, 'hire_candidate', application);
    if (job.openings.every((o) => o.closedAt !== null)) this.#closeJob(job, at, null);
  }

  /** An open opening no other outstanding offer holds, adding one when all are held. */
  #reserveOpening(at: SimTime, job: Job): Opening | null {
    if (job.status !== 'open') return null;
    const free = job.openings.find((o) => o.closedAt === null && !this.#reserved.has(o));
    const opening = free ?? this.#jobs.addOpening(this.#rng, job, at);
    this.#reserved.add(opening);
    return opening;
  }

  #closeJob(job: Job, at: SimTime, cause: CloseCause | null): void {
    job.status = 'closed';
    job.closedAt = at;
    job.updatedAt = at;
    for (const opening of job.openings) {
      if (opening.closedAt !== null) continue;
      opening.closedAt = at;
      opening.closeReason = cause ? (this.#closeReasons.get(cause) ?? null) : null;
      opening.updatedAt = at;
    }
    for (const post of job.posts) {
      post.live = false;
      post.updatedAt = at;
      if (this.#rng.chance(0.3)) post.active = false;
    }
    this.#outstanding -= this.#arrivals.get(job)?.left ?? 0;
    this.#arrivals.delete(job);
    for (const other of [...job.active]) {
      const when = Math.min(this.#until, at + this.#rng.int(SECONDS_PER_HOUR, 3 * SECONDS_PER_DAY));
      this.#reject(Math.max(when, at), other, 'hired-another');
    }
    this.#emit(at, 'job_updated', job);
  }

  #reject(at: SimTime, application: Application, cause: RejectionCause): void {
    if (application.status !== 'in_process') return;
    application.status = 'rejected';
    application.rejectedAt = at;
    application.rejectionReason = this.#reasons.get(cause) ?? null;
    application.pending = null;
    application.job.active.delete(application);
    const offer = application.offers[application.offers.length - 1];
    if (offer?.opening) this.#reserved.delete(offer.opening);
    if (offer && offer.status === 'Created') {
      offer.status = 'Rejected';
      offer.resolvedAt = at;
      offer.updatedAt = at;
      this.#emit(at, 'offer_updated', offer);
    }
    for (const interview of this.#interviews.get(application) ?? []) {
      if (interview.status === 'scheduled' && interview.startsAt > at) {
        interview.deleted = true;
        this.#emit(at, 'interview_deleted', interview);
      }
    }
    this.#interviews.delete(application);
    this.#touch(at, application);
    application.candidate.updatedAt = Math.max(application.candidate.updatedAt, at);
    this.#emit(at, 'reject_candidate', application);
  }

  #enterHris(at: SimTime, application: Application, rescindAfter: number | null): void {
    if (application.status !== 'hired') return;
    const offer = application.offers[application.offers.length - 1];
    if (!offer) return;
    const internal = application.candidate.worker;
    if (internal) {
      this.#workforce.moveInternally(internal, offer, at);
      application.worker = internal;
      return;
    }
    application.worker = this.#workforce.hireFromOffer(offer, at, rescindAfter);
  }

  #emit(at: SimTime, action: string, subject: ChangeEvent['subject']): void {
    this.#changes?.push({ at, action, subject });
  }
}

/**
 * Jobs over the recruiting window: enough that a small company always has a few requisitions
 * open (about one per ten employees a year), never fewer applications per job than a handful.
 */
function expectedJobs(targets: PipelineTargets, employees: number, years: number): number {
  const perJob = Math.min(
    APPLICATIONS_PER_JOB,
    Math.max(MIN_APPLICATIONS_PER_JOB, targets.applications / (8 + employees * 0.1 * years)),
  );
  return Math.max(3, Math.ceil(targets.applications / perJob));
}

/** The rating an interviewer gives for a latent score; one point is one rating step. */
export function ratingOf(score: number): CandidateRating {
  return score < -1 ? 'strong_no' : score < 0 ? 'no' : score < 1.1 ? 'yes' : 'strong_yes';
}

/** Noon UTC of the day of `at`, as Greenhouse stores offer resolutions written through its API. */
function noon(at: SimTime): SimTime {
  return Math.floor(at / SECONDS_PER_DAY) * SECONDS_PER_DAY + 12 * SECONDS_PER_HOUR;
}
