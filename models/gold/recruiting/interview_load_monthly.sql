-- M21 interview load per month and breakdown: interviews held and scorecards submitted in the
-- month over hires made in the month, and for the month's hires the mean number of interviews
-- and of distinct interviewers their application went through.
with apps as (
  select * from {{ ref('int_gold_applications') }}
),
interviews as (
  select i.application_id, cast(i.starts_at as date) as held_on
  from {{ ref('interview') }} as i
  where i.starts_at is not null and cast(i.starts_at as date) <= {{ gold_as_of_date() }}
),
scorecards as (
  select s.application_id, s.interviewer_user_id,
    cast(coalesce(s.submitted_at, s.interviewed_at, s.created_at) as date) as submitted_on
  from {{ ref('scorecard') }} as s
),
per_application as (
  select
    a.application_id,
    (select count(*) from interviews as i where i.application_id = a.application_id)
      as interviews,
    (select count(distinct s.interviewer_user_id) from scorecards as s
      where s.application_id = a.application_id) as interviewers
  from apps as a
  where a.is_hired
),
events as (
  select a.*, 'interview' as event_type, i.held_on as event_date,
    cast(null as bigint) as interviewer_user_id, 0 as interviews, 0 as interviewers
  from interviews as i join apps as a on a.application_id = i.application_id
  union all
  select a.*, 'scorecard', s.submitted_on, s.interviewer_user_id, 0, 0
  from scorecards as s join apps as a on a.application_id = s.application_id
  where s.submitted_on <= {{ gold_as_of_date() }}
  union all
  select a.*, 'hire', cast(a.hired_at as date), null, p.interviews, p.interviewers
  from apps as a join per_application as p on p.application_id = a.application_id
  where a.hired_at is not null and cast(a.hired_at as date) <= {{ gold_as_of_date() }}
),
exploded as (
  {{ gold_explode_dimensions('events', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', event_date) as date) as period_month,
    dimension_type,
    dimension_id,
    any_value(dimension_value) as dimension_value,
    count(*) filter (where event_type = 'interview') as interviews,
    count(*) filter (where event_type = 'scorecard') as scorecards,
    count(distinct interviewer_user_id) filter (where event_type = 'scorecard') as active_interviewers,
    count(*) filter (where event_type = 'hire') as hires,
    avg(interviews) filter (where event_type = 'hire') as mean_interviews_per_hired_application,
    avg(interviewers) filter (where event_type = 'hire') as mean_interviewers_per_hired_application
  from exploded
  group by all
)
select
  period_month,
  period_end,
  is_complete_period,
  dimension_type,
  dimension_id,
  dimension_value,
  interviews,
  scorecards,
  active_interviewers,
  hires,
  round({{ gold_ratio('interviews', 'hires') }}, 4) as interviews_per_hire,
  round(mean_interviews_per_hired_application, 4) as mean_interviews_per_hired_application,
  round(mean_interviewers_per_hired_application, 4) as mean_interviewers_per_hired_application
from (
  {{ gold_fill_months('monthly', counts=['interviews', 'scorecards', 'active_interviewers', 'hires'],
     values=['mean_interviews_per_hired_application', 'mean_interviewers_per_hired_application']) }}
) as grid
