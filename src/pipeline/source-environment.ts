/**
 * Where the sources of a target live. A target with `sandbox:` gets the built-in simulators of
 * Greenhouse and Workday started in this process, every source pointed at them and their
 * credentials supplied; any other target uses its `sources:` overrides and the real environment.
 */
import type { SourceOverrides } from '../connectors/spec/resolve-source.js';
import type { SourceSpec } from '../connectors/spec/source-spec.js';
import type { Logger } from '../core/log.js';
import type { ProjectSettings } from '../engine/project/settings.js';
import { startSandbox } from '../sandbox/index.js';
import type { Sandbox } from '../sandbox/index.js';
import { projectSourceSpecs } from './connector-sources.js';

export interface SourceEnvironment {
  readonly specs: readonly SourceSpec[];
  readonly overrides: Readonly<Record<string, SourceOverrides>>;
  /** The process environment, plus the sandbox's credentials when it runs. */
  readonly env: NodeJS.ProcessEnv;
  readonly sandbox?: Sandbox;
  close(): Promise<void>;
}

/**
 * API allowances of the in-process sandbox. The real services allow less; locally a quick first
 * build matters more, and the connector still reads and honours the limit headers.
 */
const SANDBOX_GREENHOUSE_LIMIT = 600;
const SANDBOX_WORKDAY_PER_SECOND = 200;
const SANDBOX_WORKDAY_CONCURRENCY = 16;

export async function openSourceEnvironment(
  settings: ProjectSettings,
  env: NodeJS.ProcessEnv,
  logger: Logger,
): Promise<SourceEnvironment> {
  const specs = projectSourceSpecs(settings);
  const configured = overridesOf(settings);
  const knobs = settings.target.sandbox;
  if (!knobs) return { specs, overrides: configured, env, close: () => Promise.resolve() };

  const sandbox = await startSandbox({
    seed: knobs.seed,
    ...(knobs.employees !== undefined ? { employees: knobs.employees } : {}),
    ...(knobs.candidates !== undefined ? { candidates: knobs.candidates } : {}),
    ...(knobs.asOf !== undefined ? { asOf: `${knobs.asOf}T00:00:00Z` } : {}),
    logger,
    greenhouse: { rateLimit: { limit: SANDBOX_GREENHOUSE_LIMIT, windowSeconds: 30 } },
    workday: {
      throttle: {
        capacity: SANDBOX_WORKDAY_PER_SECOND * 10,
        refillPerSecond: SANDBOX_WORKDAY_PER_SECOND,
      },
    },
  });
  logger.info(
    'sandbox-started',
    `sandbox running: Greenhouse at ${sandbox.greenhouse.baseUrl}, Workday at ${sandbox.workday.baseUrl}`,
  );
  return {
    specs,
    overrides: {
      ...configured,
      greenhouse: {
        ...configured.greenhouse,
        base_url: sandbox.greenhouse.baseUrl,
        token_url: sandbox.greenhouse.tokenUrl,
        rate_limit_requests: SANDBOX_GREENHOUSE_LIMIT,
        rate_limit_per: '30s',
      },
      workday: {
        ...configured.workday,
        base_url: sandbox.workday.baseUrl,
        tenant: sandbox.workday.tenant,
        report_owner: sandbox.workday.reportOwner,
        rate_limit_requests: SANDBOX_WORKDAY_PER_SECOND,
        rate_limit_per: '1s',
        concurrency: SANDBOX_WORKDAY_CONCURRENCY,
      },
    },
    env: { ...env, ...sandbox.credentials },
    sandbox,
    close: () => sandbox.close(),
  };
}

function overridesOf(settings: ProjectSettings): Record<string, SourceOverrides> {
  const out: Record<string, SourceOverrides> = {};
  for (const [source, params] of Object.entries(settings.target.sources)) {
    out[source] = Object.fromEntries(
      Object.entries(params).filter((e): e is [string, string | number | boolean] =>
        ['string', 'number', 'boolean'].includes(typeof e[1]),
      ),
    );
  }
  return out;
}
