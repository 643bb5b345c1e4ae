/**
 * Simulated time. The company stores every moment as whole seconds since its own epoch (twenty
 * years before the generation date) and every date as whole days since that epoch. Both stay
 * small integers, which keeps a million-row company compact in memory; they become ISO strings
 * only when an API renders them.
 */

/** Whole seconds since the company epoch. */
export type SimTime = number;

/** Whole days since the company epoch. */
export type SimDay = number;

export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_HOUR = 3_600;

/** How far before the generation date the epoch lies; keeps every historical moment positive. */
export const EPOCH_YEARS_BEFORE = 20;

/** Converts between the company's integer time and the calendar. */
export class TimeBase {
  /** Wall-clock milliseconds of SimTime 0; always a UTC midnight. */
  readonly epochMs: number;

  constructor(epochMs: number) {
    this.epochMs = epochMs;
  }

  /** A base whose epoch lies {@link EPOCH_YEARS_BEFORE} years before the UTC day of `asOfMs`. */
  static before(asOfMs: number): TimeBase {
    const day = Math.floor(asOfMs / 86_400_000);
    return new TimeBase((day - Math.round(EPOCH_YEARS_BEFORE * 365.25)) * 86_400_000);
  }

  /** `2026-09-14T16:22:07.000Z`, the form Greenhouse documents. */
  iso(t: SimTime): string {
    return new Date(this.epochMs + t * 1000).toISOString();
  }

  /** `2026-09-14`. */
  date(day: SimDay): string {
    return new Date(this.epochMs + day * 86_400_000).toISOString().slice(0, 10);
  }

  /** Wall-clock milliseconds of a moment. */
  ms(t: SimTime): number {
    return this.epochMs + t * 1000;
  }

  /** The moment of wall-clock milliseconds, rounded down to the second. */
  fromMs(ms: number): SimTime {
    return Math.floor((ms - this.epochMs) / 1000);
  }

  /** The day a moment falls on. */
  dayOf(t: SimTime): SimDay {
    return Math.floor(t / SECONDS_PER_DAY);
  }

  /** The moment a day starts (UTC midnight). */
  startOf(day: SimDay): SimTime {
    return day * SECONDS_PER_DAY;
  }

  /** The day of a `YYYY-MM-DD` string, or undefined when it is not one. */
  parseDate(text: string): SimDay | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const ms = Date.parse(`${text}T00:00:00Z`);
    return Number.isNaN(ms) ? undefined : Math.floor((ms - this.epochMs) / 86_400_000);
  }

  /** The moment of an ISO-8601 date-time (any offset, with or without fractions), or undefined. */
  parseMoment(text: string): SimTime | undefined {
    if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text)) {
      return undefined;
    }
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(text.slice(10)) ? text : `${text}Z`;
    const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : zoned.replace(' ', 'T'));
    return Number.isNaN(ms) ? undefined : this.fromMs(ms);
  }
}
