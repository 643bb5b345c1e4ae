/**
 * Every dataset the dashboards and the API serve, declared as data. Metric definitions follow
 * the project's metric catalogue (SHRM turnover and time to fill, the four-fifths rule for
 * impact ratios); each `definition` is what the dashboard shows next to the number.
 */
import type { AggregateDataset, Dataset, Rollup, RollupColumn, RowsDataset } from './dataset.js';
import { orgFilters } from './dataset.js';

const org = {
  business_unit: { label: 'Business unit', column: 'business_unit' },
  department: { label: 'Department', column: 'department' },
  office: { label: 'Office', column: 'office' },
  job_family: { label: 'Job family', column: 'job_family' },
} as const;

/** Base columns a rollup keeps under the same name. */
function same(...columns: string[]): Record<string, RollupColumn> {
  return Object.fromEntries(columns.map((column) => [column, { kind: 'same', column }]));
}

/** A timestamp kept as the first day of its month: whole-month periods only. */
function month(column: string): RollupColumn {
  return { kind: 'month', column, exact: false };
}

/** Spells of consecutive months in `first_month` and `last_month`. */
function spells(exact: boolean): RollupColumn {
  return { kind: 'spell', first: 'first_month', last: 'last_month', exact };
}

const ORG = ['business_unit', 'department', 'office', 'job_family'];

const applicationsMonthly: Rollup = {
  table: 'applications_monthly',
  columns: {
    ...same('business_unit', 'department', 'source', 'eeo_gender', 'eeo_race'),
    applied_at: month('applied_month'),
  },
  measures: {
    applications: { kind: 'sum', column: 'applications' },
    applicants: { kind: 'subjects', count: 'applicants', key: 'candidate_key' },
    hires: { kind: 'sum', column: 'hires' },
    offers_extended: { kind: 'sum', column: 'offers_extended' },
    offers_accepted: { kind: 'sum', column: 'offers_accepted' },
    time_to_hire_days: { kind: 'avg', sum: 'hire_days_sum', count: 'hire_days_n' },
  },
};

const applicationsDaily: Rollup = {
  table: 'applications_daily',
  columns: {
    ...same(...ORG, 'source', 'eeo_gender', 'eeo_race'),
    applied_at: { kind: 'date', column: 'applied_on' },
  },
  measures: {
    applications: { kind: 'sum', column: 'applications' },
    applicants: { kind: 'count_distinct', column: 'candidate_key' },
    hires: { kind: 'sum', column: 'hires' },
    offers_extended: { kind: 'sum', column: 'offers_extended' },
    offers_accepted: { kind: 'sum', column: 'offers_accepted' },
    time_to_hire_days: { kind: 'avg', sum: 'hire_days_sum', count: 'hire_days_n' },
  },
};

const applications: AggregateDataset = {
  kind: 'aggregate',
  name: 'applications',
  title: 'Applications and hires',
  definition:
    'Applications received in the period (by application date). Time to hire: mean days from ' +
    'application to offer acceptance over hires. Offer acceptance: offers accepted ÷ offers ' +
    'extended. Source yield: hires ÷ applications from each source.',
  table: 'applications',
  dimensions: {
    ...org,
    source: { label: 'Source', column: 'source' },
    month: { label: 'Month', column: 'applied_at', grain: 'month' },
    gender: { label: 'Gender (self-reported)', column: 'eeo_gender' },
    race: { label: 'Race/ethnicity (self-reported)', column: 'eeo_race' },
  },
  measures: {
    applications: { kind: 'count_distinct', label: 'Applications', column: 'application_id' },
    applicants: { kind: 'count_distinct', label: 'Applicants', column: 'candidate_id' },
    hires: { kind: 'count', label: 'Hires', where: { kind: 'flag', column: 'is_hired' } },
    offers_extended: {
      kind: 'count',
      label: 'Offers extended',
      where: { kind: 'flag', column: 'offer_extended' },
    },
    offers_accepted: {
      kind: 'count',
      label: 'Offers accepted',
      where: { kind: 'flag', column: 'offer_accepted' },
    },
    time_to_hire_days: {
      kind: 'avg',
      label: 'Time to hire (days)',
      column: 'days_to_hire',
      where: { kind: 'flag', column: 'is_hired' },
    },
  },
  ratios: {
    offer_acceptance_pct: {
      kind: 'ratio',
      label: 'Offer acceptance %',
      numerator: 'offers_accepted',
      denominator: 'offers_extended',
      scale: 100,
    },
    source_yield_pct: {
      kind: 'ratio',
      label: 'Yield % (hires ÷ applications)',
      numerator: 'hires',
      denominator: 'applications',
      scale: 100,
    },
  },
  subjects: 'applicants',
  filters: orgFilters('applied_at'),
  pii: { eeo_gender: 'eeo', eeo_race: 'eeo' },
  rollups: [applicationsMonthly, applicationsDaily],
};

const selectionRates: AggregateDataset = {
  ...applications,
  name: 'selection_rates',
  title: 'Selection rates and impact ratios',
  definition:
    'Selection rate: hires ÷ applicants in each group. Impact ratio: a group’s rate ÷ the ' +
    'highest shown rate; below 0.80 is flagged under the four-fifths rule (29 CFR 1607.4(D)). ' +
    'Groups under the minimum size are hidden and excluded from the comparison.',
  ratios: {
    selection_rate_pct: {
      kind: 'ratio',
      label: 'Selection rate %',
      numerator: 'hires',
      denominator: 'applicants',
      scale: 100,
    },
  },
  post: { kind: 'impact_ratio', rate: 'selection_rate_pct', threshold: 0.8 },
};

const funnel: AggregateDataset = {
  kind: 'aggregate',
  name: 'funnel',
  title: 'Hiring funnel',
  definition:
    'Applications that reached each stage (from stage history, not the current stage). ' +
    'Conversion: applications reaching the next stage ÷ applications reaching this one. ' +
    'Velocity: mean days spent in the stage.',
  table: 'application_stages',
  dimensions: {
    ...org,
    stage: { label: 'Stage', column: 'stage_name', orderBy: 'stage_order' },
  },
  measures: {
    applications: { kind: 'count_distinct', label: 'Applications', column: 'application_id' },
    days_in_stage: { kind: 'avg', label: 'Days in stage (mean)', column: 'days_in_stage' },
  },
  subjects: 'applications',
  filters: orgFilters('entered_at'),
  rollups: [
    {
      table: 'application_stages_monthly',
      columns: { ...same(...ORG, 'stage_name', 'stage_order'), entered_at: month('entered_month') },
      measures: {
        applications: {
          kind: 'subjects',
          count: 'stage_applications',
          key: 'application_key',
          within: ['stage_name'],
        },
        days_in_stage: { kind: 'avg', sum: 'days_in_stage_sum', count: 'days_in_stage_n' },
      },
    },
    {
      table: 'application_stages_spells',
      columns: { ...same(...ORG), entered_at: spells(false) },
      measures: {
        applications: { kind: 'subjects', count: 'spell_applications', key: 'application_key' },
        days_in_stage: { kind: 'avg', sum: 'days_in_stage_sum', count: 'days_in_stage_n' },
      },
    },
    {
      table: 'application_stages_daily',
      columns: {
        ...same(...ORG, 'stage_name', 'stage_order'),
        entered_at: { kind: 'date', column: 'entered_on' },
      },
      measures: {
        applications: { kind: 'count_distinct', column: 'application_key' },
        days_in_stage: { kind: 'avg', sum: 'days_in_stage_sum', count: 'days_in_stage_n' },
      },
    },
  ],
};

const requisitions: AggregateDataset = {
  kind: 'aggregate',
  name: 'requisitions',
  title: 'Requisitions',
  definition:
    'Time to fill (SHRM): mean calendar days from requisition opened to offer accepted, over ' +
    'requisitions filled in the period. Open requisitions: status open today.',
  table: 'requisitions',
  dimensions: { ...org, month: { label: 'Month opened', column: 'opened_at', grain: 'month' } },
  measures: {
    requisitions: { kind: 'count', label: 'Requisitions' },
    open: {
      kind: 'count',
      label: 'Open requisitions',
      where: { kind: 'in', column: 'status', values: ['open'] },
    },
    filled: {
      kind: 'count',
      label: 'Filled',
      where: { kind: 'in', column: 'status', values: ['filled'] },
    },
    time_to_fill_days: { kind: 'avg', label: 'Time to fill (days)', column: 'days_to_fill' },
  },
  subjects: 'requisitions',
  filters: orgFilters('opened_at'),
  rollups: [
    {
      table: 'requisitions_monthly',
      columns: { ...same(...ORG), opened_at: month('opened_month') },
      measures: {
        requisitions: { kind: 'sum', column: 'requisitions' },
        open: { kind: 'sum', column: 'open_requisitions' },
        filled: { kind: 'sum', column: 'filled' },
        time_to_fill_days: { kind: 'avg', sum: 'days_to_fill_sum', count: 'days_to_fill_n' },
      },
    },
  ],
};

const openRequisitions: RowsDataset = {
  kind: 'rows',
  name: 'open_requisitions',
  title: 'Open requisitions',
  definition: 'Requisitions with status open, newest first.',
  table: 'requisitions',
  key: 'requisition_id',
  columns: {
    requisition_id: { label: 'Requisition', column: 'requisition_id' },
    title: { label: 'Title', column: 'title' },
    business_unit: { label: 'Business unit', column: 'business_unit' },
    department: { label: 'Department', column: 'department' },
    office: { label: 'Office', column: 'office' },
    opened_at: { label: 'Opened', column: 'opened_at' },
    status: { label: 'Status', column: 'status' },
  },
  filters: {
    ...orgFilters('opened_at'),
    status: { kind: 'values', label: 'Status', column: 'status' },
  },
  orderBy: 'opened_at',
};

const WORKER_MONTH_COLUMNS = same(
  ...ORG,
  'month',
  'tenure_band',
  'separation_reason',
  'is_separation',
);

const workforce: AggregateDataset = {
  kind: 'aggregate',
  name: 'workforce',
  title: 'Headcount, hires and separations',
  definition:
    'Headcount: distinct workers employed in the month. Turnover (SHRM): separations ÷ average ' +
    'monthly headcount × 100 over the period. Hires and separations count events in the month.',
  table: 'worker_months',
  dimensions: {
    ...org,
    month: { label: 'Month', column: 'month', grain: 'month' },
    tenure_band: { label: 'Tenure band', column: 'tenure_band' },
  },
  measures: {
    headcount: { kind: 'count_distinct', label: 'Headcount', column: 'worker_id' },
    worker_months: { kind: 'count', label: 'Worker-months' },
    months: { kind: 'count_distinct', label: 'Months', column: 'month' },
    hires: { kind: 'count', label: 'Hires', where: { kind: 'flag', column: 'is_hire' } },
    separations: {
      kind: 'count',
      label: 'Separations',
      where: { kind: 'flag', column: 'is_separation' },
    },
  },
  ratios: {
    average_headcount: {
      kind: 'ratio',
      label: 'Average headcount',
      numerator: 'worker_months',
      denominator: 'months',
      scale: 1,
    },
    turnover_pct: {
      kind: 'ratio',
      label: 'Turnover %',
      numerator: 'separations',
      denominator: 'average_headcount',
      scale: 100,
    },
  },
  subjects: 'headcount',
  filters: orgFilters('month'),
  rollups: [
    {
      table: 'worker_months_monthly',
      columns: {
        ...same(...ORG, 'tenure_band'),
        month: { kind: 'month', column: 'month', exact: true },
      },
      measures: {
        headcount: { kind: 'sum', column: 'workers', within: ['month'] },
        worker_months: { kind: 'sum', column: 'workers' },
        months: { kind: 'count_distinct', column: 'month' },
        hires: { kind: 'sum', column: 'hires' },
        separations: { kind: 'sum', column: 'separations' },
      },
    },
    {
      table: 'worker_months_spells',
      columns: { ...same(...ORG), month: spells(true) },
      measures: {
        headcount: { kind: 'subjects', count: 'spell_workers', key: 'worker_key' },
        worker_months: { kind: 'sum', column: 'worker_months' },
        months: { kind: 'count_distinct', column: 'month' },
        hires: { kind: 'sum', column: 'hires' },
        separations: { kind: 'sum', column: 'separations' },
      },
    },
    {
      table: 'worker_months_narrow',
      columns: WORKER_MONTH_COLUMNS,
      measures: {
        headcount: { kind: 'count_distinct', column: 'worker_key' },
        worker_months: { kind: 'sum', column: 'worker_months' },
        months: { kind: 'count_distinct', column: 'month' },
        hires: { kind: 'sum', column: 'hires' },
        separations: { kind: 'sum', column: 'separations' },
      },
    },
  ],
};

const separations: AggregateDataset = {
  kind: 'aggregate',
  name: 'separations',
  title: 'Separations',
  definition:
    'Workers who left in the period, by the reason recorded and their tenure band at exit; ' +
    'voluntary and involuntary as the HRIS categorises them.',
  table: 'worker_months',
  scope: { kind: 'flag', column: 'is_separation' },
  dimensions: {
    ...org,
    reason: { label: 'Reason', column: 'separation_reason' },
    tenure_band: { label: 'Tenure band', column: 'tenure_band' },
    month: { label: 'Month', column: 'month', grain: 'month' },
  },
  measures: {
    separations: { kind: 'count_distinct', label: 'Separations', column: 'worker_id' },
    voluntary: {
      kind: 'count',
      label: 'Voluntary',
      where: { kind: 'flag', column: 'is_voluntary' },
    },
  },
  subjects: 'separations',
  filters: orgFilters('month'),
  rollups: [
    {
      table: 'separations_monthly',
      columns: same(...ORG, 'month', 'tenure_band', 'separation_reason', 'is_separation'),
      measures: {
        separations: { kind: 'subjects', count: 'separated_workers', key: 'worker_key' },
        voluntary: { kind: 'sum', column: 'voluntary' },
      },
    },
  ],
};

const cohorts: AggregateDataset = {
  kind: 'aggregate',
  name: 'hire_cohorts',
  title: 'First-year turnover by hire cohort',
  definition:
    'Employees hired in each cohort (year of hire) who left within 365 days ÷ employees hired in ' +
    'the cohort × 100. Contingent workers are not counted.',
  table: 'workers',
  scope: { kind: 'in', column: 'worker_type', values: ['employee'] },
  dimensions: { ...org, cohort: { label: 'Hire cohort', column: 'hire_cohort' } },
  measures: {
    hires: { kind: 'count_distinct', label: 'Hires', column: 'worker_id' },
    first_year_leavers: {
      kind: 'count',
      label: 'Left within a year',
      where: { kind: 'flag', column: 'separated_within_first_year' },
    },
  },
  ratios: {
    first_year_turnover_pct: {
      kind: 'ratio',
      label: 'First-year turnover %',
      numerator: 'first_year_leavers',
      denominator: 'hires',
      scale: 100,
    },
  },
  subjects: 'hires',
  filters: orgFilters('hired_on'),
};

const representation: AggregateDataset = {
  kind: 'aggregate',
  name: 'representation',
  title: 'Representation',
  definition:
    'Active workers in each group ÷ active workers with a known value × 100, by level and ' +
    'organisation (ISO 30414 diversity). Self-reported; groups under the minimum size are hidden.',
  table: 'workers',
  scope: { kind: 'flag', column: 'is_active' },
  dimensions: {
    ...org,
    level: { label: 'Level', column: 'level' },
    gender: { label: 'Gender', column: 'gender' },
    ethnicity: { label: 'Ethnicity', column: 'ethnicity' },
  },
  measures: {
    workers: { kind: 'count_distinct', label: 'Active workers', column: 'worker_id' },
  },
  subjects: 'workers',
  filters: orgFilters('hired_on'),
  pii: { gender: 'eeo', ethnicity: 'eeo' },
};

const roster: RowsDataset = {
  kind: 'rows',
  name: 'roster',
  title: 'Worker roster',
  definition: 'Workers with their organisation; personal fields follow the column masks.',
  table: 'workers',
  key: 'worker_id',
  columns: {
    worker_id: { label: 'Worker', column: 'worker_id' },
    full_name: { label: 'Name', column: 'full_name' },
    email: { label: 'Email', column: 'email' },
    ssn: { label: 'SSN', column: 'ssn' },
    date_of_birth: { label: 'Date of birth', column: 'date_of_birth' },
    home_address: { label: 'Home address', column: 'home_address' },
    business_unit: { label: 'Business unit', column: 'business_unit' },
    department: { label: 'Department', column: 'department' },
    level: { label: 'Level', column: 'level' },
    gender: { label: 'Gender', column: 'gender' },
    hired_on: { label: 'Hired', column: 'hired_on' },
  },
  filters: orgFilters('hired_on'),
  orderBy: 'hired_on',
  pii: {
    full_name: 'name',
    email: 'email',
    ssn: 'ssn',
    date_of_birth: 'dob',
    home_address: 'home_address',
    gender: 'eeo',
    ethnicity: 'eeo',
  },
};

const findings: AggregateDataset = {
  kind: 'aggregate',
  name: 'dq_summary',
  title: 'Data quality findings',
  definition: 'Findings of the anomaly detectors in the period, by detector and severity.',
  table: 'dq_findings',
  dimensions: {
    ...org,
    detector: { label: 'Detector', column: 'detector' },
    severity: { label: 'Severity', column: 'severity' },
  },
  measures: {
    findings: { kind: 'count', label: 'Findings' },
    entities: { kind: 'count_distinct', label: 'Records affected', column: 'entity_id' },
  },
  subjects: 'entities',
  filters: { ...orgFilters('detected_at'), detector: detectorFilter() },
};

const findingRows: RowsDataset = {
  kind: 'rows',
  name: 'dq_findings',
  title: 'Findings',
  definition: 'Each finding with the evidence the detector recorded.',
  table: 'dq_findings',
  key: 'finding_id',
  columns: {
    finding_id: { label: 'Finding', column: 'finding_id' },
    detector: { label: 'Detector', column: 'detector' },
    severity: { label: 'Severity', column: 'severity' },
    entity: { label: 'Entity', column: 'entity' },
    entity_id: { label: 'Record', column: 'entity_id' },
    business_unit: { label: 'Business unit', column: 'business_unit' },
    detected_at: { label: 'Detected', column: 'detected_at' },
    summary: { label: 'Summary', column: 'summary' },
    evidence: { label: 'Evidence', column: 'evidence' },
  },
  filters: { ...orgFilters('detected_at'), detector: detectorFilter() },
  orderBy: 'detected_at',
  pii: { evidence: 'other' },
};

const apiCalls: AggregateDataset = {
  kind: 'aggregate',
  name: 'api_calls',
  title: 'API calls',
  definition:
    'Every HTTP call the connectors made: latency from request to full body, retries, 429 ' +
    'answers, and the lowest rate-limit budget the API reported (headroom).',
  table: 'api_calls',
  dimensions: {
    source: { label: 'Source', column: 'source_system' },
    endpoint: { label: 'Endpoint', column: 'endpoint' },
    day: { label: 'Day', column: 'called_at', grain: 'month' },
  },
  measures: {
    calls: { kind: 'count', label: 'Calls' },
    median_latency_ms: { kind: 'median', label: 'Median latency (ms)', column: 'latency_ms' },
    mean_latency_ms: { kind: 'avg', label: 'Mean latency (ms)', column: 'latency_ms' },
    retries: { kind: 'sum', label: 'Retries', column: 'retry_count' },
    throttled: {
      kind: 'count',
      label: '429 answers',
      where: { kind: 'in', column: 'http_status', values: [429] },
    },
    headroom: {
      kind: 'min',
      label: 'Lowest rate-limit remaining',
      column: 'rate_limit_remaining',
    },
  },
  subjects: 'calls',
  filters: { period: { kind: 'period', label: 'Period', column: 'called_at' } },
};

const nodeTimings: AggregateDataset = {
  kind: 'aggregate',
  name: 'node_results',
  title: 'Model runs and tests',
  definition:
    'Results of every node in recorded runs: mean execution time per node, and test outcomes.',
  table: 'node_results',
  dimensions: {
    node: { label: 'Node', column: 'unique_id' },
    resource_type: { label: 'Type', column: 'resource_type' },
    status: { label: 'Status', column: 'status' },
  },
  measures: {
    results: { kind: 'count', label: 'Results' },
    mean_seconds: { kind: 'avg', label: 'Mean seconds', column: 'execution_time' },
    failures: { kind: 'sum', label: 'Failing rows', column: 'failures' },
  },
  subjects: 'results',
  filters: {
    period: { kind: 'period', label: 'Period', column: 'started_at' },
    resource_type: { kind: 'values', label: 'Type', column: 'resource_type' },
  },
};

const runs: RowsDataset = {
  kind: 'rows',
  name: 'runs',
  title: 'Runs',
  definition: 'Engine runs recorded in hrflow.runs, newest first.',
  table: 'runs',
  key: 'run_id',
  columns: {
    run_id: { label: 'Run', column: 'run_id' },
    command: { label: 'Command', column: 'command' },
    status: { label: 'Status', column: 'status' },
    started_at: { label: 'Started', column: 'started_at' },
    completed_at: { label: 'Completed', column: 'completed_at' },
    nodes: { label: 'Nodes', column: 'nodes' },
    failed: { label: 'Failed', column: 'failed' },
  },
  filters: { period: { kind: 'period', label: 'Period', column: 'started_at' } },
  orderBy: 'started_at',
};

const jobs: RowsDataset = {
  kind: 'rows',
  name: 'jobs',
  title: 'Syncs and builds',
  definition: 'Jobs run by the server (scheduled, webhook-triggered or handed over by the CLI).',
  table: 'jobs',
  key: 'job_id',
  columns: {
    job_id: { label: 'Job', column: 'job_id' },
    kind: { label: 'Kind', column: 'kind' },
    trigger: { label: 'Trigger', column: 'trigger' },
    status: { label: 'Status', column: 'status' },
    queued_at: { label: 'Queued', column: 'queued_at' },
    finished_at: { label: 'Finished', column: 'finished_at' },
    failures: { label: 'Failures', column: 'failures' },
  },
  filters: { period: { kind: 'period', label: 'Period', column: 'queued_at' } },
  orderBy: 'queued_at',
};

const freshness: AggregateDataset = {
  kind: 'aggregate',
  name: 'freshness',
  title: 'Source freshness',
  definition: 'When each source stream last advanced its cursor.',
  table: 'source_state',
  dimensions: {
    source: { label: 'Source', column: 'source_system' },
    stream: { label: 'Stream', column: 'stream' },
  },
  measures: {
    streams: { kind: 'count', label: 'Streams' },
    last_update: { kind: 'max', label: 'Last updated', column: 'updated_at' },
  },
  subjects: 'streams',
  filters: {},
};

export const DATASETS: readonly Dataset[] = [
  applications,
  selectionRates,
  funnel,
  requisitions,
  openRequisitions,
  workforce,
  separations,
  cohorts,
  representation,
  roster,
  findings,
  findingRows,
  apiCalls,
  nodeTimings,
  runs,
  jobs,
  freshness,
];

function detectorFilter() {
  return { kind: 'values', label: 'Detector', column: 'detector' } as const;
}
