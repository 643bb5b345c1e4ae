/**
 * The generator's knobs. Callers set a seed and two sizes; everything else has a realistic
 * default that tests may override.
 */
import { HrflowError } from '../../core/errors.js';
import { toSeed } from '../random.js';
import type { CompanySettings } from './model.js';

/** What a caller may set; every field is optional. */
export interface CompanyOptions {
  /** Same seed, sizes and `asOf` always give the same company. Default 42. */
  readonly seed?: number | string;
  /** Active employees on the generation date. Default 500. */
  readonly employees?: number;
  /** Candidate records over the recruiting window. Default 3,000. */
  readonly candidates?: number;
  /** Applications per candidate on average. Default 1.2. */
  readonly applicationsPerCandidate?: number;
  /** The company's present, as epoch milliseconds or an ISO string. Default: today, UTC. */
  readonly asOf?: number | string;
  readonly historyYears?: number;
  readonly recruitingYears?: number;
  readonly duplicateRate?: number;
  readonly emailMatchRate?: number;
  readonly biasedInterviewerRate?: number;
  readonly contingentRate?: number;
  readonly privateCandidateRate?: number;
  readonly confidentialJobRate?: number;
  readonly voluntaryAttrition?: number;
  readonly involuntaryAttrition?: number;
}

/** Fills defaults and checks ranges; `nowMs` supplies the default generation date. */
export function resolveSettings(options: CompanyOptions, nowMs: number): CompanySettings {
  const asOfMs = resolveAsOf(options.asOf, nowMs);
  const settings: CompanySettings = {
    seed: toSeed(options.seed ?? 42),
    employees: options.employees ?? 500,
    candidates: options.candidates ?? 3_000,
    applicationsPerCandidate: options.applicationsPerCandidate ?? 1.2,
    historyYears: options.historyYears ?? 8,
    recruitingYears: options.recruitingYears ?? 2,
    asOfMs,
    duplicateRate: options.duplicateRate ?? 0.035,
    emailMatchRate: options.emailMatchRate ?? 0.72,
    biasedInterviewerRate: options.biasedInterviewerRate ?? 0.03,
    contingentRate: options.contingentRate ?? 0.07,
    privateCandidateRate: options.privateCandidateRate ?? 0.02,
    confidentialJobRate: options.confidentialJobRate ?? 0.01,
    voluntaryAttrition: options.voluntaryAttrition ?? 0.1,
    involuntaryAttrition: options.involuntaryAttrition ?? 0.04,
  };
  checkWhole('employees', settings.employees, 20, 2_000_000);
  checkWhole('candidates', settings.candidates, 10, 20_000_000);
  checkRange('applicationsPerCandidate', settings.applicationsPerCandidate, 1, 5);
  checkRange('historyYears', settings.historyYears, 1, 15);
  checkRange('recruitingYears', settings.recruitingYears, 0.25, settings.historyYears);
  for (const key of [
    'duplicateRate',
    'emailMatchRate',
    'biasedInterviewerRate',
    'contingentRate',
    'privateCandidateRate',
    'confidentialJobRate',
    'voluntaryAttrition',
    'involuntaryAttrition',
  ] as const) {
    checkRange(key, settings[key], 0, 1);
  }
  return settings;
}

function resolveAsOf(asOf: number | string | undefined, nowMs: number): number {
  if (asOf === undefined) return Math.floor(nowMs / 86_400_000) * 86_400_000;
  const ms = typeof asOf === 'number' ? asOf : Date.parse(asOf);
  if (!Number.isFinite(ms)) {
    throw new HrflowError('sandbox-error', `sandbox asOf '${String(asOf)}' is not a date`, {
      hint: 'Pass epoch milliseconds or an ISO-8601 date such as 2026-06-30.',
    });
  }
  return ms;
}

function checkWhole(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value)) {
    throw new HrflowError('sandbox-error', `sandbox ${name} must be a whole number, got ${value}`);
  }
  checkRange(name, value, min, max);
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!(value >= min && value <= max)) {
    throw new HrflowError(
      'sandbox-error',
      `sandbox ${name} must be between ${min} and ${max}, got ${value}`,
    );
  }
}
