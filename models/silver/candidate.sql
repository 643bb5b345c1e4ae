-- One row per live Greenhouse candidate with normalised contact details and its person.
select
  c.candidate_id,
  l.person_id,
  c.first_name,
  c.last_name,
  trim(coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '')) as full_name,
  x.first_name_norm,
  x.last_name_norm,
  x.email,
  x.email_canonical,
  x.phone_raw,
  x.phone_e164,
  x.phone_country_iso2,
  c.company,
  c.title,
  c.is_private,
  c.can_email,
  c.linked_user_id is not null as is_internal,
  c.linked_user_id,
  c.tags,
  c.time_zone,
  c.created_at,
  c.updated_at,
  c.last_activity_at,
  c.pulled_at
from {{ ref('stg_greenhouse__candidates') }} as c
join {{ ref('identity_candidate_contact') }} as x on x.candidate_id = c.candidate_id
join {{ ref('person_source_link') }} as l
  on l.source_entity = 'candidate' and l.source_id = cast(c.candidate_id as {{ dbt.type_string() }})
