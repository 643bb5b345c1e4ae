-- One row per source record in the person graph: live candidates, workers and Greenhouse users,
-- with the normalised attributes that blocking and comparisons read. phone_nsn is the national
-- significant number: the digits of the E.164 number after its country calling code, or the
-- digits of a number that could not be read in E.164, so that one number read in two countries
-- still compares.
with records as (
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
    cast(null as {{ dbt.type_string() }}) as person_wid,
    o.start_date,
    o.earliest_start_date,
    c.created_at
  from {{ ref('identity_candidate_contact') }} as c
  left join {{ ref('stg_greenhouse__users') }} as u on u.user_id = c.linked_user_id
  left join (
    select candidate_id, max(starts_on) as start_date, min(starts_on) as earliest_start_date
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
    person_wid,
    hire_date,
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
    cast(null as {{ dbt.type_string() }}),
    cast(null as date),
    cast(null as date),
    created_at
  from {{ ref('stg_greenhouse__users') }}
),
-- ITU country calling codes are prefix-free, so at most one code starts a number.
calling_codes as (
  select distinct calling_code from {{ ref('country_reference') }} where calling_code is not null
),
with_nsn as (
  select
    r.*,
    coalesce(substr(r.phone_e164, length(cc.calling_code) + 2), r.phone_national) as phone_nsn
  from records as r
  left join calling_codes as cc on r.phone_e164 like ('+' || cc.calling_code || '%')
)
-- record_hash covers every attribute blocking and comparisons read: a pair compared on the
-- same hashes needs no new comparison.
select
  *,
  {{ surrogate_key(['source_entity', 'first_name_norm', 'alt_first_name_norm', 'last_name_norm', 'email', 'email_canonical', 'phone_e164', 'phone_nsn', 'start_date', 'earliest_start_date']) }} as record_hash
from with_nsn
