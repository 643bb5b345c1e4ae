import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../core/clock.js';
import type { HrflowError } from '../../core/errors.js';
import { silentLogger } from '../../core/log.js';
import { redactor } from '../../core/redact.js';
import { fakeTransport, json } from '../testing/fake-transport.js';
import type { Handler } from '../testing/fake-transport.js';
import { resolvedTestSpec, TEST_ENV } from '../testing/test-spec.js';
import { createAuth } from '../auth/create-auth.js';
import { memoryCredentialStore } from '../auth/auth-strategy.js';
import type { SyncEvent } from '../progress/sync-events.js';
import { createRateLimiter } from '../rate-limit/rate-limiter.js';
import { exponentialBackoff } from '../retry/retry-policy.js';
import type { ResolvedSource } from '../spec/resolved-source.js';
import { NetworkError } from './http-errors.js';
import type { ApiCall } from './source-client.js';
import { SourceClient } from './source-client.js';
import type { HttpRequest } from './http-types.js';

const TOKEN_URL = 'https://auth.example.test/token';

function setup(
  handler: Handler,
  options: { source?: ResolvedSource; random?: () => number; clock?: FakeClock } = {},
) {
  const source = options.source ?? resolvedTestSpec();
  const clock = options.clock ?? new FakeClock();
  const transport = fakeTransport(handler);
  const calls: ApiCall[] = [];
  const events: SyncEvent[] = [];
  const store = memoryCredentialStore();
  const client = new SourceClient({
    source,
    transport,
    limiter: createRateLimiter(source.rateLimit, clock),
    retry: exponentialBackoff(source.retry, options.random ?? (() => 0.5)),
    clock,
    calls: { record: (c) => calls.push(c) },
    reporter: { event: (e) => events.push(e) },
    logger: silentLogger,
  });
  client.useAuth(
    createAuth(source, { fetch: client.tokenFetcher(source.auth.envNames), clock, store }),
  );
  const stats = { requests: 0, retries: 0, rateLimitWaitMs: 0 };
  const get = (path = '/items', format: 'json' | 'xml' = 'json') =>
    client.fetch(
      { method: 'GET', url: `${source.baseUrl}${path}`, headers: {} },
      format,
      undefined,
      stats,
    );
  return { source, clock, transport, calls, events, store, client, stats, get };
}

let minted = 0;
function tokenResponse(expiresInMs = 3_600_000, clock?: FakeClock) {
  minted += 1;
  const expiresAt = new Date((clock?.now() ?? Date.UTC(2026, 0, 1)) + expiresInMs).toISOString();
  return json({
    access_token: `access-token-${minted}`,
    token_type: 'Bearer',
    expires_at: expiresAt,
  });
}

const isToken = (r: HttpRequest): boolean => r.url === TOKEN_URL;

describe('oauth2 client credentials', () => {
  it('authenticates the client with HTTP Basic and sends sub only when configured', async () => {
    const { transport, get } = setup((req) => (isToken(req) ? tokenResponse() : json([])));
    await get();
    const tokenReq = transport.requests.find(isToken);
    const basic = Buffer.from(`${TEST_ENV.TEST_CLIENT_ID}:${TEST_ENV.TEST_CLIENT_SECRET}`).toString(
      'base64',
    );
    expect(tokenReq?.headers.authorization).toBe(`Basic ${basic}`);
    expect(tokenReq?.body).toBe('grant_type=client_credentials');
    expect(transport.requests[1]?.headers.authorization).toMatch(/^Bearer access-token-/);
  });

  it('sends client credentials in the body when told to, with the subject', async () => {
    const source = resolvedTestSpec({
      auth: {
        kind: 'oauth2_client_credentials',
        token_url: TOKEN_URL,
        client_id_env: 'TEST_CLIENT_ID',
        client_secret_env: 'TEST_CLIENT_SECRET',
        client_auth: 'body',
        subject_env: 'TEST_USER',
      },
    });
    const { transport, get } = setup((req) => (isToken(req) ? tokenResponse() : json([])), {
      source,
    });
    await get();
    const body = new URLSearchParams(transport.requests.find(isToken)?.body);
    expect(body.get('client_secret')).toBe(TEST_ENV.TEST_CLIENT_SECRET);
    expect(body.get('sub')).toBe(TEST_ENV.TEST_USER);
    expect(transport.requests.find(isToken)?.headers.authorization).toBeUndefined();
  });

  it('mints one token for concurrent requests (single flight)', async () => {
    const { transport, get } = setup((req) => (isToken(req) ? tokenResponse() : json([])));
    await Promise.all([get(), get(), get(), get()]);
    expect(transport.requests.filter(isToken)).toHaveLength(1);
  });

  it('renews the token before it expires, using expires_in when expires_at is absent', async () => {
    const clock = new FakeClock();
    const { transport, get } = setup(
      (req) =>
        isToken(req) ? json({ access_token: `t-${clock.now()}`, expires_in: 600 }) : json([]),
      { clock },
    );
    await get();
    clock.advance(200_000);
    await get();
    expect(transport.requests.filter(isToken)).toHaveLength(1);
    clock.advance(150_000); // 350 s in: within the 5-minute margin of the 600 s lifetime
    await get();
    expect(transport.requests.filter(isToken)).toHaveLength(2);
  });

  it('renews once after a 401 and retries the request', async () => {
    let first = true;
    const { transport, get } = setup((req) => {
      if (isToken(req)) return tokenResponse();
      if (first) {
        first = false;
        return json({ message: 'Unauthorized' }, 401);
      }
      return json([{ id: 1 }]);
    });
    const { body } = await get();
    expect(body).toEqual([{ id: 1 }]);
    expect(transport.requests.filter(isToken)).toHaveLength(2);
  });

  it('renews again when the renewed token expires under the request, after others used it', async () => {
    // tok-1 serves one call and then expires; tok-2 serves /b and expires before /a uses it.
    let tokens = 0;
    let bUsedToken2: () => void = () => undefined;
    const bDone = new Promise<void>((resolve) => (bUsedToken2 = resolve));
    let warmed = false;
    const { get } = setup(async (req, url) => {
      if (isToken(req)) {
        tokens += 1;
        return json({ access_token: `tok-${tokens}`, expires_at: '2030-01-01T00:00:00Z' });
      }
      const token = req.headers.authorization;
      if (token === 'Bearer tok-1') {
        if (url.pathname.endsWith('/warm') && !warmed) {
          warmed = true;
          return json([]);
        }
        return json({ message: 'Unauthorized' }, 401);
      }
      if (token === 'Bearer tok-2') {
        if (url.pathname.endsWith('/b')) {
          bUsedToken2();
          return json([]);
        }
        await bDone;
        return json({ message: 'Unauthorized' }, 401);
      }
      return json([{ ok: true }]);
    });
    await get('/warm');
    await expect(Promise.all([get('/a'), get('/b')])).resolves.toMatchObject([
      { body: [{ ok: true }] },
      { body: [] },
    ]);
    expect(tokens).toBe(3);
  });

  it('fails with source-auth-failed when the renewed token is refused too', async () => {
    const { get } = setup((req) =>
      isToken(req) ? tokenResponse() : json({ message: 'Unauthorized' }, 401),
    );
    await expect(get()).rejects.toMatchObject({ code: 'source-auth-failed' });
  });

  it('names the environment variables and quotes the token endpoint error, secrets masked', async () => {
    const { get } = setup((req) =>
      isToken(req)
        ? json(
            {
              error: 'invalid_client',
              error_description: `bad secret ${TEST_ENV.TEST_CLIENT_SECRET}`,
            },
            401,
          )
        : json([]),
    );
    const error = (await get().catch((e: unknown) => e)) as HrflowError;
    expect(error.code).toBe('source-auth-failed');
    expect(error.message).toContain('invalid_client');
    expect(error.message).not.toContain(TEST_ENV.TEST_CLIENT_SECRET);
    expect(error.hint).toContain('TEST_CLIENT_ID');
    expect(error.hint).toContain('TEST_CLIENT_SECRET');
  });

  it('retries a token response cut short in transit and never quotes it', async () => {
    let cut = 2;
    const { get, transport } = setup((req) => {
      if (!isToken(req)) return json([]);
      if (cut-- > 0) return { status: 200, headers: {}, body: '{"access_token":"secret-tok' };
      return tokenResponse();
    });
    await expect(get()).resolves.toMatchObject({ body: [] });
    expect(transport.requests.filter(isToken)).toHaveLength(3);

    const broken = setup((req) =>
      isToken(req) ? { status: 200, headers: {}, body: '{"access_token":"secret-tok' } : json([]),
    );
    const error = (await broken.get().catch((e: unknown) => e)) as HrflowError;
    expect(error.message).toContain('could not be parsed');
    expect(error.message).not.toContain('secret-tok');
  });

  it('retries the token endpoint on 429 with Retry-After', async () => {
    let throttled = true;
    const clock = new FakeClock();
    const { get } = setup(
      (req) => {
        if (isToken(req) && throttled) {
          throttled = false;
          return json({ error: 'slow_down' }, 429, { 'retry-after': '7' });
        }
        return isToken(req) ? tokenResponse() : json([]);
      },
      { clock },
    );
    await get();
    expect(clock.slept).toBeGreaterThanOrEqual(7_000);
  });
});

describe('oauth2 refresh token', () => {
  const refreshSpec = {
    auth: {
      kind: 'oauth2_refresh_token',
      token_url: TOKEN_URL,
      client_id_env: 'TEST_CLIENT_ID',
      client_secret_env: 'TEST_CLIENT_SECRET',
      refresh_token_env: 'TEST_REFRESH_TOKEN',
      client_auth: 'body',
    },
  };

  it('saves a rotated refresh token before using it, and starts from the saved one next time', async () => {
    let generation = 0;
    const seen: string[] = [];
    const handler: Handler = (req) => {
      if (!isToken(req)) return json([]);
      const form = new URLSearchParams(req.body);
      seen.push(form.get('refresh_token') ?? '');
      generation += 1;
      return json({
        access_token: `wd-access-${generation}`,
        expires_in: 3600,
        refresh_token: `rotated-refresh-${generation}`,
      });
    };
    const first = setup(handler, { source: resolvedTestSpec(refreshSpec) });
    await first.get();
    expect([...first.store.tokens.values()]).toEqual(['rotated-refresh-1']);
    expect(redactor.redact('rotated-refresh-1')).toBe('***');

    const second = setup(handler, { source: resolvedTestSpec(refreshSpec) });
    for (const [k, v] of first.store.tokens) second.store.tokens.set(k, v);
    await second.get();
    expect(seen).toEqual([TEST_ENV.TEST_REFRESH_TOKEN, 'rotated-refresh-1']);
  });

  it('explains invalid_grant', async () => {
    const { get } = setup(
      (req) => (isToken(req) ? json({ error: 'invalid_grant' }, 400) : json([])),
      {
        source: resolvedTestSpec(refreshSpec),
      },
    );
    const error = (await get().catch((e: unknown) => e)) as HrflowError;
    expect(error.hint).toContain('TEST_REFRESH_TOKEN');
    expect(error.hint).toContain('invalid_grant');
  });
});

describe('static auth', () => {
  it('sends HTTP Basic and fails at once on 401', async () => {
    const source = resolvedTestSpec({
      auth: { kind: 'basic', username_env: 'TEST_USER', password_env: 'TEST_PASSWORD' },
    });
    const { transport, get } = setup(() => json({}, 401), { source });
    await expect(get()).rejects.toMatchObject({ code: 'source-auth-failed' });
    expect(transport.requests).toHaveLength(1);
    expect(transport.requests[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from('isu-user:isu-password-xyz').toString('base64')}`,
    );
  });

  it('sends a bearer token', async () => {
    const source = resolvedTestSpec({ auth: { kind: 'bearer', token_env: 'TEST_PASSWORD' } });
    const { transport, get } = setup(() => json([]), { source });
    await get();
    expect(transport.requests[0]?.headers.authorization).toBe('Bearer isu-password-xyz');
  });
});

describe('retries', () => {
  const bearer = { auth: { kind: 'bearer', token_env: 'TEST_PASSWORD' } };

  it.each([500, 502, 503, 504, 408])('retries HTTP %i and then succeeds', async (status) => {
    let failures = 2;
    const { get, calls, stats } = setup(
      () => (failures-- > 0 ? json({ message: 'oops' }, status) : json([{ id: 1 }])),
      {
        source: resolvedTestSpec(bearer),
      },
    );
    await expect(get()).resolves.toMatchObject({ body: [{ id: 1 }] });
    expect(calls.map((c) => [c.httpStatus, c.retryCount])).toEqual([
      [status, 0],
      [status, 1],
      [200, 2],
    ]);
    expect(stats.retries).toBe(2);
  });

  it.each(['reset', 'timeout', 'truncated', 'refused'] as const)(
    'retries a network %s',
    async (failure) => {
      let failures = 1;
      const { get, calls } = setup(
        (req) => {
          if (failures-- > 0) throw new NetworkError(failure, req.url);
          return json([]);
        },
        { source: resolvedTestSpec(bearer) },
      );
      await get();
      expect(calls[0]?.httpStatus).toBeUndefined();
      expect(calls[0]?.error).toBeDefined();
    },
  );

  it('retries a body that is not valid JSON (cut short)', async () => {
    let failures = 1;
    const { get } = setup(
      () =>
        failures-- > 0 ? { status: 200, headers: {}, body: '[{"id":1},{"i' } : json([{ id: 1 }]),
      { source: resolvedTestSpec(bearer) },
    );
    await expect(get()).resolves.toMatchObject({ body: [{ id: 1 }] });
  });

  it('draws backoff with full jitter below an exponential ceiling', async () => {
    const clock = new FakeClock();
    let failures = 4;
    const { get } = setup(() => (failures-- > 0 ? json({}, 503) : json([])), {
      source: resolvedTestSpec(bearer),
      clock,
      random: () => 0.999,
    });
    await get();
    // base 100 ms: ceilings 100, 200, 400, 800 → just under 1,500 ms in all
    expect(clock.slept).toBeGreaterThan(1_490);
    expect(clock.slept).toBeLessThan(1_500);
  });

  it('sleeps Retry-After on 429 and does not count it as an attempt', async () => {
    const clock = new FakeClock();
    let storm = 8;
    const { get } = setup(() => (storm-- > 0 ? json({}, 429, { 'retry-after': '3' }) : json([])), {
      source: resolvedTestSpec(bearer),
      clock,
      random: () => 0,
    });
    await get();
    expect(clock.slept).toBeGreaterThanOrEqual(8 * 3_000);
  });

  it('gives up after max_attempts with a network-down error saying how often it tried', async () => {
    const { get } = setup(
      (req) => {
        throw new NetworkError('refused', req.url);
      },
      { source: resolvedTestSpec(bearer) },
    );
    const error = (await get().catch((e: unknown) => e)) as HrflowError;
    expect(error.code).toBe('source-network-down');
    expect(error.message).toContain('after 5 attempts');
  });

  it('gives up when the total delay budget is spent', async () => {
    const source = resolvedTestSpec({
      ...bearer,
      retry: { max_attempts: 50, max_total_delay: '10s' },
    });
    const clock = new FakeClock();
    const { get } = setup(() => json({}, 429, { 'retry-after': '4' }), {
      source,
      clock,
      random: () => 0,
    });
    await expect(get()).rejects.toMatchObject({ code: 'source-rate-limited' });
    expect(clock.slept).toBeLessThanOrEqual(10_000);
  });

  it('fails fast on other 4xx with the redacted body in the message', async () => {
    const { get, transport } = setup(
      () =>
        json(
          {
            errors: ['When passing a cursor, do not include other query params.'],
            token: 'leaky-token-123456',
          },
          422,
        ),
      { source: resolvedTestSpec(bearer) },
    );
    const error = (await get().catch((e: unknown) => e)) as HrflowError;
    expect(transport.requests).toHaveLength(1);
    expect(error.code).toBe('source-request-failed');
    expect(error.message).toContain('do not include other query params');
    expect(error.message).not.toContain('leaky-token-123456');
  });

  it('explains a 403 with the spec hint', async () => {
    const source = resolvedTestSpec({
      ...bearer,
      hints: { forbidden: 'Make the sub a Site Admin.' },
    });
    const { get } = setup(() => json({ message: 'Forbidden' }, 403), { source });
    await expect(get()).rejects.toMatchObject({
      code: 'source-forbidden',
      hint: 'Make the sub a Site Admin.',
    });
  });

  it('reports retries and rate-limit waits to the reporter', async () => {
    let failures = 1;
    const { get, events } = setup(() => (failures-- > 0 ? json({}, 500) : json([])), {
      source: resolvedTestSpec(bearer),
    });
    await get();
    expect(events.some((e) => e.kind === 'retry')).toBe(true);
  });
});

describe('SOAP faults (HTTP 500 with a fault envelope, as Workday answers)', () => {
  const fault = (code: string, message: string) => ({
    status: 500,
    headers: { 'content-type': 'text/xml; charset=UTF-8' },
    body: `<?xml version="1.0"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/"><SOAP-ENV:Body><SOAP-ENV:Fault><faultcode>SOAP-ENV:${code}</faultcode><faultstring>${message}</faultstring><detail><wd:Validation_Fault xmlns:wd="urn:com.workday/bsvc"><wd:Message>Worker Dana Whitfield</wd:Message></wd:Validation_Fault></detail></SOAP-ENV:Fault></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  });
  const ok = () => ({
    status: 200,
    headers: {},
    body: '<Envelope><Body><R>1</R></Body></Envelope>',
  });

  it('does not resend a Client fault and quotes its fault string, not its detail', async () => {
    const { get, transport } = setup((req) =>
      isToken(req) ? tokenResponse() : fault('Client.validationError', 'Page must be positive.'),
    );
    const error = (await get('/items', 'xml').catch((e: unknown) => e)) as HrflowError;
    expect(transport.requests.filter((r) => !isToken(r))).toHaveLength(1);
    expect(error).toMatchObject({ code: 'source-request-failed', retryable: false });
    expect(error.message).toContain('SOAP fault Client.validationError: Page must be positive.');
    expect(error.message).not.toContain('Dana Whitfield');
  });

  it('renews the token once on an authentication fault, then goes on', async () => {
    let refused = 1;
    const { get, transport } = setup((req) => {
      if (isToken(req)) return tokenResponse();
      return refused-- > 0
        ? fault('Client.authenticationError', 'invalid username or password')
        : ok();
    });
    await expect(get('/items', 'xml')).resolves.toMatchObject({ response: { status: 200 } });
    expect(transport.requests.filter(isToken)).toHaveLength(2);
  });

  it('retries a Server fault', async () => {
    let failures = 2;
    const { get } = setup((req) =>
      isToken(req) ? tokenResponse() : failures-- > 0 ? fault('Server', 'busy') : ok(),
    );
    await expect(get('/items', 'xml')).resolves.toMatchObject({ response: { status: 200 } });
  });
});
