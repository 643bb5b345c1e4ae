-- One row per source record in the person graph: live candidates, workers and Greenhouse users,
-- with the normalised attributes that blocking and comparisons read.
select
  'candidate:' || cast(c.candidate_id as {{ dbt.type_string() }}) as record_key,
  'greenhouse' as source_system,
  'candidate' as source_entity,
  cast(c.candidate_id as {{ dbt.type_string() }}) as source_id,
  first_name_norm,
  cast(null as {{ dbt.type_string() }}) as alt_first_name_norm,
  last_name_norm,
  email,
  email_canonical,
  phone_e164,
  case when phone_e164 is null then ltrim(regexp_replace(phone_raw, '[^0-9]', '', 'g'), '0') end as phone_national,
  cast(null as {{ dbt.type_string() }}) as employee_id,
  u.employee_id as linked_employee_id,
  o.start_date,
  c.created_at
from {{ ref('identity_candidate_contact') }} as c
left join {{ ref('stg_greenhouse__users') }} as u on u.user_id = c.linked_user_id
left join (
  select candidate_id, max(starts_on) as start_date
  from {{ ref('stg_greenhouse__offers') }}
  where status = 'accepted'
  group by candidate_id
) as o on o.candidate_id = c.candidate_id
union all
select
  'worker:' || worker_id,
  'workday',
  'worker',
  worker_id,
  first_name_norm,
  preferred_first_name_norm,
  last_name_norm,
  coalesce(personal_email, work_email),
  email_canonical,
  work_phone_e164,
  cast(null as {{ dbt.type_string() }}),
  employee_id,
  cast(null as {{ dbt.type_string() }}),
  hire_date,
  created_at
from {{ ref('identity_worker_contact') }}
union all
select
  'user:' || cast(user_id as {{ dbt.type_string() }}),
  'greenhouse',
  'user',
  cast(user_id as {{ dbt.type_string() }}),
  {{ normalize_first_name('first_name') }},
  cast(null as {{ dbt.type_string() }}),
  {{ normalize_name('last_name') }},
  {{ normalize_email('primary_email') }},
  cast(null as {{ dbt.type_string() }}),
  cast(null as {{ dbt.type_string() }}),
  cast(null as {{ dbt.type_string() }}),
  employee_id,
  cast(null as {{ dbt.type_string() }}),
  cast(null as date),
  created_at
from {{ ref('stg_greenhouse__users') }}
