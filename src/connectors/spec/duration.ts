/** Durations as written in specs (`250ms`, `30s`, `5m`, `1h`, `7d`) turned into milliseconds. */
import { HrflowError } from '../../core/errors.js';

const UNIT_MS = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
} as const satisfies Record<string, number>;

/** Milliseconds in `text`; throws `source-spec-invalid` naming `where` when malformed. */
export function parseDuration(text: string, where: string): number {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) {
    throw new HrflowError('source-spec-invalid', `${where}: '${text}' is not a duration`, {
      hint: 'Write a whole number and a unit: 250ms, 30s, 5m, 1h or 7d.',
    });
  }
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** A duration when given, else the fallback. */
export function durationOr(text: string | undefined, fallbackMs: number, where: string): number {
  return text === undefined ? fallbackMs : parseDuration(text, where);
}
