{%- set min_scorecards = var('min_scorecards_per_interviewer', 20) -%}
{%- set min_group = var('min_scorecards_per_group', 5) -%}
{%- set sigma = var('interviewer_deviation_sigma', 3) -%}
-- Detector: interview feedback that deviates from the interviewer's own baseline. For each
-- interviewer with at least var min_scorecards_per_interviewer rated scorecards, and each
-- self-reported EEO group of the candidates they scored (at least var min_scorecards_per_group
-- scorecards), the mean rating for that group is compared with the interviewer's mean rating
-- for everyone else: z = (group mean - others' mean) / (pooled sd * sqrt(1/n_group +
-- 1/n_others)). Rows beyond var interviewer_deviation_sigma (default 3) sigma are flagged, with
-- the counts and means a reviewer needs. Ratings: strong_no 1, no 2, yes 3, strong_yes 4.
with scored as (
  select
    s.scorecard_id,
    s.interviewer_user_id,
    s.application_id,
    cast(s.rating_score as double) as score,
    a.eeo_gender,
    a.eeo_race
  from {{ ref('scorecard') }} as s
  join {{ ref('int_gold_applications') }} as a on a.application_id = s.application_id
  where s.rating_score is not null and s.interviewer_user_id is not null
),
interviewers as (
  select interviewer_user_id, count(*) as scorecards, avg(score) as mean_score,
    stddev_samp(score) as sd_score
  from scored
  group by interviewer_user_id
  having count(*) >= {{ min_scorecards }}
),
by_attribute as (
  select s.*, 'gender' as attribute, s.eeo_gender as group_value from scored as s
  union all
  select s.*, 'race', s.eeo_race from scored as s
),
groups as (
  select
    b.interviewer_user_id,
    b.attribute,
    b.group_value,
    count(*) as n_group,
    avg(b.score) as mean_group,
    coalesce(var_samp(b.score), 0) as var_group,
    sum(b.score) as sum_group,
    sum(b.score * b.score) as sumsq_group
  from by_attribute as b
  join interviewers as i on i.interviewer_user_id = b.interviewer_user_id
  where b.group_value <> 'unknown'
  group by all
  having count(*) >= {{ min_group }}
),
totals as (
  select interviewer_user_id, count(*) as n_all, sum(score) as sum_all, sum(score * score) as sumsq_all
  from scored
  group by interviewer_user_id
),
compared as (
  select
    g.*,
    i.scorecards,
    i.mean_score,
    i.sd_score,
    t.n_all - g.n_group as n_others,
    (t.sum_all - g.sum_group) / nullif(t.n_all - g.n_group, 0) as mean_others,
    -- sample variance of the others from their sums
    ((t.sumsq_all - g.sumsq_group)
      - (t.sum_all - g.sum_group) * (t.sum_all - g.sum_group) / nullif(t.n_all - g.n_group, 0))
      / nullif(t.n_all - g.n_group - 1, 0) as var_others
  from groups as g
  join interviewers as i on i.interviewer_user_id = g.interviewer_user_id
  join totals as t on t.interviewer_user_id = g.interviewer_user_id
),
tested as (
  select
    *,
    sqrt(((n_group - 1) * var_group + (n_others - 1) * var_others) / nullif(n_group + n_others - 2, 0))
      as pooled_sd
  from compared
  where n_others >= {{ min_group }}
),
z as (
  select
    *,
    (mean_group - mean_others) / nullif(pooled_sd * sqrt(1.0 / n_group + 1.0 / n_others), 0) as z_score
  from tested
)
select
  z.interviewer_user_id,
  u.full_name as interviewer_name,
  u.employee_id as interviewer_employee_id,
  z.attribute,
  z.group_value,
  z.scorecards as interviewer_scorecards,
  round(z.mean_score, 4) as interviewer_mean_score,
  round(z.sd_score, 4) as interviewer_sd_score,
  z.n_group as group_scorecards,
  round(z.mean_group, 4) as group_mean_score,
  z.n_others as other_scorecards,
  round(z.mean_others, 4) as other_mean_score,
  round(z.pooled_sd, 4) as pooled_sd,
  round(z.z_score, 3) as z_score,
  case when z.z_score < 0 then 'lower' else 'higher' end as direction
from z
left join {{ ref('recruiting_user') }} as u on u.user_id = z.interviewer_user_id
where abs(z.z_score) > {{ sigma }}
