-- M12 share of positions filled internally per month of offer acceptance and breakdown: of the
-- openings filled by a hire in the month, those whose hire was already a worker (an internal
-- applicant, or a candidate resolved to a person employed on the application date).
with filled as (
  select
    a.*,
    cast(r.offer_accepted_at as date) as filled_date
  from {{ ref('job_requisition') }} as r
  join {{ ref('int_gold_applications') }} as a on a.application_id = r.hired_application_id
  where r.offer_accepted_at is not null
    and cast(r.offer_accepted_at as date) <= {{ gold_as_of_date() }}
),
exploded as (
  {{ gold_explode_dimensions('filled', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', filled_date) as date) as period_month,
    dimension_type,
    dimension_id,
    any_value(dimension_value) as dimension_value,
    count(*) as positions_filled,
    count(*) filter (where is_internal) as positions_filled_internally
  from exploded
  group by all
)
select
  *,
  round({{ gold_ratio('positions_filled_internally', 'positions_filled') }}, 6) as internal_fill_rate
from (
  {{ gold_fill_months('monthly', counts=['positions_filled', 'positions_filled_internally']) }}
) as grid
