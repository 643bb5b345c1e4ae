-- M18 selection-rate impact ratio per application cohort (calendar quarter and year of the
-- application date), self-reported EEO attribute, group and breakdown (29 CFR 1607.4(D), the
-- four-fifths rule): each group's selection rate (hires over applicants) over the highest
-- selection rate among the groups shown in the same row, flagged below 0.8. Applicant and hire
-- counts go through macro suppress_small_groups separately; a rate needs both counts shown.
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
    count(*) as applicants,
    count(*) filter (where is_hired) as hires
  from by_attribute
  group by all
),
applicants as (
  {{ suppress_small_groups('counts', 'applicants',
       partition_by=['period_grain', 'period_start', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
),
hire_counts as (
  select * from counts where hires > 0
),
hires as (
  {{ suppress_small_groups('hire_counts', 'hires',
       partition_by=['period_grain', 'period_start', 'attribute'],
       block_column='dimension_type', row_column='dimension_id', group_column='group_value',
       total_block='company', exempt_groups=['unknown'], groups=['unknown']) }}
),
joined as (
  select
    a.period_grain,
    a.period_start,
    a.attribute,
    a.dimension_type,
    a.dimension_id,
    a.group_value,
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
),
rated as (
  select
    *,
    case when not applicants_suppressed and not hires_suppressed and group_value <> 'unknown'
      then {{ gold_ratio('hires', 'applicants') }} end as selection_rate
  from joined
),
compared as (
  select
    *,
    max(selection_rate) over (
      partition by period_grain, period_start, attribute, dimension_type, dimension_id
    ) as highest_selection_rate
  from rated
),
labels as (
  select distinct dimension_type, dimension_id, dimension_value from exploded
)
select
  c.period_grain,
  c.period_start,
  c.attribute,
  c.dimension_type,
  c.dimension_id,
  coalesce(l.dimension_value, c.dimension_id) as dimension_value,
  c.group_value,
  c.applicants,
  c.hires,
  c.applicants_suppressed,
  c.hires_suppressed,
  c.total_applicants,
  c.total_hires,
  round(c.selection_rate, 6) as selection_rate,
  round(c.highest_selection_rate, 6) as highest_selection_rate,
  round({{ gold_ratio('c.selection_rate', 'c.highest_selection_rate') }}, 6) as impact_ratio,
  {{ gold_ratio('c.selection_rate', 'c.highest_selection_rate') }} < 0.8 as is_below_four_fifths
from compared as c
left join (
  select dimension_type, dimension_id, any_value(dimension_value) as dimension_value
  from labels group by all
) as l on l.dimension_type = c.dimension_type and l.dimension_id = c.dimension_id
