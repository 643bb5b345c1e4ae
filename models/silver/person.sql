-- One row per resolved person, described by its most authoritative record: the worker with the
-- latest hire, else the latest candidate, else a user.
with members as (
  select
    l.person_id,
    l.source_entity,
    r.record_key,
    r.email,
    r.phone_e164,
    r.first_name_norm,
    r.last_name_norm,
    r.created_at,
    row_number() over (
      partition by l.person_id
      order by case l.source_entity when 'worker' then 0 when 'candidate' then 1 else 2 end, r.created_at desc, r.record_key
    ) as authority_rank
  from {{ ref('person_source_link') }} as l
  join {{ ref('identity_records') }} as r on r.record_key = l.source_record_key
),
names as (
  select 'worker:' || worker_id as record_key,
    coalesce(preferred_first_name, legal_first_name) || ' ' || legal_last_name as full_name
  from {{ ref('identity_worker_contact') }}
  union all
  select 'candidate:' || cast(candidate_id as {{ dbt.type_string() }}), first_name || ' ' || last_name
  from {{ ref('identity_candidate_contact') }}
  union all
  select 'user:' || cast(user_id as {{ dbt.type_string() }}), full_name
  from {{ ref('stg_greenhouse__users') }}
)
select
  m.person_id,
  max(case when m.authority_rank = 1 then n.full_name end) as full_name,
  max(case when m.authority_rank = 1 then m.email end) as email,
  max(case when m.authority_rank = 1 then m.phone_e164 end) as phone_e164,
  count(case when m.source_entity = 'candidate' then 1 end) as candidate_count,
  count(case when m.source_entity = 'worker' then 1 end) as worker_count,
  count(case when m.source_entity = 'user' then 1 end) as user_count,
  max(case when m.authority_rank = 1 and m.source_entity = 'worker' then substr(m.record_key, 8) end) as primary_worker_id,
  min(m.created_at) as first_seen_at
from members as m
left join names as n on n.record_key = m.record_key
group by m.person_id
