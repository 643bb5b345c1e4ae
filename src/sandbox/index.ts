/**
 * The hrflow sandbox: faithful local simulators of the Greenhouse Harvest v3 and Workday APIs
 * serving a deterministic synthetic company, with known ground truth and injectable faults.
 *
 * ```ts
 * const sandbox = await startSandbox({ seed: 42, employees: 500, candidates: 3000 });
 * sandbox.greenhouse.baseUrl;   // http://127.0.0.1:PORT/v3
 * sandbox.greenhouse.tokenUrl;  // http://127.0.0.1:PORT/token
 * sandbox.workday.baseUrl;      // http://127.0.0.1:PORT2 (the Workday host)
 * sandbox.workday.tenant;       // hrflow_sandbox
 * sandbox.workday.tokenUrl;     // http://127.0.0.1:PORT2/ccx/oauth2/hrflow_sandbox/token
 * sandbox.credentials;          // { GREENHOUSE_CLIENT_ID: ..., WORKDAY_REFRESH_TOKEN: ..., ... }
 * sandbox.groundTruth();        // duplicate clusters, candidate→worker links, anomalies, counts
 * await sandbox.advance(7);     // a week of recruiting and HR activity; webhooks fire
 * sandbox.setFaults({ greenhouse: { serverErrorRate: 0.05 } });
 * await sandbox.close();
 * ```
 *
 * Credential environment variable names (connector specs reference exactly these):
 * `GREENHOUSE_CLIENT_ID`, `GREENHOUSE_CLIENT_SECRET`, `GREENHOUSE_USER_ID` (optional `sub`, a
 * Site Admin), `GREENHOUSE_WEBHOOK_SECRET`, `WORKDAY_CLIENT_ID`, `WORKDAY_CLIENT_SECRET`,
 * `WORKDAY_REFRESH_TOKEN`, `WORKDAY_ISU_USERNAME`, `WORKDAY_ISU_PASSWORD`. As in Workday, every
 * Workday surface takes the bearer token of the refresh-token grant; RaaS also takes the
 * Integration System User as HTTP Basic, and SOAP as a WS-Security UsernameToken. REST takes
 * bearer tokens only.
 *
 * The company: `employees` active employees on `asOf` (exact) plus about 7 % contingent
 * workers and the terminated history of `historyYears` (default 8) years; `candidates` candidate
 * records (about 3.5 % duplicates of a known person) with about 1.2 applications each over
 * `recruitingYears` (default 2). Roughly 2 % of applications end in a hire (stage pass rates 30,
 * 55, 60, 58 and 40 %; offers 84 % accepted, 11 % declined, 5 % rescinded). About 72 % of hires
 * carry their Greenhouse email into Workday as personal email; 2 % of Workday hires are
 * rescinded. Workday timelines are planned two years past `asOf`; entries dated after the
 * company's present stay invisible until `advance` reaches them. {@link Sandbox.groundTruth}
 * reports the exact counts.
 *
 * Time: the company lives on its own clock. It is generated as of `asOf` (default: today, UTC
 * midnight) and only moves when advanced; every timestamp the APIs serve is at or before
 * {@link Sandbox.now}. After `advance`, that clock runs ahead of the wall clock, so clients that
 * bound incremental windows by their own clock should share one clock with the sandbox: inject
 * a `clock` that starts at `asOf` and moves forward by the same days as `advance`. Tokens,
 * rate-limit windows, latency and webhook retries use the injected `clock`.
 *
 * Webhooks go to `greenhouse.webhookUrl`, or to the URL given later to
 * {@link Sandbox.setWebhookUrl} (a receiver that starts after the sandbox registers itself the way
 * a Greenhouse admin configures a web hook), signed with `GREENHOUSE_WEBHOOK_SECRET`; verify them
 * with {@link signWebhook}.
 *
 * Administrative HTTP routes exist on both servers (no faults, no auth, loopback only):
 * `POST /_sandbox/advance` `{"days": 7}`, `GET /_sandbox/ground-truth`,
 * `POST /_sandbox/faults` `{"greenhouse": {...}, "workday": {...}}`, `GET /_sandbox/status`,
 * `POST /_sandbox/expire-tokens`.
 */
import { writeFile } from 'node:fs/promises';
import type { Clock } from '../core/clock.js';
import { systemClock } from '../core/clock.js';
import { HrflowError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { silentLogger } from '../core/log.js';
import { redactor } from '../core/redact.js';
import { generateCompany } from './company/generate.js';
import type { World } from './company/generate.js';
import { groundTruth } from './company/ground-truth.js';
import type { GroundTruth } from './company/ground-truth.js';
import type { CompanyOptions } from './company/settings.js';
import { CREDENTIAL_NAMES, deriveCredentials } from './credentials.js';
import { checkFaultSettings } from './fault-spec.js';
import type { Credentials } from './credentials.js';
import type { FaultSettings, FaultStats } from './http/faults.js';
import type { Reply, Request } from './http/server-kit.js';
import { json } from './http/server-kit.js';
import { GreenhouseServer } from './greenhouse/server.js';
import { WebhookSender } from './greenhouse/webhooks.js';
import type { Delivery } from './greenhouse/webhooks.js';
import { churn } from './company/churn.js';
import { HARVEST_READ_SCOPES } from './greenhouse/scopes.js';
import { SECONDS_PER_DAY } from './time.js';
import { REPORTS } from './workday/raas.js';
import { WorkdayServer } from './workday/server.js';

export type { GroundTruth } from './company/ground-truth.js';
export type { FaultSettings, FaultStats } from './http/faults.js';
export type { Credentials, CredentialName } from './credentials.js';
export type { CompanyOptions } from './company/settings.js';
export type { Delivery } from './greenhouse/webhooks.js';
export { sign as signWebhook } from './greenhouse/webhooks.js';
export { CREDENTIAL_NAMES } from './credentials.js';

export interface GreenhouseSandboxOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Requests per window and credential (default 75 per 30 s, Greenhouse's observed value); false disables. */
  readonly rateLimit?: { readonly limit: number; readonly windowSeconds?: number } | false;
  /** Scopes the credential has; default every read scope. */
  readonly scopes?: readonly string[];
  readonly tokenLifetimeSeconds?: number;
  readonly singleActiveToken?: boolean;
  readonly tokenRequestsPerMinute?: number;
  readonly faults?: FaultSettings;
  /** Where change webhooks are POSTed; none are sent without it. */
  readonly webhookUrl?: string;
  /** Waits before each redelivery of a webhook not answered 200; default 200 ms, 1 s, 5 s. */
  readonly webhookRetryDelaysMs?: readonly number[];
}

export interface WorkdaySandboxOptions {
  readonly port?: number;
  /** Default `hrflow_sandbox`. */
  readonly tenant?: string;
  /** The RaaS report owner path segment; default `ISU_hrflow`. */
  readonly reportOwner?: string;
  readonly tokenLifetimeSeconds?: number;
  /** Each refresh returns a new refresh token and retires the old one (default false). */
  readonly rotateRefreshTokens?: boolean;
  /** `limit` above 100: clamp (default) or answer 400. */
  readonly limitOverflow?: 'clamp' | 'error';
  /**
   * Minutes before a change entered in Workday shows in its APIs (default 0). Real tenants lag by
   * up to an hour, which incremental connectors cover with overlapping windows.
   */
  readonly indexingLagMinutes?: number;
  /** The token bucket behind `wd-ratelimit-tokens-remaining`; false disables throttling. */
  readonly throttle?: { readonly capacity: number; readonly refillPerSecond: number } | false;
  readonly faults?: FaultSettings;
}

export interface SandboxOptions extends CompanyOptions {
  /** Wall clock for tokens, rate limits, latency and webhook retries. */
  readonly clock?: Clock;
  readonly logger?: Logger;
  readonly greenhouse?: GreenhouseSandboxOptions;
  readonly workday?: WorkdaySandboxOptions;
  /** Replaces derived credentials. */
  readonly credentials?: Partial<Credentials>;
  /** Serves an already generated company instead of generating one. */
  readonly world?: World;
}

export interface Sandbox {
  readonly greenhouse: {
    /** `http://127.0.0.1:PORT/v3` */
    readonly baseUrl: string;
    /** `http://127.0.0.1:PORT/token` */
    readonly tokenUrl: string;
    /** `http://127.0.0.1:PORT/authorize` (partner flow) */
    readonly authorizeUrl: string;
    readonly origin: string;
  };
  readonly workday: {
    /** The Workday host, `http://127.0.0.1:PORT`; URLs are `{baseUrl}/ccx/...`. */
    readonly baseUrl: string;
    readonly tenant: string;
    /** `{baseUrl}/ccx/oauth2/{tenant}/token` (refresh-token grant) */
    readonly tokenUrl: string;
    /** `{baseUrl}/ccx/api/v1/{tenant}` */
    readonly commonUrl: string;
    /** `{baseUrl}/ccx/api/staffing/v6/{tenant}` */
    readonly staffingUrl: string;
    /** `{baseUrl}/ccx/api/person/v4/{tenant}` */
    readonly personUrl: string;
    /** `{baseUrl}/ccx/service/customreport2/{tenant}/{reportOwner}`; add `/{report}?format=json` */
    readonly raasUrl: string;
    readonly reportOwner: string;
    /**
     * `HR_Headcount` (prompt `Effective_as_of_Date`), `HR_Terminations` and `HR_Hires`
     * (prompts `Start_Date`, `End_Date`).
     */
    readonly reports: readonly string[];
    /** `{baseUrl}/ccx/service/{tenant}/Human_Resources/v44.0` (SOAP `Get_Workers`) */
    readonly soapUrl: string;
  };
  /** Values under the environment variable names in {@link CREDENTIAL_NAMES}. */
  readonly credentials: Credentials;
  /** The generated company and its machinery, for tests that inspect it directly. */
  readonly world: World;
  /** The company's present. */
  now(): Date;
  groundTruth(): GroundTruth;
  /** Writes {@link groundTruth} as JSON. */
  writeGroundTruth(file: string): Promise<void>;
  /** Advances the company by `days` (fractions allowed); returns what changed. */
  advance(days: number): Promise<AdvanceResult>;
  /** Replaces the fault settings of the named servers. */
  setFaults(faults: {
    readonly greenhouse?: FaultSettings;
    readonly workday?: FaultSettings;
  }): void;
  faultStats(): { readonly greenhouse: FaultStats; readonly workday: FaultStats };
  /** Resolves once every webhook queued so far was delivered or given up. */
  flushWebhooks(): Promise<void>;
  /** Every webhook delivery so far, with the HTTP status of each attempt. */
  webhookDeliveries(): readonly Delivery[];
  /** Sends the webhooks of later changes to `url`; null stops sending. */
  setWebhookUrl(url: string | null): void;
  /** Revokes every access token on both servers. */
  expireTokens(): void;
  /**
   * Rotates the Greenhouse client secret and returns the new one; the old one keeps working for
   * seven days of the wall clock, as in Greenhouse's Dev Center.
   */
  rotateGreenhouseSecret(): string;
  close(): Promise<void>;
}

export interface AdvanceResult {
  readonly from: string;
  readonly to: string;
  /** Change events by webhook action name. */
  readonly changes: Readonly<Record<string, number>>;
  /** Each change event in time order: what happened to which Greenhouse record. */
  readonly log: readonly ChangeRecord[];
}

/** One entry of the change log: the webhook action and the record it is about. */
export interface ChangeRecord {
  /** ISO-8601 moment of the change. */
  readonly at: string;
  readonly action: string;
  /** The Harvest resource the record belongs to. */
  readonly resource: ChangedResource;
  readonly id: number;
}

export type ChangedResource =
  'candidate' | 'application' | 'offer' | 'job' | 'job_post' | 'interview' | 'scorecard';

/**
 * The environment a source spec reads to reach this sandbox: the URL variables
 * (`GREENHOUSE_BASE_URL`, `GREENHOUSE_TOKEN_URL`, `WORKDAY_BASE_URL`, `WORKDAY_TENANT`,
 * `WORKDAY_TOKEN_URL`, `WORKDAY_RAAS_URL`, `WORKDAY_SOAP_URL`) and every credential.
 */
export function sandboxEnvironment(sandbox: Sandbox): Readonly<Record<string, string>> {
  return {
    GREENHOUSE_BASE_URL: sandbox.greenhouse.baseUrl,
    GREENHOUSE_TOKEN_URL: sandbox.greenhouse.tokenUrl,
    WORKDAY_BASE_URL: sandbox.workday.baseUrl,
    WORKDAY_TENANT: sandbox.workday.tenant,
    WORKDAY_TOKEN_URL: sandbox.workday.tokenUrl,
    WORKDAY_RAAS_URL: sandbox.workday.raasUrl,
    WORKDAY_SOAP_URL: sandbox.workday.soapUrl,
    ...sandbox.credentials,
  };
}

/** Generates the company (unless given) and starts both simulators on loopback. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger;
  const world = options.world ?? generateCompany(options, clock.now());
  const company = world.company;
  const admin = world.staff.admins.find((user) => user.canSeePrivate) ?? world.staff.serviceAccount;
  const wd = options.workday ?? {};
  const tenant = wd.tenant ?? 'hrflow_sandbox';
  const reportOwner = wd.reportOwner ?? 'ISU_hrflow';
  const credentials = deriveCredentials(
    company.settings.seed,
    admin.id,
    tenant,
    options.credentials,
  );
  for (const name of CREDENTIAL_NAMES) {
    if (!name.endsWith('_USER_ID') && !name.endsWith('_USERNAME')) redactor.add(credentials[name]);
  }
  world.pipeline.drainChanges();

  const gh = options.greenhouse ?? {};
  let sandbox: SandboxImpl | null = null;
  const adminHandler = (request: Request): Promise<Reply> =>
    sandbox ? sandbox.admin(request) : Promise.resolve(json(503, { message: 'starting' }));
  const greenhouse = await GreenhouseServer.start(
    world,
    {
      port: gh.port ?? 0,
      seed: company.settings.seed,
      auth: {
        clientId: credentials.GREENHOUSE_CLIENT_ID,
        clientSecret: credentials.GREENHOUSE_CLIENT_SECRET,
        scopes: gh.scopes ?? HARVEST_READ_SCOPES,
        tokenLifetimeSeconds: gh.tokenLifetimeSeconds ?? 3600,
        singleActiveToken: gh.singleActiveToken ?? false,
        tokenRequestsPerMinute: gh.tokenRequestsPerMinute ?? 60,
        secretGraceSeconds: 7 * 24 * 3600,
      },
      rateLimit:
        gh.rateLimit === false
          ? null
          : { limit: gh.rateLimit?.limit ?? 75, windowSeconds: gh.rateLimit?.windowSeconds ?? 30 },
      faults: gh.faults ?? {},
    },
    clock,
    adminHandler,
  );
  const workday = await WorkdayServer.start(
    world,
    {
      port: wd.port ?? 0,
      seed: company.settings.seed,
      tenant,
      reportOwner,
      auth: {
        clientId: credentials.WORKDAY_CLIENT_ID,
        clientSecret: credentials.WORKDAY_CLIENT_SECRET,
        refreshToken: credentials.WORKDAY_REFRESH_TOKEN,
        isuUsername: credentials.WORKDAY_ISU_USERNAME,
        isuPassword: credentials.WORKDAY_ISU_PASSWORD,
        tokenLifetimeSeconds: wd.tokenLifetimeSeconds ?? 3600,
        rotateRefreshTokens: wd.rotateRefreshTokens ?? false,
      },
      limitOverflow: wd.limitOverflow ?? 'clamp',
      indexingLagMinutes: wd.indexingLagMinutes ?? 0,
      throttle:
        wd.throttle === false ? null : (wd.throttle ?? { capacity: 7200, refillPerSecond: 20 }),
      faults: wd.faults ?? {},
    },
    clock,
    adminHandler,
  ).catch(async (error: unknown) => {
    await greenhouse.close();
    throw error;
  });
  const webhooks = new WebhookSender(
    {
      url: gh.webhookUrl ?? null,
      secret: credentials.GREENHOUSE_WEBHOOK_SECRET,
      retryDelaysMs: gh.webhookRetryDelaysMs ?? [200, 1000, 5000],
    },
    clock,
    logger,
  );
  sandbox = new SandboxImpl(world, credentials, greenhouse, workday, reportOwner, webhooks, logger);
  logger.info('sandbox-started', `sandbox serving ${company.name} at ${greenhouse.origin}`, {
    employees: company.settings.employees,
    candidates: company.candidates.length,
  });
  return sandbox;
}

class SandboxImpl implements Sandbox {
  readonly greenhouse: Sandbox['greenhouse'];
  readonly credentials: Credentials;
  readonly world: World;
  readonly workday: Sandbox['workday'];
  readonly #greenhouseServer: GreenhouseServer;
  readonly #workdayServer: WorkdayServer;
  readonly #logger: Logger;
  readonly #webhooks: WebhookSender;
  #advancing: Promise<unknown> = Promise.resolve();

  constructor(
    world: World,
    credentials: Credentials,
    greenhouse: GreenhouseServer,
    workday: WorkdayServer,
    reportOwner: string,
    webhooks: WebhookSender,
    logger: Logger,
  ) {
    this.#webhooks = webhooks;
    this.world = world;
    this.credentials = credentials;
    this.#greenhouseServer = greenhouse;
    this.#workdayServer = workday;
    this.#logger = logger;
    const tenant = workday.view.tenant;
    const origin = workday.origin;
    this.workday = {
      baseUrl: origin,
      tenant,
      tokenUrl: `${origin}/ccx/oauth2/${tenant}/token`,
      commonUrl: `${origin}/ccx/api/v1/${tenant}`,
      staffingUrl: `${origin}/ccx/api/staffing/v6/${tenant}`,
      personUrl: `${origin}/ccx/api/person/v4/${tenant}`,
      raasUrl: `${origin}/ccx/service/customreport2/${tenant}/${reportOwner}`,
      reportOwner,
      reports: REPORTS,
      soapUrl: `${origin}/ccx/service/${tenant}/Human_Resources/v44.0`,
    };
    this.greenhouse = {
      origin: greenhouse.origin,
      baseUrl: `${greenhouse.origin}/v3`,
      tokenUrl: `${greenhouse.origin}/token`,
      authorizeUrl: `${greenhouse.origin}/authorize`,
    };
  }

  now(): Date {
    const company = this.world.company;
    return new Date(company.time.ms(company.now));
  }

  groundTruth(): GroundTruth {
    return groundTruth(this.world.company);
  }

  async writeGroundTruth(file: string): Promise<void> {
    await writeFile(file, `${JSON.stringify(this.groundTruth(), null, 2)}\n`);
  }

  advance(days: number): Promise<AdvanceResult> {
    if (!(Number.isFinite(days) && days > 0 && days <= 3650)) {
      return Promise.reject(
        new HrflowError('sandbox-error', `cannot advance the sandbox by ${days} days`, {
          hint: 'Pass a positive number of days, at most 3650.',
        }),
      );
    }
    const run = this.#advancing.then(() => this.#advance(days));
    this.#advancing = run.catch(() => undefined);
    return run;
  }

  #advance(days: number): AdvanceResult {
    const company = this.world.company;
    const from = company.time.iso(company.now);
    const start = company.now;
    company.now += Math.round(days * SECONDS_PER_DAY);
    this.world.pipeline.run(company.now);
    churn(this.world, start, company.now);
    company.version++;
    const drained = this.world.pipeline.drainChanges().sort((a, b) => a.at - b.at);
    const changes: Record<string, number> = {};
    const log: ChangeRecord[] = [];
    for (const change of drained) {
      changes[change.action] = (changes[change.action] ?? 0) + 1;
      const resource = RESOURCE_OF_ACTION[change.action];
      if (resource) {
        log.push({
          at: company.time.iso(change.at),
          action: change.action,
          resource,
          id: change.subject.id,
        });
      }
    }
    void this.#webhooks.send(company, drained);
    const to = company.time.iso(company.now);
    this.#logger.info('sandbox-advanced', `sandbox advanced to ${to}`, { days, changes });
    return { from, to, changes, log };
  }

  setFaults(faults: {
    readonly greenhouse?: FaultSettings;
    readonly workday?: FaultSettings;
  }): void {
    if (faults.greenhouse) this.#greenhouseServer.faults.set(faults.greenhouse);
    if (faults.workday) this.#workdayServer.faults.set(faults.workday);
  }

  faultStats(): { readonly greenhouse: FaultStats; readonly workday: FaultStats } {
    return {
      greenhouse: { ...this.#greenhouseServer.faults.stats },
      workday: { ...this.#workdayServer.faults.stats },
    };
  }

  rotateGreenhouseSecret(): string {
    return this.#greenhouseServer.auth.rotateSecret();
  }

  flushWebhooks(): Promise<void> {
    return this.#webhooks.idle();
  }

  webhookDeliveries(): readonly Delivery[] {
    return this.#webhooks.deliveries;
  }

  setWebhookUrl(url: string | null): void {
    this.#webhooks.url = url;
  }

  expireTokens(): void {
    this.#greenhouseServer.auth.expireAll();
    this.#workdayServer.auth.expireAll();
  }

  async close(): Promise<void> {
    await this.#advancing;
    await this.flushWebhooks();
    await Promise.all([this.#greenhouseServer.close(), this.#workdayServer.close()]);
  }

  /** The `/_sandbox/*` routes. */
  async admin(request: Request): Promise<Reply> {
    const action = request.params.action ?? '';
    const body = parseJsonBody(request);
    switch (`${request.method} ${action}`) {
      case 'GET status':
        return json(200, {
          now: this.now().toISOString(),
          version: this.world.company.version,
          faults: this.faultStats(),
        });
      case 'GET ground-truth':
        return json(200, this.groundTruth());
      case 'POST advance': {
        const days =
          typeof body?.days === 'number' ? body.days : Number(request.query.get('days') ?? 1);
        try {
          return json(200, await this.advance(days));
        } catch (error) {
          return json(400, { message: error instanceof Error ? error.message : String(error) });
        }
      }
      case 'POST faults':
      case 'PUT faults':
        try {
          this.setFaults({
            ...(body?.greenhouse === undefined
              ? {}
              : { greenhouse: checkFaultSettings(body.greenhouse, 'greenhouse') }),
            ...(body?.workday === undefined
              ? {}
              : { workday: checkFaultSettings(body.workday, 'workday') }),
          });
        } catch (error) {
          return json(400, { message: error instanceof Error ? error.message : String(error) });
        }
        return json(200, { faults: this.faultStats() });
      case 'POST expire-tokens':
        this.expireTokens();
        return json(200, { expired: true });
      default:
        return json(404, { message: `unknown sandbox action ${request.method} ${action}` });
    }
  }
}

/** The Harvest resource each webhook action is about. */
const RESOURCE_OF_ACTION: Readonly<Record<string, ChangedResource>> = {
  new_candidate_application: 'application',
  candidate_stage_change: 'application',
  reject_candidate: 'application',
  hire_candidate: 'application',
  application_updated: 'application',
  delete_application: 'application',
  offer_created: 'offer',
  offer_updated: 'offer',
  offer_deleted: 'offer',
  update_candidate: 'candidate',
  delete_candidate: 'candidate',
  merge_candidate: 'candidate',
  job_created: 'job',
  job_updated: 'job',
  job_post_deleted: 'job_post',
  interview_deleted: 'interview',
  scorecard_deleted: 'scorecard',
};

function parseJsonBody(request: Request): Record<string, unknown> | null {
  if (request.body.length === 0) return null;
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
