{%- set min_scorecards = var('min_scorecards_per_interviewer', 20) -%}
{%- set min_group = var('min_scorecards_per_group', 5) -%}
{%- set sigma = var('interviewer_deviation_sigma', 3) -%}
{%- set prior_df = var('interviewer_prior_df', 10) -%}
-- Detector: interview feedback that deviates from the interviewer's own baseline. For each
-- interviewer with at least var min_scorecards_per_interviewer rated scorecards, and each
-- self-reported EEO group of their candidates with at least var min_scorecards_per_group
-- scorecards, the group's ratings are compared with the interviewer's ratings of candidates in
-- the other groups (candidates who gave no answer are left out of both; they differ, since
-- EEO forms are filled in at different rates on different sources).
--
-- The comparison is stratified by how the application left the stage the interview belonged
-- to (went on, stopped there, still open): a panel decides together, so an interviewer who
-- sits with a biased colleague sees that group fail more often and scores it lower for that
-- reason alone. Within each stratum k the difference of means d_k is weighted by
-- w_k = n_group,k n_others,k / (n_group,k + n_others,k); D = sum w_k d_k / sum w_k and
-- z = D / (s / sqrt(sum w_k)). s is the spread pooled within the strata, moderated towards the
-- spread of every interviewer's ratings within their strata as if that were var
-- interviewer_prior_df (default 10) more degrees of freedom: a handful of alike ratings cannot
-- show an interviewer's spread, and would otherwise make small differences look extreme. Rows
-- with |z| above var interviewer_deviation_sigma (default 3) are flagged. Ratings: strong_no 1,
-- no 2, yes 3, strong_yes 4.
with scored as (
  select
    s.scorecard_id,
    s.interviewer_user_id,
    s.application_id,
    cast(s.rating_score as double) as score,
    coalesce(s.interviewed_at, s.submitted_at, s.created_at) as interviewed_at,
    a.eeo_gender,
    a.eeo_race
  from {{ ref('scorecard') }} as s
  join {{ ref('int_gold_applications') }} as a on a.application_id = s.application_id
  where s.rating_score is not null and s.interviewer_user_id is not null
),
staged as (
  -- the stage visit the interview took place in, and how the application left that stage
  select
    sc.*,
    coalesce(
      case e.stage_outcome
        when 'advanced' then 'advanced'
        when 'hired' then 'advanced'
        when 'rejected' then 'stopped'
        when 'withdrawn' then 'stopped'
        when 'in_stage' then 'open'
      end,
      'unknown'
    ) as stratum
  from scored as sc
  left join {{ ref('application_stage_history') }} as h
    on h.application_id = sc.application_id
   and h.entered_at <= sc.interviewed_at
   and sc.interviewed_at < coalesce(h.exited_at, cast('9999-12-31' as timestamp))
  left join {{ ref('int_gold_stage_entries') }} as e
    on e.application_id = sc.application_id and e.enterprise_stage = h.enterprise_stage
  qualify row_number() over (partition by sc.scorecard_id order by h.entered_at desc nulls last) = 1
),
interviewers as (
  select interviewer_user_id, count(*) as scorecards, avg(score) as mean_score,
    stddev_samp(score) as sd_score
  from staged
  group by interviewer_user_id
  having count(*) >= {{ min_scorecards }}
),
by_attribute as (
  select s.*, 'gender' as attribute, s.eeo_gender as group_value
  from staged as s
  join interviewers as i on i.interviewer_user_id = s.interviewer_user_id
  union all
  select s.*, 'race', s.eeo_race
  from staged as s
  join interviewers as i on i.interviewer_user_id = s.interviewer_user_id
),
cells as (
  select interviewer_user_id, attribute, group_value, stratum,
    count(*) as n, sum(score) as total, sum(score * score) as total_sq
  from by_attribute
  where group_value <> 'unknown'
  group by all
),
strata as (
  select interviewer_user_id, attribute, stratum,
    sum(n) as n, sum(total) as total, sum(total_sq) as total_sq
  from cells
  group by all
),
everyone as (
  -- the spread of ratings within interviewer and stratum, pooled over every interviewer
  select sum(squares) / nullif(sum(n) - count(*), 0) as variance
  from (
    select count(*) as n, sum(score * score) - sum(score) * sum(score) / count(*) as squares
    from staged
    group by interviewer_user_id, stratum
  ) as per_cell
),
groups as (
  select interviewer_user_id, attribute, group_value
  from cells
  group by all
  having sum(n) >= {{ min_group }}
),
paired as (
  -- per group and stratum: the group's cell against everyone else in the stratum
  select
    g.interviewer_user_id,
    g.attribute,
    g.group_value,
    st.stratum,
    coalesce(c.n, 0) as n_group,
    coalesce(c.total, 0) as total_group,
    coalesce(c.total_sq, 0) as total_sq_group,
    st.n - coalesce(c.n, 0) as n_others,
    st.total - coalesce(c.total, 0) as total_others,
    st.total_sq - coalesce(c.total_sq, 0) as total_sq_others
  from groups as g
  join strata as st
    on st.interviewer_user_id = g.interviewer_user_id and st.attribute = g.attribute
  left join cells as c
    on c.interviewer_user_id = g.interviewer_user_id
   and c.attribute = g.attribute
   and c.group_value = g.group_value
   and c.stratum = st.stratum
),
terms as (
  select
    *,
    case when n_group > 0 and n_others > 0
      then cast(n_group * n_others as double) / (n_group + n_others) end as weight,
    case when n_group > 0 and n_others > 0
      then total_group / n_group - total_others / n_others end as difference,
    case when n_group > 0 then total_sq_group - total_group * total_group / n_group else 0 end
      + case when n_others > 0 then total_sq_others - total_others * total_others / n_others else 0 end
      as squares,
    (case when n_group > 0 then 1 else 0 end) + (case when n_others > 0 then 1 else 0 end) as cell_count
  from paired
),
combined as (
  select
    interviewer_user_id,
    attribute,
    group_value,
    sum(n_group) as n_group,
    sum(total_group) / nullif(sum(n_group), 0) as mean_group,
    sum(n_others) as n_others,
    sum(total_others) / nullif(sum(n_others), 0) as mean_others,
    sum(weight * difference) / nullif(sum(weight), 0) as difference,
    sum(weight) as weight,
    sum(squares) as squares,
    sum(n_group + n_others) - sum(cell_count) as degrees,
    count(weight) as strata
  from terms
  group by all
),
moderated as (
  select
    c.*,
    sqrt((c.squares + {{ prior_df }} * e.variance) / nullif(c.degrees + {{ prior_df }}, 0)) as pooled_sd
  from combined as c
  cross join everyone as e
),
z as (
  select
    *,
    difference / nullif(pooled_sd / sqrt(weight), 0) as z_score
  from moderated
  where n_others >= {{ min_group }} and weight > 0
)
select
  z.interviewer_user_id,
  u.full_name as interviewer_name,
  u.employee_id as interviewer_employee_id,
  z.attribute,
  z.group_value,
  i.scorecards as interviewer_scorecards,
  round(i.mean_score, 4) as interviewer_mean_score,
  round(i.sd_score, 4) as interviewer_sd_score,
  z.n_group as group_scorecards,
  round(z.mean_group, 4) as group_mean_score,
  z.n_others as other_scorecards,
  round(z.mean_others, 4) as other_mean_score,
  z.strata as strata_compared,
  round(z.difference, 4) as stratified_difference,
  round(z.pooled_sd, 4) as pooled_sd,
  round(z.z_score, 3) as z_score,
  case when z.z_score < 0 then 'lower' else 'higher' end as direction
from z
join interviewers as i on i.interviewer_user_id = z.interviewer_user_id
left join {{ ref('recruiting_user') }} as u on u.user_id = z.interviewer_user_id
where abs(z.z_score) > {{ sigma }}
