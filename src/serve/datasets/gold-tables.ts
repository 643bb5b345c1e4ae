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
  /** One row per anomaly-detector finding, with its evidence. */
  dq_findings: 'gold.dq_findings',
  api_calls: 'bronze._api_calls',
  runs: 'hrflow.runs',
  node_results: 'hrflow.node_results',
  jobs: 'hrflow.jobs',
  source_state: 'hrflow.source_state',
} as const satisfies TableMap;

export type LogicalTable = keyof typeof DEFAULT_TABLES;

/** The defaults with the project's overrides applied. */
export function resolveTables(overrides: TableMap): TableMap {
  return { ...DEFAULT_TABLES, ...overrides };
}
