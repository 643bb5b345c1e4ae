-- One row per Workday worker (pre-hires and rescinded hires included) with current attributes.
with hires as (
  select
    worker_id,
    max(case when not is_rescinded then hire_date end) as hire_date,
    min(case when not is_rescinded then hire_date end) as original_hire_date,
    bool_and(is_rescinded) as all_rescinded,
    max(employee_id) as employee_id,
    max(worker_type) as worker_type
  from {{ ref('stg_workday__hires_history') }}
  where version_to = {{ open_timestamp() }} and not is_deleted
  group by worker_id
),
as_of as (
  select cast(max(pulled_at) as date) as today from {{ ref('stg_workday__workers') }}
),
service as (
  select worker_id, hire_date, continuous_service_date
  from {{ ref('stg_workday__worker_service_dates_history') }}
  where version_to = {{ open_timestamp() }} and not is_deleted
),
primary_position as (
  select *
  from {{ ref('stg_workday__worker_positions_history') }}
  where version_to = {{ open_timestamp() }} and is_primary
),
headcount as (
  -- The report has no deletions: a worker moved to another position keeps the old position's
  -- row as well, so the newest landed primary row wins.
  select * from {{ ref('stg_workday__headcount_snapshot') }}
  where is_primary
  qualify row_number() over (partition by worker_id order by pulled_at desc, as_of_date desc, position_code) = 1
),
manager as (
  select employee_id, max(worker_id) as worker_id from {{ ref('identity_worker_contact') }} group by employee_id
)
select
  x.worker_id,
  x.employee_id,
  l.person_id,
  case
    when lower(coalesce(p.worker_type_descriptor, h.worker_type)) like 'contingent%' then 'contingent'
    else 'employee'
  end as worker_type,
  case
    when h.all_rescinded then 'rescinded'
    when coalesce(h.hire_date, s.hire_date) > a.today then 'pre_hire'
    when t.termination_date is not null and t.termination_date <= a.today
      and t.hire_date >= coalesce(h.hire_date, s.hire_date) then 'terminated'
    else 'active'
  end as employment_status,
  (not coalesce(h.all_rescinded, false)
    and coalesce(h.hire_date, s.hire_date) <= a.today
    and not coalesce(t.termination_date <= a.today and t.hire_date >= coalesce(h.hire_date, s.hire_date), false)
  ) as is_active,
  x.legal_first_name,
  x.legal_last_name,
  x.preferred_first_name,
  coalesce(x.preferred_first_name, x.legal_first_name) || ' ' || x.legal_last_name as full_name,
  x.first_name_norm,
  x.last_name_norm,
  x.work_email,
  x.personal_email,
  x.work_phone_e164,
  pi.date_of_birth,
  pi.gender,
  pi.ethnicity,
  pi.is_hispanic_or_latino,
  pi.veteran_status,
  pi.disability_status,
  pi.nationality,
  coalesce(h.hire_date, s.hire_date) as hire_date,
  coalesce(h.original_hire_date, s.continuous_service_date) as original_hire_date,
  s.continuous_service_date,
  case when t.hire_date >= coalesce(h.hire_date, s.hire_date) then t.termination_date end as termination_date,
  case when t.hire_date >= coalesce(h.hire_date, s.hire_date) then t.termination_category end as termination_category,
  case when t.hire_date >= coalesce(h.hire_date, s.hire_date) then t.termination_reason end as termination_reason,
  case when t.hire_date >= coalesce(h.hire_date, s.hire_date) then t.is_regrettable_termination end as is_regrettable_termination,
  case when t.hire_date >= coalesce(h.hire_date, s.hire_date) then t.is_eligible_for_rehire end as is_eligible_for_rehire,
  coalesce(p.position_code, p.position_wid) as primary_position_id,
  p.business_title,
  p.job_profile_id,
  p.org_unit_id,
  o.business_unit_id,
  p.location_name,
  c.country_iso2,
  coalesce(m.worker_id, o.manager_worker_id) as manager_worker_id,
  coalesce(r.is_manager, hc.is_manager, false) as is_manager,
  coalesce(p.employee_type, hc.employee_type) as employee_type,
  hc.time_type,
  hc.fte,
  hc.base_pay,
  hc.base_pay_currency,
  hc.pay_frequency,
  coalesce(r.pulled_at, h2.pulled_at) as pulled_at
from {{ ref('identity_worker_contact') }} as x
cross join as_of as a
left join hires as h on h.worker_id = x.worker_id
left join service as s on s.worker_id = x.worker_id
left join {{ ref('worker_termination') }} as t on t.worker_id = x.worker_id
  and t.termination_date = (select max(t2.termination_date) from {{ ref('worker_termination') }} as t2 where t2.worker_id = x.worker_id)
left join primary_position as p on p.worker_id = x.worker_id
left join headcount as hc on hc.worker_id = x.worker_id
left join {{ ref('stg_workday__personal_information') }} as pi on pi.worker_id = x.worker_id
left join {{ ref('stg_workday__workers') }} as r on r.worker_id = x.worker_id
left join (select worker_id, max(pulled_at) as pulled_at from {{ ref('stg_workday__hires_history') }} group by worker_id) as h2
  on h2.worker_id = x.worker_id
left join {{ ref('org_unit') }} as o on o.org_unit_id = p.org_unit_id
left join {{ ref('country_reference') }} as c on c.country_name = p.country_name
left join manager as m on m.employee_id = hc.manager_employee_id
left join {{ ref('person_source_link') }} as l on l.source_entity = 'worker' and l.source_id = x.worker_id
