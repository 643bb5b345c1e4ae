/**
 * Recruiting configuration: sources, rejection and close reasons, the interview plan every job
 * follows, and the federal EEOC answer texts.
 */

/** A Greenhouse source with how it behaves: volume, pass-through and EEOC capture. */
export interface SourceSpec {
  readonly name: string;
  readonly type: string;
  readonly weight: number;
  /** Multiplier on the odds of passing the first review. */
  readonly quality: number;
  /** Share of applications whose EEOC form is submitted (US jobs only). */
  readonly eeocRate: number;
}

export const SOURCES: readonly SourceSpec[] = [
  { name: 'Company Website', type: 'Company marketing', weight: 24, quality: 1.0, eeocRate: 0.62 },
  {
    name: 'LinkedIn (Job Board)',
    type: 'Third-party boards',
    weight: 20,
    quality: 0.85,
    eeocRate: 0.55,
  },
  { name: 'Indeed', type: 'Third-party boards', weight: 17, quality: 0.7, eeocRate: 0.58 },
  { name: 'Glassdoor', type: 'Third-party boards', weight: 6, quality: 0.8, eeocRate: 0.55 },
  { name: 'LinkedIn (Prospecting)', type: 'Prospecting', weight: 11, quality: 1.5, eeocRate: 0.35 },
  { name: 'Referral', type: 'Referral', weight: 9, quality: 2.1, eeocRate: 0.5 },
  { name: 'Talent Partners LLC', type: 'Agencies', weight: 3, quality: 1.7, eeocRate: 0 },
  { name: 'Apex Search Group', type: 'Agencies', weight: 2, quality: 1.5, eeocRate: 0.4 },
  { name: 'University Career Fair', type: 'Events', weight: 4, quality: 0.9, eeocRate: 0.66 },
  { name: 'Internal Applicant', type: 'Internal', weight: 2, quality: 2.4, eeocRate: 0.3 },
  { name: 'Twitter', type: 'Social media', weight: 2, quality: 0.8, eeocRate: 0.5 },
];

/** Name of the source whose applications never carry EEOC answers: an injected anomaly. */
export const NO_EEOC_SOURCE = 'Talent Partners LLC';

/** Name of the source whose applications come from current employees. */
export const INTERNAL_SOURCE = 'Internal Applicant';

/** Rejection reason type keys, as Greenhouse returns them. */
export type RejectionTypeKey =
  'WE_REJECTED_THEM' | 'THEY_REJECTED_US' | 'NONE_SPECIFIED' | 'SECURITY_CONCERN';

export const REJECTION_TYPES: readonly { key: RejectionTypeKey; name: string }[] = [
  { key: 'WE_REJECTED_THEM', name: 'We rejected them' },
  { key: 'THEY_REJECTED_US', name: 'They rejected us' },
  { key: 'NONE_SPECIFIED', name: 'None specified' },
  { key: 'SECURITY_CONCERN', name: 'Security concern' },
];

/** Why the generator rejects; each maps to one configured rejection reason. */
export type RejectionCause =
  | 'skills'
  | 'experience'
  | 'assessment'
  | 'compensation'
  | 'hired-another'
  | 'offer-rescinded'
  | 'withdrew-other-offer'
  | 'withdrew-personal'
  | 'declined-offer'
  | 'unresponsive'
  | 'duplicate'
  | 'other'
  | 'security';

export const REJECTION_REASONS: readonly {
  cause: RejectionCause;
  name: string;
  type: RejectionTypeKey;
}[] = [
  { cause: 'skills', name: 'Lacking skill(s)/qualification(s)', type: 'WE_REJECTED_THEM' },
  { cause: 'experience', name: 'Insufficient experience', type: 'WE_REJECTED_THEM' },
  { cause: 'assessment', name: 'Did not pass assessment', type: 'WE_REJECTED_THEM' },
  { cause: 'compensation', name: 'Compensation expectations', type: 'WE_REJECTED_THEM' },
  { cause: 'hired-another', name: 'Hired another candidate', type: 'WE_REJECTED_THEM' },
  { cause: 'offer-rescinded', name: 'Offer rescinded', type: 'WE_REJECTED_THEM' },
  {
    cause: 'withdrew-other-offer',
    name: 'Withdrew - accepted another offer',
    type: 'THEY_REJECTED_US',
  },
  { cause: 'withdrew-personal', name: 'Withdrew - personal reasons', type: 'THEY_REJECTED_US' },
  { cause: 'declined-offer', name: 'Declined offer', type: 'THEY_REJECTED_US' },
  { cause: 'unresponsive', name: 'Unresponsive', type: 'THEY_REJECTED_US' },
  { cause: 'duplicate', name: 'Duplicate application', type: 'NONE_SPECIFIED' },
  { cause: 'other', name: 'Other (add notes below)', type: 'NONE_SPECIFIED' },
  { cause: 'security', name: 'Background check concern', type: 'SECURITY_CONCERN' },
];

export type CloseCause = 'hire-new' | 'hire-backfill' | 'hire-internal' | 'cancelled' | 'budget';

export const CLOSE_REASONS: readonly { cause: CloseCause; name: string }[] = [
  { cause: 'hire-new', name: 'Hire - New Headcount' },
  { cause: 'hire-backfill', name: 'Hire - Backfill' },
  { cause: 'hire-internal', name: 'Hire - Internal Transfer' },
  { cause: 'cancelled', name: 'Position cancelled' },
  { cause: 'budget', name: 'Budget freeze' },
];

/** The interview stages every job's plan has, in order; Offer is always last. */
export const STAGE_NAMES = [
  'Application Review',
  'Recruiter Screen',
  'Hiring Manager Interview',
  'Assessment',
  'Onsite',
  'Offer',
] as const;

/** The federal EEOC answer texts Greenhouse returns, with stable ids. */
export const EEOC_ANSWERS = {
  gender: [
    { id: 1, description: 'Male' },
    { id: 2, description: 'Female' },
    { id: 3, description: 'Decline To Self Identify' },
  ],
  race: [
    { id: 1, description: 'American Indian or Alaskan Native' },
    { id: 2, description: 'Asian' },
    { id: 3, description: 'Black or African American' },
    { id: 4, description: 'Hispanic or Latino' },
    { id: 5, description: 'White' },
    { id: 6, description: 'Native Hawaiian or Other Pacific Islander' },
    { id: 7, description: 'Two or More Races' },
    { id: 8, description: 'Decline To Self Identify' },
  ],
  veteran: [
    { id: 1, description: 'I am not a protected veteran' },
    {
      id: 2,
      description: 'I identify as one or more of the classifications of protected veteran',
    },
    { id: 3, description: "I don't wish to answer" },
  ],
  disability: [
    {
      id: 1,
      description: 'Yes, I have a disability, or have a history/record of having a disability',
    },
    {
      id: 2,
      description: "No, I don't have a disability, or a history/record of having a disability",
    },
    { id: 3, description: "I don't wish to answer" },
  ],
} as const;

/** A person's race as the generator models it (the EEOC categories less the decline answer). */
export type Race =
  'american-indian' | 'asian' | 'black' | 'hispanic' | 'white' | 'pacific-islander' | 'two-or-more';

/** US applicant-pool shares of each race category. */
export const RACE_WEIGHTS: readonly {
  race: Race;
  weight: number;
  eeocId: number;
  workday: string;
}[] = [
  { race: 'white', weight: 52, eeocId: 5, workday: 'White (United States of America)' },
  { race: 'asian', weight: 20, eeocId: 2, workday: 'Asian (United States of America)' },
  {
    race: 'hispanic',
    weight: 12,
    eeocId: 4,
    workday: 'Hispanic or Latino (United States of America)',
  },
  {
    race: 'black',
    weight: 11,
    eeocId: 3,
    workday: 'Black or African American (United States of America)',
  },
  {
    race: 'two-or-more',
    weight: 3.5,
    eeocId: 7,
    workday: 'Two or More Races (United States of America)',
  },
  {
    race: 'american-indian',
    weight: 0.8,
    eeocId: 1,
    workday: 'American Indian or Alaska Native (United States of America)',
  },
  {
    race: 'pacific-islander',
    weight: 0.7,
    eeocId: 6,
    workday: 'Native Hawaiian or Other Pacific Islander (United States of America)',
  },
];
