/**
 * The `serve:` block of `hrflow.config.yaml`, checked once against `schemas/serve.schema.json`
 * (errors point at `file:line` and the YAML path) and turned into typed settings with every
 * default filled and every duration in milliseconds.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { HrflowError } from '../../core/errors.js';
import { validateYaml } from '../../core/yaml-file.js';
import type { YamlFile } from '../../core/yaml-file.js';
import { parseDuration } from '../../connectors/spec/duration.js';
import type { PiiTag } from '../../engine/project/nodes.js';
import type { ProjectSettings } from '../../engine/project/settings.js';
import { schema } from '../../engine/project/schemas.js';

/** A user attribute value: row filters compare columns with these. */
export type AttributeValue = string | number | readonly (string | number)[];

export interface LocalUser {
  readonly name: string;
  /** `scrypt$N$r$p$salt$hash`, see `hashPassword`. */
  readonly passwordHash: string;
  readonly groups: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export interface OidcSettings {
  readonly issuer: string;
  readonly audience: string;
  /** The JWKS document, already read (from `jwks_file` or inline `jwks`). */
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
  readonly algorithms: readonly string[];
  readonly usernameClaim: string;
  readonly groupsClaim: string;
  /** attribute name → claim name */
  readonly attributeClaims: Readonly<Record<string, string>>;
}

/** `<column> in user.attributes.<attribute>` as data. */
export interface RowFilterRule {
  readonly name: string;
  readonly groups: readonly string[];
  readonly column: string;
  readonly op: 'in' | '=';
  readonly attribute: string;
  /** `schema.table` keys readable whole by these users although they lack the column. */
  readonly exceptTables: readonly string[];
}

export interface ColumnMaskRule {
  readonly pii: readonly PiiTag[];
  readonly exceptGroups: readonly string[];
  readonly allowAggregates: boolean;
}

export interface PolicySettings {
  readonly adminGroups: readonly string[];
  readonly minGroupSize: number;
  readonly rowFilters: readonly RowFilterRule[];
  readonly columnMasks: readonly ColumnMaskRule[];
}

export type ScheduledJobKind = 'sync' | 'run' | 'build' | 'sync+build';

export interface Schedule {
  readonly name: string;
  readonly cron: string;
  readonly job: ScheduledJobKind;
  readonly select: readonly string[];
  readonly fullRefresh: boolean;
}

export interface ServeSettings {
  readonly host: string;
  readonly port: number;
  readonly schedules: readonly Schedule[];
  readonly session: {
    readonly ttlMs: number;
    readonly idleTimeoutMs: number;
    readonly secureCookie: boolean;
  };
  readonly users: readonly LocalUser[];
  readonly oidc?: OidcSettings;
  readonly loginRateLimit: { readonly attempts: number; readonly windowMs: number };
  readonly policies: PolicySettings;
  readonly webhooks: {
    readonly greenhouse?: {
      readonly secretEnv: string;
      readonly replayWindowMs: number;
      readonly debounceMs: number;
    };
  };
  /** Logical gold table → `schema.table`, overriding the dataset layer's defaults. */
  readonly tables: Readonly<Record<string, string>>;
}

/** The shape the schema guarantees, with its defaults filled. */
interface RawServe {
  host: string;
  port: number;
  schedules?: {
    name: string;
    cron: string;
    job: ScheduledJobKind;
    select?: string[];
    full_refresh: boolean;
  }[];
  session?: { ttl: string; idle_timeout: string; secure_cookie: boolean };
  auth?: {
    users?: {
      name: string;
      password_hash: string;
      groups?: string[];
      attributes?: Record<string, AttributeValue>;
    }[];
    oidc?: {
      issuer: string;
      audience: string;
      jwks_file?: string;
      jwks?: { keys: Record<string, unknown>[] };
      algorithms: string[];
      username_claim: string;
      groups_claim: string;
      attribute_claims?: Record<string, string>;
    };
    login_rate_limit?: { attempts: number; per: string };
  };
  policies?: {
    admin_groups: string[];
    min_group_size?: number;
    row_filters?: { name: string; groups: string[]; filter: string; except_tables: string[] }[];
    column_masks?: { pii: PiiTag[]; except_groups: string[]; allow_aggregates: boolean }[];
  };
  webhooks?: { greenhouse?: { secret_env: string; replay_window: string; debounce: string } };
  datasets?: { tables?: Record<string, string> };
}

let wrapper: object | undefined;

/** Validates `settings.serve` and resolves it; throws `config-invalid` pointing into the file. */
export function loadServeSettings(settings: ProjectSettings): ServeSettings {
  if (!wrapper) {
    // The serve schema is checked as the `serve` property of the whole file, so errors carry
    // the YAML path from the file's root; its local `$defs` move up to the wrapper's root.
    const { $schema: _dialect, $defs, ...serveSchema } = schema('serve') as Record<string, unknown>;
    wrapper = { $defs, type: 'object', properties: { serve: serveSchema } };
  }
  const yaml: YamlFile<unknown> = {
    file: settings.yaml.file,
    data: { serve: structuredClone(settings.serve) },
    positionOf: (path) => settings.yaml.positionOf(path),
  };
  const checked = validateYaml<{ serve: RawServe }>(yaml, wrapper, 'serve settings');
  const raw = checked.data.serve;
  const at = (yamlPath: string): { file: string; yamlPath: string } => ({
    file: settings.file,
    yamlPath,
  });

  const session = raw.session ?? { ttl: '8h', idle_timeout: '30m', secure_cookie: true };
  const rate = raw.auth?.login_rate_limit ?? { attempts: 5, per: '15m' };
  const policies = raw.policies ?? { admin_groups: ['admin'] };
  const varMin = settings.vars.min_group_size;
  const minGroupSize =
    policies.min_group_size ??
    (typeof varMin === 'number' && Number.isInteger(varMin) && varMin > 0 ? varMin : 5);

  return {
    host: raw.host,
    port: raw.port,
    schedules: (raw.schedules ?? []).map((s) => ({
      name: s.name,
      cron: s.cron,
      job: s.job,
      select: s.select ?? [],
      fullRefresh: s.full_refresh,
    })),
    session: {
      ttlMs: parseDuration(session.ttl, 'serve.session.ttl'),
      idleTimeoutMs: parseDuration(session.idle_timeout, 'serve.session.idle_timeout'),
      secureCookie: session.secure_cookie,
    },
    users: (raw.auth?.users ?? []).map((u) => ({
      name: u.name,
      passwordHash: u.password_hash,
      groups: u.groups ?? [],
      attributes: u.attributes ?? {},
    })),
    ...(raw.auth?.oidc ? { oidc: resolveOidc(raw.auth.oidc, settings.root, at) } : {}),
    loginRateLimit: {
      attempts: rate.attempts,
      windowMs: parseDuration(rate.per, 'serve.auth.login_rate_limit.per'),
    },
    policies: {
      adminGroups: policies.admin_groups,
      minGroupSize,
      rowFilters: (policies.row_filters ?? []).map((r) => ({
        name: r.name,
        groups: r.groups,
        ...parseRowFilter(r.filter),
        exceptTables: r.except_tables,
      })),
      columnMasks: (policies.column_masks ?? []).map((m) => ({
        pii: m.pii,
        exceptGroups: m.except_groups,
        allowAggregates: m.allow_aggregates,
      })),
    },
    webhooks: raw.webhooks?.greenhouse
      ? {
          greenhouse: {
            secretEnv: raw.webhooks.greenhouse.secret_env,
            replayWindowMs: parseDuration(raw.webhooks.greenhouse.replay_window, 'replay_window'),
            debounceMs: parseDuration(raw.webhooks.greenhouse.debounce, 'debounce'),
          },
        }
      : {},
    tables: raw.datasets?.tables ?? {},
  };
}

/** `business_unit in user.attributes.business_units` → its parts (the schema checked the form). */
export function parseRowFilter(text: string): {
  column: string;
  op: 'in' | '=';
  attribute: string;
} {
  const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s+(in|=)\s+user\.attributes\.([A-Za-z_]\w*)\s*$/.exec(
    text,
  );
  if (!match?.[1] || !match[2] || !match[3]) {
    throw new HrflowError('config-invalid', `row filter '${text}' is not understood`, {
      hint: 'Write `<column> in user.attributes.<name>` or `<column> = user.attributes.<name>`.',
    });
  }
  return { column: match[1], op: match[2] as 'in' | '=', attribute: match[3] };
}

function resolveOidc(
  raw: NonNullable<NonNullable<RawServe['auth']>['oidc']>,
  root: string,
  at: (yamlPath: string) => { file: string; yamlPath: string },
): OidcSettings {
  let jwks = raw.jwks;
  if (!jwks && raw.jwks_file) {
    try {
      const parsed = JSON.parse(readFileSync(resolve(root, raw.jwks_file), 'utf8')) as unknown;
      if (!isJwks(parsed)) throw new Error('no "keys" array');
      jwks = parsed;
    } catch (cause) {
      throw new HrflowError('config-invalid', `cannot read the JWKS file ${raw.jwks_file}`, {
        cause,
        location: at('serve.auth.oidc.jwks_file'),
        hint: 'Point jwks_file at a JSON document of the form {"keys": [...]}.',
      });
    }
  }
  if (!jwks) {
    throw new HrflowError('config-invalid', 'serve.auth.oidc needs jwks_file or jwks', {
      location: at('serve.auth.oidc'),
      hint: "Save the identity provider's JWKS to a file and name it in jwks_file.",
    });
  }
  return {
    issuer: raw.issuer,
    audience: raw.audience,
    jwks,
    algorithms: raw.algorithms,
    usernameClaim: raw.username_claim,
    groupsClaim: raw.groups_claim,
    attributeClaims: raw.attribute_claims ?? {},
  };
}

function isJwks(value: unknown): value is { keys: Record<string, unknown>[] } {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as { keys?: unknown }).keys)
  );
}
