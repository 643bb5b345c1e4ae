/**
 * The `--faults` option of `hrflow sandbox`: a comma-separated list of `name=value` pairs, each
 * optionally prefixed `gh.` or `wd.` to target one server (both otherwise), for example
 * `429=0.05,storm=10,5xx=0.02,latency=200,reset=0.01,truncate=0.01,token-expiry=500,drift=0.02`.
 */
import { HrflowError } from '../core/errors.js';
import type { FaultSettings } from './http/faults.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const NAMES = [
  '429',
  'storm',
  'retry-after',
  '5xx',
  'latency',
  'reset',
  'truncate',
  'token-expiry',
  'drift',
  'drift-add',
  'drift-drop',
] as const;

export function parseFaultSpec(spec: string): {
  greenhouse: FaultSettings;
  workday: FaultSettings;
} {
  const targets = {
    greenhouse: {} as Mutable<FaultSettings>,
    workday: {} as Mutable<FaultSettings>,
  };
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(?:(gh|wd)\.)?([a-z0-9-]+)=([0-9.]+)$/.exec(part);
    const name = match?.[2] as (typeof NAMES)[number] | undefined;
    const value = Number(match?.[3]);
    if (!match || !name || !NAMES.includes(name) || !Number.isFinite(value)) {
      throw new HrflowError('usage-invalid', `cannot read fault '${part}'`, {
        hint: `Use name=value pairs, optionally prefixed gh. or wd.; names: ${NAMES.join(', ')}.`,
      });
    }
    const isRate = ['429', '5xx', 'reset', 'truncate', 'drift', 'drift-add', 'drift-drop'].includes(
      name,
    );
    if (isRate && value > 1) {
      throw new HrflowError(
        'usage-invalid',
        `fault ${name} is a rate between 0 and 1, got ${value}`,
      );
    }
    const servers =
      match[1] === 'gh'
        ? [targets.greenhouse]
        : match[1] === 'wd'
          ? [targets.workday]
          : [targets.greenhouse, targets.workday];
    for (const settings of servers) apply(settings, name, value);
  }
  return targets;
}

function apply(
  settings: Mutable<FaultSettings>,
  name: (typeof NAMES)[number],
  value: number,
): void {
  const storm = settings.rateLimitStorm ?? { probability: 0 };
  const drift = settings.schemaDrift ?? {};
  switch (name) {
    case '429':
      settings.rateLimitStorm = { ...storm, probability: value };
      return;
    case 'storm':
      settings.rateLimitStorm = { ...storm, durationSeconds: value };
      return;
    case 'retry-after':
      settings.rateLimitStorm = { ...storm, retryAfterSeconds: value };
      return;
    case '5xx':
      settings.serverErrorRate = value;
      return;
    case 'latency':
      settings.latencyMs = value;
      return;
    case 'reset':
      settings.connectionResetRate = value;
      return;
    case 'truncate':
      settings.truncatedBodyRate = value;
      return;
    case 'token-expiry':
      settings.tokenExpiryAfterCalls = Math.round(value);
      return;
    case 'drift':
      settings.schemaDrift = { addedFieldRate: value, missingFieldRate: value };
      return;
    case 'drift-add':
      settings.schemaDrift = { ...drift, addedFieldRate: value };
      return;
    case 'drift-drop':
      settings.schemaDrift = { ...drift, missingFieldRate: value };
      return;
    default: {
      const unhandled: never = name;
      throw new Error(`unknown fault ${String(unhandled)}`);
    }
  }
}

/**
 * Checks fault settings that arrive as JSON (the `/_sandbox/faults` route): every field must
 * have its documented type and range; unknown fields are refused so typos do not pass silently.
 */
export function checkFaultSettings(value: unknown, where: string): FaultSettings {
  const fail = (message: string): never => {
    throw new HrflowError('usage-invalid', `${where}: ${message}`, {
      hint: 'Fields: rateLimitStorm {probability, durationSeconds, retryAfterSeconds}, serverErrorRate, latencyMs, connectionResetRate, truncatedBodyRate, tokenExpiryAfterCalls, schemaDrift {addedFieldRate, missingFieldRate}.',
    });
  };
  const object = (v: unknown, path: string): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : fail(`${path} must be an object`);
  const number = (v: unknown, path: string, max: number): number | undefined => {
    if (v === undefined) return undefined;
    return typeof v === 'number' && v >= 0 && v <= max
      ? v
      : fail(`${path} must be a number from 0 to ${max}`);
  };
  const only = (o: Record<string, unknown>, keys: readonly string[], path: string): void => {
    const unknown = Object.keys(o).find((key) => !keys.includes(key));
    if (unknown !== undefined) fail(`${path}.${unknown} is not a fault setting`);
  };
  const root = object(value, 'faults');
  only(
    root,
    [
      'rateLimitStorm',
      'serverErrorRate',
      'latencyMs',
      'connectionResetRate',
      'truncatedBodyRate',
      'tokenExpiryAfterCalls',
      'schemaDrift',
    ],
    'faults',
  );
  const settings: Mutable<FaultSettings> = {};
  if (root.rateLimitStorm !== undefined) {
    const storm = object(root.rateLimitStorm, 'rateLimitStorm');
    only(storm, ['probability', 'durationSeconds', 'retryAfterSeconds'], 'rateLimitStorm');
    const probability =
      number(storm.probability, 'rateLimitStorm.probability', 1) ??
      fail('rateLimitStorm.probability is required');
    const durationSeconds = number(storm.durationSeconds, 'rateLimitStorm.durationSeconds', 86_400);
    const retryAfterSeconds = number(
      storm.retryAfterSeconds,
      'rateLimitStorm.retryAfterSeconds',
      86_400,
    );
    settings.rateLimitStorm = {
      probability,
      ...(durationSeconds === undefined ? {} : { durationSeconds }),
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
    };
  }
  const rates = ['serverErrorRate', 'connectionResetRate', 'truncatedBodyRate'] as const;
  for (const key of rates) {
    const rate = number(root[key], key, 1);
    if (rate !== undefined) settings[key] = rate;
  }
  const latency = number(root.latencyMs, 'latencyMs', 600_000);
  if (latency !== undefined) settings.latencyMs = latency;
  const expiry = number(
    root.tokenExpiryAfterCalls,
    'tokenExpiryAfterCalls',
    Number.MAX_SAFE_INTEGER,
  );
  if (expiry !== undefined) settings.tokenExpiryAfterCalls = Math.round(expiry);
  if (root.schemaDrift !== undefined) {
    const drift = object(root.schemaDrift, 'schemaDrift');
    only(drift, ['addedFieldRate', 'missingFieldRate'], 'schemaDrift');
    const added = number(drift.addedFieldRate, 'schemaDrift.addedFieldRate', 1);
    const missing = number(drift.missingFieldRate, 'schemaDrift.missingFieldRate', 1);
    settings.schemaDrift = {
      ...(added === undefined ? {} : { addedFieldRate: added }),
      ...(missing === undefined ? {} : { missingFieldRate: missing }),
    };
  }
  return settings;
}
