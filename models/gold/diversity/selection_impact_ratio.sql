-- M18 selection-rate impact ratio per application cohort (calendar quarter and year of the
-- application date), self-reported EEO attribute, group and breakdown (29 CFR 1607.4(D), the
-- four-fifths rule): each group's selection rate (hires over applicants) over the highest
-- selection rate among the groups shown in the same row, flagged below 0.8. Applicant and hire
-- counts go through macro suppress_small_groups separately (in int_gold_selection_cells, which
-- suppresses only the cohorts whose counts changed since the last build); a rate needs both
-- counts shown.
with apps as (
  select * from {{ ref('int_gold_applications') }} where applied_date <= {{ gold_as_of_date() }}
),
joined as (
  select * exclude (applicants_counted, hires_counted)
  from {{ ref('int_gold_selection_cells') }}
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
  select distinct dimension_type, dimension_id, dimension_value
  from (
    {{ gold_explode_dimensions('apps', [
         ['department', 'department_id', 'department_name'],
         ['job_family', 'job_family', 'job_family']
       ], columns='1 as one') }}
  ) as exploded
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
