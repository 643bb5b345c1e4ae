-- One row per finding of the anomaly and data-quality detectors, in one shape for the
-- dashboards' data-quality pages: which detector, how severe, the record or cohort it is about
-- (entity, entity_id; finding_id also tells apart findings about one record, such as two
-- groups an interviewer rates apart), its business unit where one applies, a one-line summary and the
-- detector's row as JSON evidence. The detector tables keep the typed evidence.
with findings as (
  select
    'duplicate_identities' as detector,
    case when match_method = 'probabilistic' or match_method = 'transitive' then 'medium' else 'low' end
      as severity,
    source_entity as entity,
    left_record_key || ' = ' || right_record_key as entity_id,
    cast(null as varchar) as business_unit,
    cast(null as varchar) as department,
    cast(null as varchar) as office,
    cast(null as varchar) as job_family,
    '' as finding_key,
    'Two ' || source_entity || ' records resolved to one person (' || match_method || ')' as summary,
    json_object('person_id', person_id, 'left', left_record_key, 'right', right_record_key,
      'match_method', match_method, 'match_probability', match_probability,
      'match_weight', match_weight, 'evidence', evidence) as evidence
  from {{ ref('duplicate_identities') }}
  union all
  select
    'time_to_hire_outliers',
    case when abs(robust_z) >= 10 then 'high' else 'medium' end,
    'application',
    cast(o.application_id as varchar),
    a.business_unit_name,
    a.department_name,
    a.office_name,
    o.job_family,
    '',
    'Time to hire ' || o.days_to_hire || ' days against a median of ' || o.baseline_median_days
      || ' (' || o.baseline || ', robust z ' || o.robust_z || ')',
    json_object('days_to_hire', o.days_to_hire, 'baseline', o.baseline,
      'group_hires', o.group_hires, 'median', o.baseline_median_days,
      'mad', o.baseline_mad_days, 'robust_z', o.robust_z, 'direction', o.direction)
  from {{ ref('time_to_hire_outliers') }} as o
  left join {{ ref('int_gold_applications') }} as a on a.application_id = o.application_id
  union all
  select
    'interviewer_score_anomalies',
    'high',
    'interviewer',
    cast(interviewer_user_id as varchar),
    null, null, null, null,
    attribute || ':' || group_value,
    'Ratings for ' || attribute || ' ' || group_value || ' ' || direction || ' than for others (z '
      || z_score || ')',
    json_object('attribute', attribute, 'group', group_value,
      'interviewer_scorecards', interviewer_scorecards, 'group_scorecards', group_scorecards,
      'group_mean', group_mean_score, 'other_scorecards', other_scorecards,
      'other_mean', other_mean_score, 'stratified_difference', stratified_difference,
      'pooled_sd', pooled_sd, 'z_score', z_score)
  from {{ ref('interviewer_score_anomalies') }}
  union all
  select
    'eeoc_completeness_anomalies',
    case when anomaly_kind = 'source_never_collects' then 'high' else 'medium' end,
    'source',
    coalesce(cast(source_id as varchar), '(none)') || ':' || country_iso2 || ':'
      || strftime(period_start, '%Y-%m-%d'),
    null, null, null, null,
    anomaly_kind,
    coalesce(source_name, '(no source)') || ': ' || replace(anomaly_kind, '_', ' ') || ', '
      || applications_with_eeo || ' of ' || applications || ' applications with EEO data from '
      || strftime(period_start, '%Y-%m-%d') || ' to ' || strftime(period_end, '%Y-%m-%d'),
    json_object('kind', anomaly_kind, 'country', country_iso2, 'applications', applications,
      'with_eeo', applications_with_eeo, 'completeness', completeness,
      'baseline_completeness', baseline_completeness, 'baseline', baseline, 'z_score', z_score)
  from {{ ref('eeoc_completeness_anomalies') }}
  union all
  select
    'source_freshness_status',
    case when freshness_status = 'error' then 'high' else 'medium' end,
    'stream',
    source_system || '.' || stream,
    null, null, null, null,
    '',
    source_system || '.' || stream || ' ' || freshness_status || ': '
      || coalesce('last good call ' || round(hours_since_success, 1) || ' h ago', 'never reached'),
    json_object('last_success_at', last_success_at, 'last_error_at', last_error_at,
      'last_pulled_at', last_pulled_at, 'hours_since_success', hours_since_success,
      'warn_after_hours', warn_after_hours, 'error_after_hours', error_after_hours)
  from {{ ref('source_freshness_status') }}
  where is_stale
  union all
  select
    'stream_volume_anomalies',
    case when anomaly_kind = 'call_volume_drop' then 'medium' else 'high' end,
    'stream_run',
    source_system || '.' || stream || ':' || coalesce(run_id, '?'),
    null, null, null, null,
    '',
    source_system || '.' || stream || ': ' || replace(anomaly_kind, '_', ' ') || ' in run '
      || coalesce(run_id, '?'),
    json_object('calls_ok', calls_ok, 'calls_failed', calls_failed, 'rows_landed', rows_landed,
      'rows_deleted', rows_deleted, 'baseline_runs', baseline_runs,
      'baseline_calls_ok', baseline_calls_ok, 'records_before', records_before)
  from {{ ref('stream_volume_anomalies') }}
)
select
  md5(detector || '|' || entity || '|' || entity_id || '|' || finding_key) as finding_id,
  detector,
  severity,
  entity,
  entity_id,
  coalesce(business_unit, '(none)') as business_unit,
  coalesce(department, '(none)') as department,
  coalesce(office, '(none)') as office,
  coalesce(job_family, '(none)') as job_family,
  {{ gold_as_of_timestamp() }} as detected_at,
  summary,
  cast(evidence as varchar) as evidence
from findings
