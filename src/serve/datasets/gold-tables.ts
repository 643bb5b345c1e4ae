/**
 * The tables the dashboards read, by logical name, with the relation each points at until
 * `serve.datasets.tables` says otherwise. The gold names are the dataset layer's expectation of
 * the gold models; the columns each dataset reads are listed in `catalog.ts`.
 */
import type { TableMap } from './dataset.js';

export const DEFAULT_TABLES = {
  /** One row per application: org, source, dates, hire and offer flags, EEO answers. */
  applications: 'gold.fct_applications',
  /** One row per application and stage reached, with the stage's order and days spent in it. */
  application_stages: 'gold.fct_application_stages',
  /** One row per requisition: org, opened/filled dates, status, days to fill. */
  requisitions: 'gold.fct_requisitions',
  /** One row per worker and month employed: org, hire and separation flags, reason, tenure band. */
  worker_months: 'gold.fct_worker_months',
  /** One row per worker: org, level, demographics, hire cohort, first-year separation flag. */
  workers: 'gold.dim_workers',
  /** `applications` pre-aggregated per candidate, day and cell (see the dataset's rollups). */
  applications_daily: 'gold.agg_applications_daily',
  /** `application_stages` pre-aggregated per application, day entered and cell. */
  application_stages_daily: 'gold.agg_application_stages_daily',
  /** `worker_months` narrowed to the cells the workforce datasets read, per worker. */
  worker_months_narrow: 'gold.agg_worker_months',
  /** `applications` per month and cell, candidates in more than one cell keyed. */
  applications_monthly: 'gold.agg_applications_monthly',
  /** `application_stages` per month entered, stage and cell. */
  application_stages_monthly: 'gold.agg_funnel_monthly',
  /** `application_stages` as spells of months with entries, per application and cell. */
  application_stages_spells: 'gold.agg_funnel_spells',
  /** `worker_months` counted per month and cell. */
  worker_months_monthly: 'gold.agg_workforce_monthly',
  /** `worker_months` as employment spells per cell, with monthly additive counts. */
  worker_months_spells: 'gold.agg_workforce_spells',
  /** The separation months of `worker_months` per cell. */
  separations_monthly: 'gold.agg_separations_monthly',
  /** `requisitions` per month opened and cell. */
  requisitions_monthly: 'gold.agg_requisitions_monthly',
  /** One row per anomaly-detector finding, with its evidence. */
  dq_findings: 'gold.dq_findings',
  api_calls: 'bronze._api_calls',
  runs: 'hrflow.runs',
  node_results: 'hrflow.node_results',
  jobs: 'hrflow.jobs',
  source_state: 'hrflow.source_state',
} as const satisfies TableMap;

export type LogicalTable = keyof typeof DEFAULT_TABLES;

/** Each rollup's base table: a rollup built from the default model no longer matches a repointed base. */
const ROLLUP_BASES: Readonly<Partial<Record<LogicalTable, LogicalTable>>> = {
  applications_daily: 'applications',
  application_stages_daily: 'application_stages',
  worker_months_narrow: 'worker_months',
  applications_monthly: 'applications',
  application_stages_monthly: 'application_stages',
  application_stages_spells: 'application_stages',
  worker_months_monthly: 'worker_months',
  worker_months_spells: 'worker_months',
  separations_monthly: 'worker_months',
  requisitions_monthly: 'requisitions',
};

/**
 * The defaults with the project's overrides applied. A default rollup whose base table is
 * repointed is dropped (its base is read instead) unless the rollup is repointed too.
 */
export function resolveTables(overrides: TableMap): TableMap {
  const tables: Record<string, string> = { ...DEFAULT_TABLES, ...overrides };
  for (const [rollup, base] of Object.entries(ROLLUP_BASES)) {
    if (base && Object.hasOwn(overrides, base) && !Object.hasOwn(overrides, rollup)) {
      delete tables[rollup];
    }
  }
  return tables;
}
