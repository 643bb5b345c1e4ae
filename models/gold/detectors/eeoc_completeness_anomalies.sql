{%- set z_limit = var('eeoc_gap_z', -4) -%}
-- Detector: missing EEO data on application cohorts. Two kinds, each with the counts a
-- reviewer needs:
-- - source_never_collects: a source (in one country) whose completeness is under a quarter of
--   the other sources' there, over at least 20 applications, with a binomial z-score (against
--   the other sources' rate) at or below var eeoc_gap_z (default -4).
-- - collection_gap: a run of consecutive application weeks of one source and country whose
--   completeness is under half the source's own rate over all weeks, when the run as a whole
--   scores z <= var eeoc_gap_z against that rate. Runs of a few sparse weeks do not reach it.
with weekly as (
  select * from {{ ref('eeoc_completeness_weekly') }}
),
by_source as (
  select source_id, country_iso2, any_value(source_name) as source_name,
    sum(applications) as applications, sum(applications_with_eeo) as with_eeo,
    min(week_start) as first_week, max(week_start) as last_week
  from weekly
  group by source_id, country_iso2
),
by_country as (
  select country_iso2, sum(applications) as applications, sum(applications_with_eeo) as with_eeo
  from weekly
  group by country_iso2
),
source_scores as (
  select
    s.*,
    {{ gold_ratio('s.with_eeo', 's.applications') }} as completeness,
    {{ gold_ratio('c.with_eeo - s.with_eeo', 'c.applications - s.applications') }} as others_completeness
  from by_source as s
  join by_country as c on c.country_iso2 = s.country_iso2
),
never_collects as (
  select
    *,
    (with_eeo - applications * others_completeness)
      / nullif(sqrt(applications * others_completeness * (1 - others_completeness)), 0) as z_score
  from source_scores
  where applications >= 20 and completeness < 0.25 * others_completeness
),
flagged_sources as (
  select * from never_collects where z_score <= {{ z_limit }}
),
weeks_scored as (
  select
    w.*,
    s.completeness as source_completeness,
    w.completeness < 0.5 * s.completeness as is_low
  from weekly as w
  join source_scores as s on s.source_id = w.source_id and s.country_iso2 = w.country_iso2
  where not exists (
    select 1 from flagged_sources as f
    where f.source_id = w.source_id and f.country_iso2 = w.country_iso2
  )
),
runs as (
  select
    *,
    row_number() over (partition by source_id, country_iso2 order by week_start)
      - row_number() over (partition by source_id, country_iso2, is_low order by week_start) as run_key
  from weeks_scored
),
gaps as (
  select
    source_id,
    country_iso2,
    any_value(source_name) as source_name,
    min(week_start) as period_start,
    cast(max(week_start) + interval 6 day as date) as period_end,
    count(*) as weeks,
    sum(applications) as applications,
    sum(applications_with_eeo) as with_eeo,
    any_value(source_completeness) as baseline_completeness
  from runs
  where is_low
  group by source_id, country_iso2, run_key
),
gap_scores as (
  select
    *,
    (with_eeo - applications * baseline_completeness)
      / nullif(sqrt(applications * baseline_completeness * (1 - baseline_completeness)), 0) as z_score
  from gaps
)
select
  'source_never_collects' as anomaly_kind,
  source_id,
  source_name,
  country_iso2,
  first_week as period_start,
  cast(last_week + interval 6 day as date) as period_end,
  applications,
  with_eeo as applications_with_eeo,
  round(completeness, 6) as completeness,
  round(others_completeness, 6) as baseline_completeness,
  'other sources in the country' as baseline,
  round(z_score, 3) as z_score
from flagged_sources
union all
select
  'collection_gap',
  source_id,
  source_name,
  country_iso2,
  period_start,
  period_end,
  applications,
  with_eeo,
  round({{ gold_ratio('with_eeo', 'applications') }}, 6),
  round(baseline_completeness, 6),
  'the source over all weeks',
  round(z_score, 3)
from gap_scores
where z_score <= {{ z_limit }}
