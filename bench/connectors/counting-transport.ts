/**
 * A transport that watches the wire for the benchmark: every response's status and moment, and
 * the time-weighted number of requests in flight for the requests it is told to track.
 */
import type { HttpRequest, HttpResponse, Transport } from '../../src/connectors/http/http-types.js';

export interface WireStats {
  /** Data requests sent (token requests excluded), retries included. */
  readonly requests: number;
  /** Data responses by HTTP status; `0` counts requests that got no response. */
  readonly byStatus: Readonly<Record<number, number>>;
  /** 429 responses that came later than one window after the first data request. */
  readonly rateLimitedAfterFirstWindow: number;
  /** Milliseconds from the first data request to the last data response. */
  readonly activeMs: number;
  /**
   * Fixed windows (multiples of the window length on the wall clock, as the server counts them)
   * in which data requests were sent: the budget the sync could have spent.
   */
  readonly windowsTouched: number;
  /** Tracked requests sent, and their average and peak number in flight. */
  readonly tracked: number;
  readonly averageInFlight: number;
  readonly peakInFlight: number;
}

export function countingTransport(
  inner: Transport,
  options: {
    readonly isToken: (request: HttpRequest) => boolean;
    readonly track: (request: HttpRequest) => boolean;
    readonly windowMs: number;
  },
): Transport & { stats(): WireStats } {
  const byStatus: Record<number, number> = {};
  let requests = 0;
  let lateRateLimited = 0;
  let firstAt = 0;
  let firstWindow: number | undefined;
  let lastWindow = 0;
  let lastAt = 0;
  let tracked = 0;
  let inFlight = 0;
  let peak = 0;
  let area = 0;
  let trackedSince = 0;
  let trackedUntil = 0;
  const move = (delta: number): void => {
    const now = performance.now();
    if (trackedSince === 0) trackedSince = now;
    if (trackedUntil > 0) area += inFlight * (now - trackedUntil);
    trackedUntil = now;
    inFlight += delta;
    peak = Math.max(peak, inFlight);
  };
  const settled = (status: number): void => {
    const now = performance.now();
    lastAt = now;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
    if (status === 429 && now - firstAt > options.windowMs) lateRateLimited += 1;
  };
  return {
    send: async (request, sendOptions) => {
      if (options.isToken(request)) return inner.send(request, sendOptions);
      requests += 1;
      if (firstAt === 0) firstAt = performance.now();
      lastWindow = Math.floor(Date.now() / options.windowMs);
      firstWindow ??= lastWindow;
      const track = options.track(request);
      if (track) {
        tracked += 1;
        move(1);
      }
      let response: HttpResponse | undefined;
      try {
        response = await inner.send(request, sendOptions);
        return response;
      } finally {
        if (track) move(-1);
        settled(response?.status ?? 0);
      }
    },
    close: () => inner.close?.(),
    stats: () => ({
      requests,
      byStatus: { ...byStatus },
      rateLimitedAfterFirstWindow: lateRateLimited,
      activeMs: lastAt - firstAt,
      windowsTouched: firstWindow === undefined ? 0 : lastWindow - firstWindow + 1,
      tracked,
      averageInFlight: trackedUntil > trackedSince ? area / (trackedUntil - trackedSince) : 0,
      peakInFlight: peak,
    }),
  };
}
