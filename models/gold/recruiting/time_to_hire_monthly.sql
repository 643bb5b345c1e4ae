{%- set start = var('time_to_hire_start', 'application') -%}
{%- if start not in ['application', 'first_stage'] -%}
  {{ exceptions.raise_compiler_error("var time_to_hire_start must be 'application' or 'first_stage', got '" ~ start ~ "'") }}
{%- endif -%}
-- M8 time to hire per month of offer acceptance and breakdown: calendar days from the start
-- event (var time_to_hire_start: 'application' = the application date, 'first_stage' = the
-- first stage the application entered) to the date the hire accepted the offer.
with hires as (
  select
    *,
    {%- if start == 'application' %}
    applied_at as start_at,
    {%- else %}
    coalesce(first_stage_entered_at, applied_at) as start_at,
    {%- endif %}
    cast(hired_at as date) as hired_date
  from {{ ref('int_gold_applications') }}
  where is_hired and hired_at is not null and cast(hired_at as date) <= {{ gold_as_of_date() }}
),
measured as (
  select *, {{ gold_days_between('start_at', 'hired_at') }} as days_to_hire from hires
),
exploded as (
  {{ gold_explode_dimensions('measured', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', hired_date) as date) as period_month,
    dimension_type,
    dimension_id,
    any_value(dimension_value) as dimension_value,
    count(*) as hires,
    round(avg(days_to_hire), 2) as mean_days_to_hire,
    median(days_to_hire) as median_days_to_hire,
    min(days_to_hire) as min_days_to_hire,
    max(days_to_hire) as max_days_to_hire
  from exploded
  group by all
)
select
  *,
  {{ literal(start) }} as start_event
from (
  {{ gold_fill_months('monthly', counts=['hires'],
     values=['mean_days_to_hire', 'median_days_to_hire', 'min_days_to_hire', 'max_days_to_hire']) }}
) as grid
