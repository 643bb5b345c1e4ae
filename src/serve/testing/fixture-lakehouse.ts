/**
 * A small People Analytics project for serve's tests, benchmarks and screenshots: seeds with
 * workers, applications, stages, requisitions and detector findings, and gold models on top
 * named as the dataset layer expects, with PII-tagged columns. Deterministic for a seed; the
 * serve block declares an admin, two HR business partners and a Greenhouse webhook.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../auth/password.js';
import { tempProject } from '../../testing/temp-project.js';
import type { TempProject } from '../../testing/temp-project.js';

export const PASSWORDS = { ada: 'ada-admin-pass', hana: 'hana-hrbp-pass', nobu: 'nobu-hrbp-pass' };
export const WEBHOOK_SECRET = 'gh-webhook-secret-0123';
export const FAST_SCRYPT = { N: 1024, r: 8, p: 1 } as const;

export interface FixtureOptions {
  readonly workers?: number;
  readonly applications?: number;
  readonly seed?: number;
  /** Extra YAML appended inside the serve block (indented two spaces). */
  readonly serveExtra?: string;
  /** Inline JWKS for the OIDC block. */
  readonly jwks?: { keys: object[] };
  /** Build the reference project's serve rollups too, so reads take their paths (default). */
  readonly rollups?: boolean;
}

const UNITS = {
  Sales: ['Field Sales', 'Sales Ops'],
  Engineering: ['Platform', 'Data'],
  Support: ['Customer Care'],
} as const;
const OFFICES = ['Berlin', 'Austin', 'Remote'];
const LEVELS = ['L1', 'L2', 'L3', 'L4'];
const REASONS = ['Better offer', 'Relocation', 'Performance', 'Layoff'];
const SOURCES = ['Referral', 'LinkedIn', 'Careers site', 'Agency'];
const STAGES = ['Applied', 'Screen', 'Interview', 'Offer', 'Hired'];

/** Writes the project; call `buildFixture` (or `hrflow build`) to create the gold tables. */
export async function fixtureProject(options: FixtureOptions = {}): Promise<TempProject> {
  const files = fixtureFiles(options);
  const hashes = {
    ada: await hashPassword(PASSWORDS.ada, FAST_SCRYPT),
    hana: await hashPassword(PASSWORDS.hana, FAST_SCRYPT),
    nobu: await hashPassword(PASSWORDS.nobu, FAST_SCRYPT),
  };
  files['hrflow.config.yaml'] = config(hashes, options);
  return tempProject(files);
}

/** The seed CSVs and models, without the config. */
export function fixtureFiles(options: FixtureOptions = {}): Record<string, string> {
  const random = mulberry32(options.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const workers = options.workers ?? 240;
  const apps = options.applications ?? 600;

  const workerRows = [
    'worker_id,full_name,email,ssn,date_of_birth,home_address,business_unit,department,office,job_family,level,gender,ethnicity,hired_on,terminated_on,separation_reason,is_voluntary',
  ];
  for (let i = 1; i <= workers; i++) {
    const unit = pick(Object.keys(UNITS)) as keyof typeof UNITS;
    const hired = day(Date.UTC(2022, 0, 1) + Math.floor(random() * 1200) * 86_400_000);
    const leaves = random() < 0.25;
    const left = leaves
      ? day(
          Math.min(
            Date.parse(hired) + (30 + Math.floor(random() * 700)) * 86_400_000,
            Date.UTC(2025, 11, 15),
          ),
        )
      : '';
    const g = random();
    workerRows.push(
      [
        `W${String(i).padStart(5, '0')}`,
        `Person ${i}`,
        `person${i}@example.com`,
        `${100 + (i % 800)}-${10 + (i % 89)}-${1000 + i}`,
        day(Date.UTC(1960 + (i % 40), i % 12, 1 + (i % 27))),
        `"${i} Main Street, Springfield"`,
        unit,
        pick(UNITS[unit]),
        pick(OFFICES),
        unit === 'Engineering' ? 'Engineering' : unit === 'Sales' ? 'Sales' : 'Support',
        pick(LEVELS),
        g < 0.48 ? 'Woman' : g < 0.97 ? 'Man' : 'Non-binary',
        pick(['Asian', 'Black', 'Hispanic', 'White', 'Two or more']),
        hired,
        left,
        leaves ? pick(REASONS) : '',
        leaves ? String(random() < 0.7) : '',
      ].join(','),
    );
  }

  const reqRows = [
    'requisition_id,title,business_unit,department,office,job_family,opened_at,filled_at,status',
  ];
  const reqs = Math.max(10, Math.floor(apps / 20));
  const reqInfo: { id: string; unit: string; dept: string; office: string; family: string }[] = [];
  for (let i = 1; i <= reqs; i++) {
    const unit = pick(Object.keys(UNITS)) as keyof typeof UNITS;
    const opened = Date.UTC(2025, 0, 1) + Math.floor(random() * 300) * 86_400_000;
    const status = random() < 0.35 ? 'open' : random() < 0.9 ? 'filled' : 'closed';
    const filled =
      status === 'filled' ? day(opened + (10 + Math.floor(random() * 80)) * 86_400_000) : '';
    const info = {
      id: `R${String(i).padStart(4, '0')}`,
      unit,
      dept: pick(UNITS[unit]),
      office: pick(OFFICES),
      family: unit === 'Engineering' ? 'Engineering' : unit === 'Sales' ? 'Sales' : 'Support',
    };
    reqInfo.push(info);
    reqRows.push(
      [
        info.id,
        `Role ${i}`,
        unit,
        info.dept,
        info.office,
        info.family,
        day(opened),
        filled,
        status,
      ].join(','),
    );
  }

  const appRows = [
    'application_id,candidate_id,requisition_id,business_unit,department,office,job_family,source,applied_at,stage_reached,offer_extended,offer_accepted,is_hired,days_to_hire,eeo_gender,eeo_race',
  ];
  const stageRows = [
    'application_id,stage_name,stage_order,entered_at,days_in_stage,business_unit,department,office,job_family',
  ];
  for (let i = 1; i <= apps; i++) {
    const req = pick(reqInfo);
    const applied = Date.UTC(2025, 0, 1) + Math.floor(random() * 330) * 86_400_000;
    let reached = 0;
    while (reached < STAGES.length - 1 && random() < 0.45) reached++;
    const offer = reached >= 3;
    const accepted = offer && reached === 4;
    const g = random();
    appRows.push(
      [
        `A${String(i).padStart(6, '0')}`,
        `C${String((i % Math.floor(apps * 0.9)) + 1).padStart(6, '0')}`,
        req.id,
        req.unit,
        req.dept,
        req.office,
        req.family,
        pick(SOURCES),
        day(applied),
        STAGES[reached],
        String(offer),
        String(accepted),
        String(accepted),
        accepted ? String(15 + Math.floor(random() * 60)) : '',
        g < 0.45 ? 'Female' : g < 0.93 ? 'Male' : 'Decline to self identify',
        pick(['Asian', 'Black', 'Hispanic', 'White']),
      ].join(','),
    );
    for (let s = 0; s <= reached; s++) {
      stageRows.push(
        [
          `A${String(i).padStart(6, '0')}`,
          STAGES[s],
          s + 1,
          day(applied + s * 7 * 86_400_000),
          2 + Math.floor(random() * 12),
          req.unit,
          req.dept,
          req.office,
          req.family,
        ].join(','),
      );
    }
  }

  const findingRows = [
    'finding_id,detector,severity,entity,entity_id,business_unit,department,office,job_family,detected_at,summary,evidence',
  ];
  for (let i = 1; i <= 40; i++) {
    const unit = pick(Object.keys(UNITS)) as keyof typeof UNITS;
    const detector = pick([
      'future_hire_date',
      'duplicate_identity',
      'salary_outlier',
      'stale_requisition',
    ]);
    findingRows.push(
      [
        `F${String(i).padStart(4, '0')}`,
        detector,
        pick(['warn', 'error']),
        'worker',
        `W${String(1 + Math.floor(random() * workers)).padStart(5, '0')}`,
        unit,
        pick(UNITS[unit]),
        pick(OFFICES),
        'Any',
        day(Date.UTC(2025, 10, 1) + i * 86_400_000),
        `"${detector.replace(/_/g, ' ')} on a worker record"`,
        `"{""field"": ""hired_on"", ""seen"": ""2031-01-0${1 + (i % 8)}""}"`,
      ].join(','),
    );
  }

  return {
    'seeds/workers.csv': `${workerRows.join('\n')}\n`,
    'seeds/applications.csv': `${appRows.join('\n')}\n`,
    'seeds/application_stages.csv': `${stageRows.join('\n')}\n`,
    'seeds/requisitions.csv': `${reqRows.join('\n')}\n`,
    'seeds/findings.csv': `${findingRows.join('\n')}\n`,
    'models/gold/dim_workers.sql': DIM_WORKERS,
    'models/gold/fct_worker_months.sql': WORKER_MONTHS,
    'models/gold/fct_applications.sql': `select * from {{ ref('applications') }}\n`,
    'models/gold/fct_application_stages.sql': `select * from {{ ref('application_stages') }}\n`,
    'models/gold/fct_requisitions.sql': REQUISITIONS,
    'models/gold/dq_findings.sql': `select * from {{ ref('findings') }}\n`,
    'models/gold/schema.yml': PROPERTIES,
    ...(options.rollups === false ? {} : referenceRollupFiles()),
  };
}

/**
 * The reference project's serve rollups (`models/gold/marts/agg_*.sql`, as `models/gold/<name>`)
 * and the gold helper macros they call: a project whose gold marts have the reference names
 * builds them as they are.
 */
export function referenceRollupFiles(): Record<string, string> {
  const root = join(import.meta.dirname, '../../..');
  const marts = join(root, 'models/gold/marts');
  return {
    'macros/gold_helpers.sql': readFileSync(join(root, 'macros/gold/gold_helpers.sql'), 'utf8'),
    ...Object.fromEntries(
      readdirSync(marts)
        .filter((name) => name.startsWith('agg_') && name.endsWith('.sql'))
        .map((name) => [`models/gold/${name}`, readFileSync(join(marts, name), 'utf8')]),
    ),
  };
}

const DIM_WORKERS = `select
  w.*,
  'employee' as worker_type,
  cast(year(hired_on) as varchar) as hire_cohort,
  terminated_on is null as is_active,
  coalesce(terminated_on - hired_on <= 365, false) as separated_within_first_year
from {{ ref('workers') }} w
`;

const WORKER_MONTHS = `with months as (
  select cast(m as date) as month
  from generate_series(date '2025-01-01', date '2025-12-01', interval 1 month) t(m)
)
select
  m.month,
  w.worker_id,
  w.business_unit,
  w.department,
  w.office,
  w.job_family,
  w.level,
  w.gender,
  w.ethnicity,
  case
    when date_diff('day', w.hired_on, m.month) < 365 then '< 1 year'
    when date_diff('day', w.hired_on, m.month) < 3 * 365 then '1-3 years'
    else '3+ years'
  end as tenure_band,
  date_trunc('month', w.hired_on) = m.month as is_hire,
  w.terminated_on is not null and date_trunc('month', w.terminated_on) = m.month as is_separation,
  case when date_trunc('month', w.terminated_on) = m.month then w.separation_reason end
    as separation_reason,
  case when date_trunc('month', w.terminated_on) = m.month then w.is_voluntary end as is_voluntary
from months m
join {{ ref('workers') }} w
  on date_trunc('month', w.hired_on) <= m.month
 and (w.terminated_on is null or date_trunc('month', w.terminated_on) >= m.month)
`;

const REQUISITIONS = `select
  *,
  case when filled_at is not null then filled_at - opened_at end as days_to_fill
from {{ ref('requisitions') }}
`;

const PROPERTIES = `version: 2
models:
  - name: dim_workers
    columns:
      - { name: worker_id }
      - { name: full_name, pii: name }
      - { name: email, pii: email }
      - { name: ssn, pii: ssn }
      - { name: date_of_birth, pii: dob }
      - { name: home_address, pii: home_address }
      - { name: gender, pii: eeo }
      - { name: ethnicity, pii: eeo }
  - name: fct_worker_months
    columns:
      - { name: gender, pii: eeo }
      - { name: ethnicity, pii: eeo }
  - name: fct_applications
    columns:
      - { name: eeo_gender, pii: eeo }
      - { name: eeo_race, pii: eeo }
  - name: dq_findings
    columns:
      - { name: evidence, pii: other }
`;

function config(hashes: Record<keyof typeof PASSWORDS, string>, options: FixtureOptions): string {
  const jwks = options.jwks
    ? `    oidc:
      issuer: https://idp.example.test
      audience: hrflow
      jwks: ${JSON.stringify(options.jwks)}
      algorithms: [ES256]
      username_claim: email
      groups_claim: groups
      attribute_claims: { business_units: bu }
`
    : '';
  return `name: fixture
catalog: hr_prod
default_target: dev
targets:
  dev:
    adapter: duckdb
    path: target/hr_prod.duckdb
    threads: 1
vars:
  min_group_size: 5
models:
  gold:
    +schema: gold
    +materialized: table
seeds:
  +schema: silver
serve:
  port: 0
  session: { ttl: 1h, idle_timeout: 30m }
  auth:
    users:
      - name: ada
        password_hash: "${hashes.ada}"
        groups: [admin]
      - name: hana
        password_hash: "${hashes.hana}"
        groups: [hrbp]
        attributes: { business_units: [Sales] }
      - name: nobu
        password_hash: "${hashes.nobu}"
        groups: [hrbp]
${jwks}    login_rate_limit: { attempts: 5, per: 15m }
  policies:
    admin_groups: [admin]
    row_filters:
      - name: hrbp_business_units
        groups: [hrbp]
        filter: business_unit in user.attributes.business_units
        except_tables: [hrflow.jobs]
    column_masks:
      - pii: [ssn, dob, home_address, national_id, email, phone, name, other]
        except_groups: [people_analytics]
      - pii: [eeo, compensation]
        allow_aggregates: true
  webhooks:
    greenhouse: { secret_env: GH_WEBHOOK_SECRET, debounce: 0s }
${options.serveExtra ?? ''}`;
}

function day(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
