{%- set z_limit = var('outlier_robust_z', 3.5) -%}
{%- set min_group = var('outlier_min_group_size', 8) -%}
{%- set min_excess = var('outlier_min_excess_days', 60) -%}
-- Detector: time-to-hire outliers. For each hire, days from application to accepted offer
-- compared with the hires of the same job family and level by the modified z-score
-- 0.6745 (x - median) / MAD (Iglewicz and Hoaglin), which skewed durations do not inflate the
-- way a mean and standard deviation would. A group smaller than var outlier_min_group_size
-- borrows the baseline of its job family, then of all hires. When the MAD is 0 the mean
-- absolute deviation times 1.2533 stands in for it. One row per hire with |z| above
-- var outlier_robust_z (default 3.5) that is also at least var outlier_min_excess_days
-- (default 60) away from the median: hiring durations within a family are often so alike (a
-- MAD of 2 to 6 days) that an ordinary slow process, up to about seven weeks beyond the median
-- in the sandbox benchmark, scores far out; a stall of two months or more is what a reviewer
-- wants to see.
with hires as (
  select
    a.*,
    {{ gold_days_between('a.applied_at', 'a.hired_at') }} as days_to_hire,
    coalesce(a.job_family, '(none)') as family_key,
    coalesce(a.job_level, '(none)') as level_key
  from {{ ref('int_gold_applications') }} as a
  where a.is_hired and a.hired_at is not null and cast(a.hired_at as date) <= {{ gold_as_of_date() }}
),
groups as (
  select 'job_family_level' as baseline, family_key, level_key, days_to_hire from hires
  union all
  select 'job_family', family_key, '*', days_to_hire from hires
  union all
  select 'all_hires', '*', '*', days_to_hire from hires
),
medians as (
  select baseline, family_key, level_key, count(*) as group_hires,
    median(days_to_hire) as group_median
  from groups
  group by all
),
spreads as (
  select
    m.baseline, m.family_key, m.level_key, m.group_hires, m.group_median,
    median(abs(g.days_to_hire - m.group_median)) as group_mad,
    avg(abs(g.days_to_hire - m.group_median)) as group_mean_abs_dev
  from medians as m
  join groups as g
    on g.baseline = m.baseline and g.family_key = m.family_key and g.level_key = m.level_key
  group by all
),
chosen as (
  select
    h.*,
    s.baseline,
    s.group_hires,
    s.group_median,
    s.group_mad,
    case when s.group_mad > 0 then s.group_mad / 0.6745
      else s.group_mean_abs_dev * 1.253314 end as robust_scale
  from hires as h
  join spreads as s
    on (s.baseline = 'job_family_level' and s.family_key = h.family_key and s.level_key = h.level_key)
    or (s.baseline = 'job_family' and s.family_key = h.family_key and s.level_key = '*')
    or (s.baseline = 'all_hires')
  where s.group_hires >= {{ min_group }} or s.baseline = 'all_hires'
  qualify row_number() over (
    partition by h.application_id
    order by case s.baseline when 'job_family_level' then 1 when 'job_family' then 2 else 3 end
  ) = 1
),
scored as (
  select *, (days_to_hire - group_median) / nullif(robust_scale, 0) as robust_z from chosen
)
select
  application_id,
  candidate_id,
  job_id,
  job_family,
  job_level,
  department_name,
  applied_at,
  hired_at,
  days_to_hire,
  baseline,
  group_hires,
  group_median as baseline_median_days,
  group_mad as baseline_mad_days,
  round(robust_z, 3) as robust_z,
  case when robust_z > 0 then 'slow' else 'fast' end as direction
from scored
where abs(robust_z) > {{ z_limit }}
  and abs(days_to_hire - group_median) >= {{ min_excess }}
