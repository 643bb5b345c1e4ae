-- M7 time to fill per month of offer acceptance and breakdown: calendar days from an opening's
-- opened date to the date its hire accepted the offer (SHRM), over the openings filled in the
-- month.
with filled as (
  select
    r.job_requisition_id,
    cast(r.offer_accepted_at as date) as filled_date,
    {{ gold_days_between('r.opened_at', 'r.offer_accepted_at') }} as days_to_fill,
    coalesce(cast(r.department_id as varchar), j.department_id) as department_id,
    coalesce(d.department_name, j.department_name) as department_name,
    coalesce(cast(r.office_id as varchar), j.office_id) as office_id,
    coalesce(o.office_name, j.office_name) as office_name,
    coalesce(cast(r.business_unit_id as varchar), j.business_unit_id) as business_unit_id,
    coalesce(bu.business_unit_name, j.business_unit_name) as business_unit_name,
    j.job_family,
    j.job_level
  from {{ ref('job_requisition') }} as r
  join {{ ref('int_gold_jobs') }} as j on j.job_id = r.job_id
  left join {{ ref('department') }} as d on d.department_id = r.department_id
  left join {{ ref('office') }} as o on o.office_id = r.office_id
  left join {{ ref('business_unit') }} as bu on bu.business_unit_id = r.business_unit_id
  where r.offer_accepted_at is not null
    and r.opened_at is not null
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
    count(*) as openings_filled,
    round(avg(days_to_fill), 2) as mean_days_to_fill,
    median(days_to_fill) as median_days_to_fill,
    min(days_to_fill) as min_days_to_fill,
    max(days_to_fill) as max_days_to_fill
  from exploded
  group by all
)
{{ gold_fill_months('monthly', counts=['openings_filled'],
   values=['mean_days_to_fill', 'median_days_to_fill', 'min_days_to_fill', 'max_days_to_fill']) }}
