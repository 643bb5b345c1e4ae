-- Selection cells per application cohort (calendar quarter and year of the application date),
-- EEO attribute, breakdown and group: applicant and hire counts after small-group suppression,
-- with the unsuppressed counts they came from (selection_impact_ratio adds rates and labels).
-- The unsuppressed counts are cheap to work out for every cohort; suppression is not, so an
-- incremental run suppresses only the cohorts whose counts changed (macro gold_changed_months)
-- and replaces them whole. The post-hook deletes cohorts left without applications.
{{ config(
    materialized='incremental',
    unique_key=['period_grain', 'period_start'],
    incremental_strategy='delete+insert',
    on_schema_change='fail',
    post_hook="delete from {{ this }} as t where not exists (
      select 1 from {{ ref('int_gold_applications') }} as a
      where a.applied_date <= {{ gold_as_of_date() }}
        and cast(date_trunc(t.period_grain, a.applied_date) as date) = t.period_start)"
) }}
with apps as (
  select
    a.*,
    cast(date_trunc('quarter', a.applied_date) as date) as quarter_start,
    cast(date_trunc('year', a.applied_date) as date) as year_start
  from {{ ref('int_gold_applications') }} as a
  where a.applied_date <= {{ gold_as_of_date() }}
),
periods as (
  select *, 'quarter' as period_grain, quarter_start as period_start from apps
  union all
  select *, 'year' as period_grain, year_start as period_start from apps
),
exploded as (
  {{ gold_explode_dimensions('periods', [
       ['department', 'department_id', 'department_name'],
       ['job_family', 'job_family', 'job_family']
     ]) }}
),
by_attribute as (
  {%- for attribute in ['gender', 'race'] %}
  select period_grain, period_start, dimension_type, dimension_id, dimension_value,
    {{ literal(attribute) }} as attribute, eeo_{{ attribute }} as group_value, is_hired
  from exploded
  {%- if not loop.last %}
  union all
  {%- endif %}
  {%- endfor %}
),
counts as (
  select
    period_grain, period_start, attribute, dimension_type, dimension_id, group_value,
    count(*) as applicants_counted,
    count(*) filter (where is_hired) as hires_counted
  from by_attribute
  group by all
),
rebuilt_cohorts as (
  {%- if is_incremental() %}
  {{ gold_changed_months('counts',
       ['period_grain', 'period_start', 'attribute', 'dimension_type', 'dimension_id',
        'group_value', 'applicants_counted', 'hires_counted'],
       stored_where='applicants_counted > 0', keys=['period_grain', 'period_start']) }}
  {%- else %}
  select distinct period_grain, period_start from counts
  {%- endif %}
),
rebuilt as (
  select c.*, c.applicants_counted as applicants, c.hires_counted as hires
  from counts as c
  semi join rebuilt_cohorts as r
    on r.period_grain = c.period_grain and r.period_start = c.period_start
),
applicants as (
  {{ suppress_small_groups('rebuilt', 'applicants',
       partition_by=['period_grain', 'period_start', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
),
hire_counts as (
  select * from rebuilt where hires > 0
),
hires as (
  {{ suppress_small_groups('hire_counts', 'hires',
       partition_by=['period_grain', 'period_start', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
)
select
  a.period_grain,
  a.period_start,
  a.attribute,
  a.dimension_type,
  a.dimension_id,
  a.group_value,
  coalesce(r.applicants_counted, 0) as applicants_counted,
  coalesce(r.hires_counted, 0) as hires_counted,
  a.applicants,
  a.is_suppressed as applicants_suppressed,
  a.row_total as total_applicants,
  -- a row without hires has no row in the hire table: its hires are a shown zero
  case when h.period_start is null then 0 else h.hires end as hires,
  coalesce(h.is_suppressed, false) as hires_suppressed,
  coalesce(h.row_total, 0) as total_hires
from applicants as a
left join hires as h
  on h.period_grain = a.period_grain
 and h.period_start = a.period_start
 and h.attribute = a.attribute
 and h.dimension_type = a.dimension_type
 and h.dimension_id = a.dimension_id
 and h.group_value = a.group_value
left join rebuilt as r
  on r.period_grain = a.period_grain
 and r.period_start = a.period_start
 and r.attribute = a.attribute
 and r.dimension_type = a.dimension_type
 and r.dimension_id = a.dimension_id
 and r.group_value = a.group_value
