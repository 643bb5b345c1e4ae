/**
 * The synthetic company as the simulators see it: one in-memory model shared by the Greenhouse
 * and the Workday servers. Entities reference each other directly (an application holds its
 * candidate and job); ids are assigned in creation order so that "id descending" is also "newest
 * first", as in Greenhouse. Moments are {@link SimTime} seconds and dates {@link SimDay} days since
 * the company epoch, which keeps a million-row company small.
 *
 * Records are mutable because the mutation engine advances the company over time; every change
 * goes through the pipeline and workforce modules, which keep `updatedAt` and the change log
 * honest.
 */
import type { Rng } from '../random.js';
import type { SimDay, SimTime, TimeBase } from '../time.js';
import type { PhoneStyle } from './people.js';
import type { AreaSpec, FamilySpec } from './vocabulary/organisation.js';
import type { CountrySpec, OfficeSpec } from './vocabulary/places.js';
import type {
  CloseCause,
  Race,
  RejectionCause,
  RejectionTypeKey,
  SourceSpec,
} from './vocabulary/recruiting.js';

/** The generator's knobs after defaults and derived sizes are filled in. */
export interface CompanySettings {
  readonly seed: number;
  /** Active employees at the generation date. */
  readonly employees: number;
  /** Candidate records created over the recruiting window (duplicates included). */
  readonly candidates: number;
  readonly applicationsPerCandidate: number;
  /** Years of workforce history before the generation date. */
  readonly historyYears: number;
  /** Years of Greenhouse history before the generation date. */
  readonly recruitingYears: number;
  /** Wall-clock milliseconds of the generation date (the company's "now" when generated). */
  readonly asOfMs: number;
  /** Share of candidate records that are a second record of an already known person. */
  readonly duplicateRate: number;
  /** Share of hired candidates whose Workday personal email equals their Greenhouse email. */
  readonly emailMatchRate: number;
  /** Share of interviewers whose scores are biased against one demographic group. */
  readonly biasedInterviewerRate: number;
  /** Share of active headcount that is contingent workers. */
  readonly contingentRate: number;
  readonly privateCandidateRate: number;
  readonly confidentialJobRate: number;
  /** Approximate voluntary and involuntary annual attrition. */
  readonly voluntaryAttrition: number;
  readonly involuntaryAttrition: number;
}

export interface BusinessUnit {
  readonly index: number;
  readonly name: string;
  readonly code: string;
  readonly wid: string;
}

export interface Office {
  readonly id: number;
  readonly index: number;
  readonly name: string;
  readonly spec: OfficeSpec;
  readonly country: CountrySpec;
  readonly externalId: string;
  /** The Workday location id. */
  readonly wid: string;
  /** Regions group offices; null for a region itself (none are generated yet). */
  readonly parent: Office | null;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  primaryContact: User | null;
}

export interface Department {
  readonly id: number;
  readonly index: number;
  readonly name: string;
  readonly parent: Department | null;
  readonly area: AreaSpec;
  readonly businessUnit: BusinessUnit;
  readonly externalId: string;
  /** The Workday supervisory organisation id; departments and supervisory orgs are 1:1. */
  readonly wid: string;
  /** Workday organisation code, e.g. `SUP-0042`. */
  readonly code: string;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  manager: Worker | null;
}

export interface JobFamily {
  readonly index: number;
  readonly wid: string;
  readonly spec: FamilySpec;
  readonly area: AreaSpec;
}

export interface JobProfile {
  readonly index: number;
  readonly wid: string;
  /** Workday job profile code, e.g. `SWE-3`. */
  readonly code: string;
  readonly name: string;
  readonly family: JobFamily;
  /** 1..5 on the individual ladder, 6..9 on the management ladder. */
  readonly level: number;
  readonly managementLevel: string;
  readonly isManager: boolean;
  /** Annual US base pay at this level. */
  readonly basePay: number;
}

export type Gender = 'female' | 'male' | 'nonbinary';

/** A real human in the simulation; candidates and workers are records that point at one. */
export interface Person {
  readonly index: number;
  readonly firstName: string;
  readonly lastName: string;
  readonly gender: Gender;
  readonly race: Race;
  readonly hispanic: boolean;
  readonly veteran: boolean;
  readonly disability: boolean;
  readonly birthDay: SimDay;
  /** The person's main personal email. */
  readonly email: string;
  /** National significant number, digits only, in `country`. */
  readonly phone: string;
  readonly country: CountrySpec;
  /**
   * Latent candidate strength in hundredths of a standard deviation (an integer keeps the record
   * small); shifts pass rates and interview scores.
   */
  readonly quality: number;
}

/** An effective-dated job a worker holds. */
export interface Position {
  /** Also the seed of the position's Workday id, which renderers derive from it. */
  readonly positionId: string;
  readonly profile: JobProfile;
  readonly title: string;
  readonly department: Department;
  readonly office: Office;
  readonly timeType: 'Full time' | 'Part time';
  /** Percent of a full-time schedule. */
  readonly fte: number;
  readonly jobType: 'Regular' | 'Temporary' | 'Intern' | 'Contractor';
}

export interface Compensation {
  readonly amount: number;
  readonly currency: string;
  readonly frequency: 'Annual' | 'Hourly';
}

export type TerminationCategory = 'voluntary' | 'involuntary';

export interface Termination {
  readonly category: TerminationCategory;
  readonly reason: string;
  readonly regrettable: boolean;
  readonly eligibleForRehire: boolean;
}

interface EventBase {
  /** Global transaction sequence; also the order of entry. */
  readonly seq: number;
  /** When the change takes effect. */
  readonly effective: SimDay;
  /** When the change was keyed into Workday. */
  readonly entered: SimTime;
}

/** One Workday business-process event; a worker's state is the fold of their events. */
export type WorkerEvent =
  | (EventBase & {
      readonly type: 'hire';
      readonly position: Position;
      readonly compensation: Compensation;
      readonly reason: 'New Position' | 'Backfill' | 'Conversion' | 'Rehire';
    })
  | (EventBase & {
      readonly type: 'contract';
      readonly position: Position;
      readonly compensation: Compensation;
      readonly contractEnd: SimDay;
    })
  | (EventBase & {
      readonly type: 'job-change';
      readonly position: Position;
      readonly reason: 'Promotion' | 'Transfer' | 'Lateral Move' | 'Internal Hire';
    })
  | (EventBase & { readonly type: 'compensation-change'; readonly compensation: Compensation })
  | (EventBase & { readonly type: 'add-job'; readonly position: Position })
  | (EventBase & { readonly type: 'end-job'; readonly positionId: string })
  | (EventBase & { readonly type: 'terminate'; readonly termination: Termination })
  | (EventBase & { readonly type: 'end-contract'; readonly termination: Termination })
  | (EventBase & { readonly type: 'name-change'; readonly lastName: string })
  | (EventBase & { readonly type: 'rescind'; readonly target: number })
  | (EventBase & {
      readonly type: 'correct';
      readonly target: number;
      /** The corrected effective date of the target. */
      readonly effectiveFix?: SimDay;
      /** The corrected termination details of a terminate target. */
      readonly terminationFix?: Termination;
    });

export type WorkerEventType = WorkerEvent['type'];

/** Where a worker record came from; ground truth uses it. */
export type WorkerOrigin = 'workforce' | 'greenhouse' | 'conversion';

export interface Worker {
  readonly index: number;
  readonly wid: string;
  /** The person v4 id. */
  readonly personWid: string;
  readonly universalId: string;
  /** Employee ID (digits) or Contingent Worker ID (`C-` prefix). */
  readonly workerId: string;
  readonly kind: 'employee' | 'contingent';
  readonly person: Person;
  readonly legalFirstName: string;
  readonly legalLastName: string;
  readonly preferredFirstName: string | null;
  readonly personalEmail: string | null;
  readonly workEmail: string | null;
  /** National number of the work phone, in the office country. */
  readonly workPhone: string;
  readonly origin: WorkerOrigin;
  /** Entered events, in entry order. */
  readonly events: WorkerEvent[];
  /** Managers and the recruiting team stay for the whole simulation. */
  readonly stable: boolean;
  user: User | null;
}

export interface User {
  readonly id: number;
  readonly worker: Worker | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly primaryEmail: string;
  readonly siteAdmin: boolean;
  /** Whether this user may see private candidates. */
  readonly canSeePrivate: boolean;
  readonly serviceAccount: boolean;
  readonly roles: readonly (
    'recruiter' | 'coordinator' | 'sourcer' | 'manager' | 'interviewer' | 'admin'
  )[];
  readonly departments: readonly Department[];
  readonly offices: readonly Office[];
  /** Added to every score this user gives; most interviewers are near zero. */
  readonly leniency: number;
  /** Set for interviewers who score one group strongly lower than their own baseline. */
  readonly bias: InterviewerBias | null;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
}

export interface InterviewerBias {
  readonly attribute: 'gender' | 'race';
  readonly against: string;
  /** Points subtracted from the latent score, on a scale where one point is one rating step. */
  readonly shift: number;
}

export interface Source {
  readonly id: number;
  readonly spec: SourceSpec;
  readonly typeId: number;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

export interface RejectionReason {
  readonly id: number;
  readonly cause: RejectionCause;
  readonly name: string;
  readonly typeKey: RejectionTypeKey;
  readonly typeId: number;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

export interface CloseReason {
  readonly id: number;
  readonly cause: CloseCause;
  readonly name: string;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

export interface Referrer {
  readonly id: number;
  readonly name: string;
  readonly user: User | null;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

export type JobStatus = 'draft' | 'open' | 'closed';

export interface Job {
  readonly id: number;
  readonly name: string;
  readonly requisitionId: string;
  status: JobStatus;
  openedAt: SimTime | null;
  closedAt: SimTime | null;
  readonly department: Department;
  readonly offices: readonly Office[];
  readonly profile: JobProfile;
  readonly employmentType: 'Full-time' | 'Part-time' | 'Intern' | 'Contract';
  readonly salaryMin: number;
  readonly salaryMax: number;
  readonly currency: string;
  readonly confidential: boolean;
  readonly hiringManager: User;
  readonly recruiter: User;
  readonly coordinator: User;
  readonly sourcer: User | null;
  readonly stages: JobStage[];
  readonly interviewSlots: JobInterview[];
  readonly openings: Opening[];
  readonly posts: JobPost[];
  /** Relative pull on applicants. */
  readonly demand: number;
  /** Applications this job still expects; the arrival process stops at zero. */
  quota: number;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  /** Applications still in process, for closing the job when the last opening fills. */
  readonly active: Set<Application>;
}

export type StageKind = 'review' | 'screen' | 'manager' | 'assessment' | 'onsite' | 'offer';

export interface JobStage {
  readonly id: number;
  readonly job: Job;
  readonly name: string;
  readonly kind: StageKind;
  readonly sortOrder: number;
  readonly active: boolean;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

/** An interview slot in a job's plan (`/v3/job_interviews`). */
export interface JobInterview {
  readonly id: number;
  readonly job: Job;
  readonly stage: JobStage;
  readonly name: string;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

export interface Opening {
  readonly id: number;
  readonly job: Job;
  /** The external (partner) opening id. */
  readonly openingId: string;
  readonly sortOrder: number;
  readonly openedAt: SimTime;
  closedAt: SimTime | null;
  application: Application | null;
  closeReason: CloseReason | null;
  readonly targetStartDay: SimDay;
  readonly headcountType: 'New headcount' | 'Backfill';
  readonly createdAt: SimTime;
  updatedAt: SimTime;
}

export interface JobPost {
  readonly id: number;
  readonly job: Job;
  readonly title: string;
  readonly internal: boolean;
  active: boolean;
  live: boolean;
  readonly firstPublishedAt: SimTime;
  readonly boardId: number;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
}

export interface Candidate {
  readonly id: number;
  readonly person: Person;
  firstName: string;
  lastName: string;
  /** Null when the record carries no email at all. */
  email: string | null;
  /** How the candidate typed their phone number; null when they gave none. */
  phoneStyle: PhoneStyle | null;
  readonly company: string;
  readonly title: string;
  readonly privateRecord: boolean;
  /** Shared arrays; replace, never push. */
  readonly tags: readonly string[];
  readonly desiredSalary: number | null;
  readonly workAuthorization: string;
  /** Set for an employee applying internally. */
  readonly worker: Worker | null;
  /** Replaced, never pushed to, so each array is exactly as long as it needs to be. */
  applications: readonly Application[];
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  lastActivityAt: SimTime;
  deleted: boolean;
}

export type ApplicationStatus = 'in_process' | 'rejected' | 'hired';

export interface Application {
  readonly id: number;
  candidate: Candidate;
  readonly job: Job;
  readonly post: JobPost | null;
  readonly source: Source;
  readonly referrer: Referrer | null;
  status: ApplicationStatus;
  current: StageVisit | null;
  rejectedAt: SimTime | null;
  rejectionReason: RejectionReason | null;
  eeoc: Eeoc | null;
  /** The worker this hire became, once the hire is entered in Workday. */
  worker: Worker | null;
  hiredAt: SimTime | null;
  readonly createdAt: SimTime;
  /** Also the last activity: every change to an application is activity on it. */
  updatedAt: SimTime;
  deleted: boolean;
  /** Planned steps not yet reached by the company's clock. */
  pending: PlannedStep[] | null;
  /** Every version, oldest first; replaced, never pushed to. */
  offers: readonly Offer[];
}

export interface StageVisit {
  readonly id: number;
  readonly application: Application;
  readonly stage: JobStage;
  readonly enteredAt: SimTime;
  exitedAt: SimTime | null;
}

/**
 * What is stored: `scheduled` until the scorecard is in. Whether a scheduled interview already
 * took place (`awaiting_feedback`) depends on the clock; see {@link interviewStatus}.
 */
export type InterviewStatus = 'scheduled' | 'complete';

export interface Interview {
  readonly id: number;
  readonly application: Application;
  readonly slot: JobInterview;
  readonly interviewer: User;
  readonly startsAt: SimTime;
  status: InterviewStatus;
  scorecard: Scorecard | null;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  deleted: boolean;
}

export type CandidateRating = 'strong_no' | 'no' | 'yes' | 'strong_yes' | 'no_decision';

export interface Scorecard {
  readonly id: number;
  readonly interview: Interview;
  readonly rating: CandidateRating;
  status: 'draft' | 'complete';
  submittedAt: SimTime | null;
  readonly submitter: User;
  updatedAt: SimTime;
}

export type OfferStatus = 'Created' | 'Accepted' | 'Rejected' | 'Deprecated';

export interface Offer {
  readonly id: number;
  readonly version: number;
  readonly application: Application;
  opening: Opening | null;
  status: OfferStatus;
  readonly sentOn: SimDay;
  readonly startsOn: SimDay;
  resolvedAt: SimTime | null;
  readonly salary: number;
  readonly currency: string;
  readonly createdAt: SimTime;
  updatedAt: SimTime;
  deleted: boolean;
}

/** An EEOC answer: the federal option id, or null when the question was skipped. */
export interface Eeoc {
  readonly id: number;
  readonly submittedAt: SimTime;
  updatedAt: SimTime;
  gender: number | null;
  race: number | null;
  veteran: number | null;
  disability: number | null;
}

export interface DemographicAnswer {
  readonly id: number;
  readonly application: Application;
  readonly questionId: number;
  readonly optionId: number;
  readonly freeForm: string | null;
  readonly createdAt: SimTime;
  readonly updatedAt: SimTime;
}

/** A step an application will take when the company's clock reaches `at`. */
export type PlannedStep =
  | { readonly at: SimTime; readonly kind: 'enter'; readonly stageIndex: number }
  | {
      readonly at: SimTime;
      readonly kind: 'interview';
      readonly slotIndex: number;
      readonly interviewer: User;
      readonly startsAt: SimTime;
    }
  | {
      readonly at: SimTime;
      readonly kind: 'scorecard';
      readonly slotIndex: number;
      /** The interviewer's latent score; the rating is derived from it. */
      readonly score: number;
    }
  | { readonly at: SimTime; readonly kind: 'offer'; readonly revision: number }
  | { readonly at: SimTime; readonly kind: 'accept' }
  | { readonly at: SimTime; readonly kind: 'decline' }
  | { readonly at: SimTime; readonly kind: 'reject'; readonly cause: RejectionCause }
  | { readonly at: SimTime; readonly kind: 'enter-hris'; readonly rescindAfter: number | null };

/** A change the mutation engine made, for webhooks and live consumers. */
export interface ChangeEvent {
  readonly at: SimTime;
  readonly action: string;
  readonly subject: Application | Candidate | Offer | Job | JobPost | Interview | Scorecard;
  /** Extra facts some webhook payloads carry. */
  readonly detail?: Readonly<Record<string, unknown>>;
}

/** Ground-truth facts recorded while generating, beyond what the entities themselves show. */
export interface TruthLog {
  readonly timeToHireOutliers: Set<Application>;
  readonly eeocOutage: { readonly source: string; readonly from: SimTime; readonly to: SimTime };
}

/** Everything the sandbox serves. */
export interface Company {
  readonly settings: CompanySettings;
  readonly time: TimeBase;
  /** The company's present; moves only when the company is advanced. */
  now: SimTime;
  /** Bumped on every mutation so caches of derived state know when to refresh. */
  version: number;
  readonly name: string;
  readonly domain: string;
  readonly rng: Rng;
  readonly businessUnits: readonly BusinessUnit[];
  readonly departments: Department[];
  readonly offices: readonly Office[];
  readonly families: readonly JobFamily[];
  readonly profiles: readonly JobProfile[];
  readonly persons: Person[];
  readonly workers: Worker[];
  readonly users: User[];
  readonly sources: readonly Source[];
  readonly rejectionReasons: readonly RejectionReason[];
  readonly closeReasons: readonly CloseReason[];
  readonly referrers: Referrer[];
  readonly jobs: Job[];
  readonly jobStages: JobStage[];
  readonly jobInterviews: JobInterview[];
  readonly openings: Opening[];
  readonly jobPosts: JobPost[];
  readonly candidates: Candidate[];
  readonly applications: Application[];
  readonly stageVisits: StageVisit[];
  readonly interviews: Interview[];
  readonly scorecards: Scorecard[];
  readonly offers: Offer[];
  readonly demographicAnswers: DemographicAnswer[];
  readonly truth: TruthLog;
  /** Next Workday transaction sequence number. */
  nextSeq: number;
}

/** When an interview ends: screens take thirty minutes, everything else forty-five. */
export function interviewEnd(interview: Interview): SimTime {
  return interview.startsAt + (interview.slot.stage.kind === 'screen' ? 30 : 45) * 60;
}

/** The interview's status at `now`: once it has ended without a scorecard it awaits feedback. */
export function interviewStatus(
  interview: Interview,
  now: SimTime,
): 'scheduled' | 'awaiting_feedback' | 'complete' {
  if (interview.status === 'complete') return 'complete';
  return interviewEnd(interview) <= now ? 'awaiting_feedback' : 'scheduled';
}

/** Who rejected an application: its recruiter, except for automatic duplicate rejections. */
export function rejectedBy(application: Application): User | null {
  if (!application.rejectionReason || application.rejectionReason.cause === 'duplicate') {
    return null;
  }
  return application.job.recruiter;
}
