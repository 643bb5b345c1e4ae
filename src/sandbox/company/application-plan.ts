/**
 * How one application will move through its job's stages, decided the moment it arrives: how long
 * each stage takes (log-normal, with rare long stalls that make time-to-hire outliers), whether it
 * passes (a base conversion rate shifted by the candidate's strength, the source's quality and any
 * biased interviewer on the panel), who interviews, what they score, and how the offer ends. The
 * pipeline then plays these steps as the company's clock reaches them.
 */
import type { Rng } from '../random.js';
import { SECONDS_PER_DAY, SECONDS_PER_HOUR } from '../time.js';
import type { SimTime } from '../time.js';
import type { Application, Job, PlannedStep, StageKind, User } from './model.js';
import type { RejectionCause } from './vocabulary/recruiting.js';

interface StagePlan {
  readonly kind: StageKind;
  readonly medianDays: number;
  /** Base probability of moving on to the next stage. */
  readonly pass: number;
  readonly failCauses: readonly RejectionCause[];
}

/** The five stages before Offer; their product of pass rates gives about a 2 % offer rate. */
export const STAGE_PLANS: readonly StagePlan[] = [
  {
    kind: 'review',
    medianDays: 3.5,
    pass: 0.3,
    failCauses: ['skills', 'experience', 'skills', 'duplicate'],
  },
  {
    kind: 'screen',
    medianDays: 5,
    pass: 0.55,
    failCauses: ['skills', 'compensation', 'experience'],
  },
  { kind: 'manager', medianDays: 6, pass: 0.6, failCauses: ['skills', 'experience', 'other'] },
  {
    kind: 'assessment',
    medianDays: 7,
    pass: 0.58,
    failCauses: ['assessment', 'assessment', 'skills'],
  },
  { kind: 'onsite', medianDays: 8, pass: 0.4, failCauses: ['skills', 'other', 'security'] },
];

const WITHDRAW_CAUSES: readonly RejectionCause[] = [
  'withdrew-other-offer',
  'withdrew-personal',
  'unresponsive',
];

/** Outcome shares once an offer is out. */
export const OFFER_OUTCOMES = { accept: 0.84, decline: 0.11, rescind: 0.05 } as const;

/** Share of Workday hires that are rescinded before the start date. */
export const RESCIND_RATE = 0.02;

/** Share of applications with one long stall; hired ones become time-to-hire outliers. */
export const STALL_RATE = 0.012;

/** Share of applications reaching Offer whose offer stalls for months. */
export const OFFER_STALL_RATE = 0.04;

export interface PlanContext {
  readonly rng: Rng;
  /** An interviewer from the job's area who is employed around `at`, or null. */
  readonly interviewer: (job: Job, at: SimTime, exclude: ReadonlySet<User>) => User | null;
}

export interface ApplicationPlan {
  readonly steps: PlannedStep[];
  /** True when a long stall was planned; ground truth records it if the application is hired. */
  readonly stalled: boolean;
}

/** The steps of `application`, starting with entering Application Review at `start`. */
export function planApplication(
  context: PlanContext,
  application: Application,
  start: SimTime,
): ApplicationPlan {
  const { rng } = context;
  const person = application.candidate.person;
  const job = application.job;
  const steps: PlannedStep[] = [{ at: start, kind: 'enter', stageIndex: 0 }];
  let stallStage = rng.chance(STALL_RATE) ? rng.int(0, 5) : -1;
  let t = start;

  for (let s = 0; s < STAGE_PLANS.length; s++) {
    const plan = STAGE_PLANS[s];
    if (!plan) break;
    let duration = Math.round(rng.logNormal(plan.medianDays, 0.55) * SECONDS_PER_DAY);
    if (s === stallStage) duration += rng.int(60, 150) * SECONDS_PER_DAY;

    const panel = panelFor(context, application, plan.kind, t + duration * 0.5);
    const biasHits = panel.filter((user) => biasApplies(user, person)).length;
    const sourceBoost = s === 0 ? Math.log(application.source.spec.quality) : 0;
    const strength = person.quality / 100;
    const logit =
      Math.log(plan.pass / (1 - plan.pass)) + 0.9 * strength + sourceBoost - 1.3 * biasHits;
    const passes = rng.next() < 1 / (1 + Math.exp(-logit));
    const withdraws = !passes && s > 0 && rng.chance(0.18);
    let decisionAt = t + duration;

    const scheduledAt =
      t + Math.round(Math.min(duration * 0.2, SECONDS_PER_DAY)) + rng.int(600, 7200);
    const onsiteStart = t + duration * rng.between(0.45, 0.7);
    panel.forEach((interviewer, slotIndex) => {
      const startsAt = roundToQuarter(
        plan.kind === 'onsite'
          ? onsiteStart + slotIndex * SECONDS_PER_HOUR
          : t + duration * rng.between(0.35, 0.75),
      );
      const endsAt = startsAt + (plan.kind === 'screen' ? 30 : 45) * 60;
      const bias = biasApplies(interviewer, person) ? (interviewer.bias?.shift ?? 0) : 0;
      const score =
        0.8 * strength + (passes ? 0.6 : -0.6) + interviewer.leniency + rng.normal(0, 0.6) - bias;
      const feedbackAfter = rng.chance(0.03)
        ? null
        : rng.int(SECONDS_PER_HOUR, 40 * SECONDS_PER_HOUR);
      const slot = slotIndexOf(job, plan.kind, slotIndex);
      steps.push({
        at: Math.min(scheduledAt, startsAt - 600),
        kind: 'interview',
        slotIndex: slot,
        interviewer,
        startsAt,
      });
      if (feedbackAfter !== null) {
        steps.push({ at: endsAt + feedbackAfter, kind: 'scorecard', slotIndex: slot, score });
        decisionAt = Math.max(decisionAt, endsAt + feedbackAfter + SECONDS_PER_HOUR);
      } else {
        decisionAt = Math.max(decisionAt, endsAt + 2 * SECONDS_PER_HOUR);
      }
    });

    if (!passes) {
      const rejectAt = withdraws ? t + Math.round(duration * rng.between(0.15, 0.9)) : decisionAt;
      const cause = withdraws ? rng.pick(WITHDRAW_CAUSES) : rng.pick(plan.failCauses);
      const kept = steps.filter((step) => step.at < rejectAt);
      kept.push({ at: rejectAt, kind: 'reject', cause });
      return { steps: sortSteps(kept), stalled: stallStage >= 0 };
    }
    t = decisionAt;
    steps.push({ at: t, kind: 'enter', stageIndex: s + 1 });
  }

  const offerAt = t + rng.int(1, 4) * SECONDS_PER_DAY + rng.int(0, 8) * SECONDS_PER_HOUR;
  steps.push({ at: offerAt, kind: 'offer', revision: 1 });
  let last = offerAt;
  if (rng.chance(0.2)) {
    last = offerAt + rng.int(2, 6) * SECONDS_PER_DAY;
    steps.push({ at: last, kind: 'offer', revision: 2 });
  }
  // Offers stall more often than earlier stages: visas, approvals, counter-offers.
  if (stallStage === -1 && rng.chance(OFFER_STALL_RATE)) stallStage = 5;
  if (stallStage === 5) last += rng.int(50, 110) * SECONDS_PER_DAY;
  const resolveAt = last + rng.int(1, 7) * SECONDS_PER_DAY + rng.int(0, 6) * SECONDS_PER_HOUR;
  const roll = rng.next();
  if (roll < OFFER_OUTCOMES.accept) {
    steps.push({ at: resolveAt, kind: 'accept' });
    const enterAt = resolveAt + rng.int(1, 5) * SECONDS_PER_DAY;
    const rescindAfter = rng.chance(RESCIND_RATE) ? rng.int(2, 12) * SECONDS_PER_DAY : null;
    steps.push({ at: enterAt, kind: 'enter-hris', rescindAfter });
  } else if (roll < OFFER_OUTCOMES.accept + OFFER_OUTCOMES.decline) {
    steps.push({ at: resolveAt, kind: 'decline' });
  } else {
    steps.push({ at: resolveAt, kind: 'reject', cause: 'offer-rescinded' });
  }
  return { steps: sortSteps(steps), stalled: stallStage >= 0 };
}

/** Whether `user`'s bias targets this person. */
export function biasApplies(user: User, person: Application['candidate']['person']): boolean {
  const bias = user.bias;
  if (!bias) return false;
  return bias.attribute === 'gender'
    ? person.gender === bias.against
    : person.race === bias.against;
}

function panelFor(
  context: PlanContext,
  application: Application,
  kind: StageKind,
  at: SimTime,
): User[] {
  const job = application.job;
  switch (kind) {
    case 'review':
    case 'offer':
      return [];
    case 'screen':
      return [job.recruiter];
    case 'manager':
      return [job.hiringManager];
    case 'assessment':
    case 'onsite': {
      const size = kind === 'onsite' ? 4 : 1;
      const panel = new Set<User>();
      for (let i = 0; i < size; i++) {
        panel.add(context.interviewer(job, at, panel) ?? job.hiringManager);
      }
      return [...panel];
    }
    default: {
      const unhandled: never = kind;
      throw new Error(`unknown stage kind ${String(unhandled)}`);
    }
  }
}

/** The index in `job.interviewSlots` of the n-th slot of a stage kind. */
function slotIndexOf(job: Application['job'], kind: StageKind, n: number): number {
  let seen = 0;
  for (let i = 0; i < job.interviewSlots.length; i++) {
    if (job.interviewSlots[i]?.stage.kind !== kind) continue;
    if (seen === n) return i;
    seen++;
  }
  return -1;
}

function roundToQuarter(t: SimTime): SimTime {
  return Math.round(t / 900) * 900;
}

function sortSteps(steps: PlannedStep[]): PlannedStep[] {
  return steps.sort((a, b) => a.at - b.at);
}
