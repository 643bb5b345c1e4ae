/**
 * Spec + per-target overrides + environment → a {@link ResolvedSource}. Overrides may only set
 * declared parameters; secrets are read from the environment variables the spec names and
 * registered with the redactor before anything else can print them.
 */
import { createHash } from 'node:crypto';
import { HrflowError } from '../../core/errors.js';
import { redactor } from '../../core/redact.js';
import { durationOr } from './duration.js';
import type { AuthSpec, PaginationSpec, SourceSpec, StreamSpec } from './source-spec.js';
import type {
  KeyPart,
  ResolvedAuth,
  ResolvedPagination,
  ResolvedSource,
  ResolvedStream,
} from './resolved-source.js';
import { streamId } from './resolved-source.js';
import { parseTemplate, renderTemplate } from './template.js';
import type { Template } from './template.js';

/** Environment as read by hrflow: names to values, unset names absent or undefined. */
export type Env = Readonly<Record<string, string | undefined>>;

/** Parameter overrides for one source, from `targets.<t>.sources.<source>`. */
export type SourceOverrides = Readonly<Record<string, string | number | boolean>>;

/**
 * Override keys every source accepts besides its declared parameters: a tenant with a higher
 * (or lower) API allowance than the spec assumes sets them per target.
 */
export const OPERATIONAL_OVERRIDES = [
  'rate_limit_requests',
  'rate_limit_per',
  'concurrency',
] as const;

/** Resolves one spec. Throws `config-invalid` for unknown overrides, `env-var-missing` for secrets. */
export function resolveSource(
  spec: SourceSpec,
  overrides: SourceOverrides = {},
  env: Env = {},
): ResolvedSource {
  const params = resolveParams(spec, overrides);
  const lookup = (name: string): string | undefined => params[name];
  const render = (text: string, where: string): string =>
    renderTemplate(parseTemplate(text, where), lookup);

  const auth = resolveAuth(spec.auth, env, spec.name, render);
  const streams = orderParentsFirst(
    Object.entries(spec.streams).map(([name, stream]) => resolveStream(spec, name, stream, lookup)),
  );
  const rl = spec.rate_limit;
  const retry = spec.retry ?? {};
  const requestsOverride = positiveInt(
    overrides.rate_limit_requests,
    spec.name,
    'rate_limit_requests',
  );
  const concurrencyOverride = positiveInt(overrides.concurrency, spec.name, 'concurrency');
  const perOverride =
    overrides.rate_limit_per === undefined ? undefined : String(overrides.rate_limit_per);
  return {
    name: spec.name,
    description: spec.description,
    params,
    baseUrl: render(spec.base_url, `${spec.name}.base_url`).replace(/\/+$/, ''),
    auth,
    rateLimit: {
      requests: requestsOverride ?? rl?.requests ?? 10,
      windowMs: durationOr(perOverride ?? rl?.per, 1_000, `${spec.name}.rate_limit.per`),
      refill: rl?.refill ?? 'window',
      spread: rl?.spread ?? true,
      limitHeader: rl?.headers?.limit?.toLowerCase(),
      remainingHeader: rl?.headers?.remaining?.toLowerCase(),
      resetHeader: rl?.headers?.reset?.toLowerCase(),
      resetKind: rl?.headers?.reset_kind ?? 'epoch_seconds',
    },
    retry: {
      maxAttempts: retry.max_attempts ?? 8,
      baseDelayMs: durationOr(retry.base_delay, 500, `${spec.name}.retry.base_delay`),
      maxDelayMs: durationOr(retry.max_delay, 60_000, `${spec.name}.retry.max_delay`),
      maxTotalDelayMs: durationOr(
        retry.max_total_delay,
        900_000,
        `${spec.name}.retry.max_total_delay`,
      ),
      timeoutMs: durationOr(retry.timeout, 60_000, `${spec.name}.retry.timeout`),
    },
    concurrency: concurrencyOverride ?? spec.concurrency ?? 4,
    streamConcurrency: spec.stream_concurrency ?? 4,
    headers: Object.entries(spec.headers ?? {}).map(
      ([k, v]) => [k, parseTemplate(v, `${spec.name}.headers.${k}`)] as const,
    ),
    hints: spec.hints ?? {},
    streams,
    credentialKey: credentialKeyOf(auth),
  };
}

/** Parameter values: defaults, then overrides; an unknown override is a config error. */
export function resolveParams(
  spec: SourceSpec,
  overrides: SourceOverrides,
): Record<string, string> {
  const declared = spec.parameters ?? {};
  const params: Record<string, string> = {};
  for (const [name, p] of Object.entries(declared)) params[name] = p.default;
  for (const [name, value] of Object.entries(overrides)) {
    if ((OPERATIONAL_OVERRIDES as readonly string[]).includes(name)) continue;
    if (!(name in declared)) {
      const known = Object.keys(declared);
      throw new HrflowError(
        'config-invalid',
        `targets override '${name}' for source '${spec.name}', which declares no such parameter`,
        {
          location: { yamlPath: `sources.${spec.name}.${name}` },
          hint: known.length
            ? `Overridable parameters of '${spec.name}': ${[...known, ...OPERATIONAL_OVERRIDES].join(', ')}.`
            : `Source '${spec.name}' declares no parameters.`,
        },
      );
    }
    params[name] = String(value);
  }
  return params;
}

function resolveAuth(
  auth: AuthSpec,
  env: Env,
  source: string,
  render: (text: string, where: string) => string,
): ResolvedAuth {
  const secret = (name: string, what: string): string => {
    const value = env[name];
    if (value === undefined || value === '') {
      throw new HrflowError(
        'env-var-missing',
        `${name} is not set (the ${what} of source '${source}')`,
        {
          location: { node: source },
          hint: `Export ${name} before running hrflow sync; source specs name secrets, never hold them.`,
        },
      );
    }
    redactor.add(value);
    return value;
  };
  const optional = (name: string | undefined): string | undefined => {
    if (!name) return undefined;
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  switch (auth.kind) {
    case 'oauth2_client_credentials':
    case 'oauth2_refresh_token': {
      const common = {
        tokenUrl: render(auth.token_url, `${source}.auth.token_url`),
        clientId: secret(auth.client_id_env, 'OAuth client id'),
        clientSecret: secret(auth.client_secret_env, 'OAuth client secret'),
        clientAuth: auth.client_auth ?? 'basic',
        scope: auth.scope,
        refreshMarginMs: durationOr(auth.refresh_margin, 300_000, `${source}.auth.refresh_margin`),
        defaultLifetimeMs: durationOr(
          auth.default_lifetime,
          3_600_000,
          `${source}.auth.default_lifetime`,
        ),
      };
      if (auth.kind === 'oauth2_client_credentials') {
        return {
          kind: auth.kind,
          ...common,
          subject: optional(auth.subject_env),
          envNames: [
            auth.client_id_env,
            auth.client_secret_env,
            ...(auth.subject_env ? [auth.subject_env] : []),
          ],
        };
      }
      return {
        kind: auth.kind,
        ...common,
        refreshToken: secret(auth.refresh_token_env, 'OAuth refresh token'),
        envNames: [auth.client_id_env, auth.client_secret_env, auth.refresh_token_env],
      };
    }
    case 'basic':
      return {
        kind: 'basic',
        username: secret(auth.username_env, 'user name'),
        password: secret(auth.password_env, 'password'),
        envNames: [auth.username_env, auth.password_env],
      };
    case 'bearer':
      return {
        kind: 'bearer',
        token: secret(auth.token_env, 'bearer token'),
        envNames: [auth.token_env],
      };
    default:
      return assertNever(auth);
  }
}

function resolveStream(
  spec: SourceSpec,
  name: string,
  stream: StreamSpec,
  lookup: (name: string) => string | undefined,
): ResolvedStream {
  const where = `${spec.name}.streams.${name}`;
  const t = (text: string, at: string): Template => parseTemplate(text, `${where}.${at}`);
  const entries = (map: Readonly<Record<string, string>> | undefined, at: string) =>
    Object.entries(map ?? {}).map(([k, v]) => [k, t(v, `${at}.${k}`)] as const);
  const records = stream.records ?? spec.defaults?.records ?? {};
  const enabled =
    typeof stream.enabled === 'string'
      ? renderTemplate(t(stream.enabled, 'enabled'), lookup).trim().toLowerCase() === 'true'
      : (stream.enabled ?? true);
  const inc = stream.incremental;
  const body = stream.body;
  return {
    id: streamId(spec.name, name),
    source: spec.name,
    name,
    table: `${spec.name}_${name}`,
    description: stream.description,
    enabled,
    method: stream.method ?? spec.defaults?.method ?? (body ? 'POST' : 'GET'),
    path: t(stream.path, 'path'),
    params: entries(stream.params, 'params'),
    headers: entries(stream.headers, 'headers'),
    body: body && {
      format: body.format,
      template: t(body.template, 'body.template'),
      contentType:
        body.content_type ??
        {
          xml: 'text/xml; charset=utf-8',
          json: 'application/json',
          form: 'application/x-www-form-urlencoded',
        }[body.format],
    },
    pagination: resolvePagination(
      stream.pagination ?? spec.defaults?.pagination ?? { kind: 'none' },
    ),
    records: { format: records.format ?? 'json', path: splitPath(records.path ?? '') },
    primaryKey: stream.primary_key.map((part, i) => keyPart(part, `${where}.primary_key[${i}]`)),
    incremental: inc && {
      cursorField: inc.cursor_field,
      params: entries(inc.params, 'incremental.params'),
      lookbackMs: durationOr(inc.lookback, 0, `${where}.incremental.lookback`),
      startMs: Date.parse(inc.start),
      endLagMs: durationOr(inc.end_lag, 0, `${where}.incremental.end_lag`),
      fullRefreshEveryMs:
        inc.full_refresh_every === undefined
          ? undefined
          : durationOr(inc.full_refresh_every, 0, `${where}.incremental.full_refresh_every`),
    },
    trackDeletes: stream.track_deletes ?? false,
    reconcile: stream.reconcile && {
      everyMs:
        stream.reconcile.every === undefined
          ? undefined
          : durationOr(stream.reconcile.every, 0, `${where}.reconcile.every`),
      params: entries(stream.reconcile.params, 'reconcile.params'),
      maxDeleteFraction: stream.reconcile.max_delete_fraction ?? 0.5,
    },
    lookup: stream.lookup && {
      by: Object.entries(stream.lookup.by).map(([by, param]) => ({ stream: by, param })),
      maxIds: stream.lookup.max_ids ?? 50,
    },
    parent: stream.parent && {
      stream: stream.parent.stream,
      concurrency: stream.parent.concurrency ?? 4,
    },
    schema: stream.schema,
    pii: stream.pii ?? {},
    effectiveDate:
      stream.effective_date === undefined ? undefined : t(stream.effective_date, 'effective_date'),
    enteredAt: stream.entered_at === undefined ? undefined : t(stream.entered_at, 'entered_at'),
  };
}

function resolvePagination(p: PaginationSpec): ResolvedPagination {
  switch (p.kind) {
    case 'link_header':
      return {
        kind: 'link_header',
        ...(p.page_size_param !== undefined ? { pageSizeParam: p.page_size_param } : {}),
        ...(p.page_size !== undefined ? { pageSize: p.page_size } : {}),
      };
    case 'offset_limit':
      return {
        kind: 'offset_limit',
        limitParam: p.limit_param ?? 'limit',
        offsetParam: p.offset_param ?? 'offset',
        limit: p.limit,
        totalPath: p.total_path === undefined ? undefined : splitPath(p.total_path),
      };
    case 'cursor_param':
      return {
        kind: 'cursor_param',
        cursorParam: p.cursor_param,
        cursorPath: p.cursor_path === undefined ? undefined : splitPath(p.cursor_path),
        cursorHeader: p.cursor_header?.toLowerCase(),
        pageSizeParam: p.page_size_param,
        pageSize: p.page_size,
        cursorOnly: p.cursor_only ?? false,
      };
    case 'page_number':
      return {
        kind: 'page_number',
        pageParam: p.page_param,
        pageSizeParam: p.page_size_param,
        pageSize: p.page_size,
        start: p.start ?? 1,
        totalPagesPath:
          p.total_pages_path === undefined ? undefined : splitPath(p.total_pages_path),
      };
    case 'none':
      return { kind: 'none' };
    default:
      return assertNever(p);
  }
}

function keyPart(text: string, where: string): KeyPart {
  if (text.includes('{')) return { kind: 'template', template: parseTemplate(text, where) };
  if (text.startsWith('$parent.')) return { kind: 'parent', path: splitPath(text.slice(8)) };
  return { kind: 'field', path: splitPath(text) };
}

/** `a.b.c` → `['a','b','c']`; the empty string is the root. */
export function splitPath(path: string): string[] {
  return path === '' ? [] : path.split('.');
}

function orderParentsFirst(streams: ResolvedStream[]): ResolvedStream[] {
  const byName = new Map(streams.map((s) => [s.name, s]));
  const depth = (s: ResolvedStream): number => {
    let d = 0;
    let cur = s.parent && byName.get(s.parent.stream);
    while (cur) {
      d += 1;
      cur = cur.parent && byName.get(cur.parent.stream);
    }
    return d;
  };
  return [...streams].sort((a, b) => depth(a) - depth(b));
}

function credentialKeyOf(auth: ResolvedAuth): string {
  const identity =
    auth.kind === 'basic' ? auth.username : auth.kind === 'bearer' ? auth.token : auth.clientId;
  return createHash('sha256').update(`${auth.kind}:${identity}`).digest('hex').slice(0, 16);
}

function assertNever(value: never): never {
  throw new HrflowError('internal', `unhandled kind ${JSON.stringify(value)}`);
}

function positiveInt(value: unknown, source: string, key: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    throw new HrflowError(
      'config-invalid',
      `targets override '${key}' for source '${source}' must be a positive whole number, got ${JSON.stringify(value)}`,
      {
        location: { yamlPath: `sources.${source}.${key}` },
      },
    );
  }
  return n;
}
