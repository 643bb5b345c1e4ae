-- One row per live candidate with the contact details used for conformed output and matching:
-- normalised names and emails, and the phone number in E.164 read in the country of the office
-- of the candidate's first job.
with first_job_country as (
  select candidate_id, calling_code, trunk_prefix, country_iso2
  from (
    select
      a.candidate_id,
      o.calling_code,
      o.trunk_prefix,
      o.country_iso2,
      row_number() over (partition by a.candidate_id order by a.applied_at, a.application_id) as application_rank
    from {{ ref('stg_greenhouse__applications') }} as a
    join {{ ref('stg_greenhouse__jobs') }} as j on j.job_id = a.job_id
    join {{ ref('office') }} as o on o.office_id = j.primary_office_id
    where o.calling_code is not null
  ) as ranked
  where application_rank = 1
),
second_email as (
  select candidate_id, email_raw
  from {{ ref('stg_greenhouse__candidate_email_addresses') }}
  where address_rank = 2
)
select
  c.candidate_id,
  c.first_name,
  c.last_name,
  {{ normalize_first_name('c.first_name') }} as first_name_norm,
  {{ normalize_name('c.last_name') }} as last_name_norm,
  {{ normalize_email('c.email_raw') }} as email,
  {{ canonical_email(normalize_email('c.email_raw')) }} as email_canonical,
  {{ normalize_email('e2.email_raw') }} as second_email,
  c.phone_raw,
  {{ phone_e164('c.phone_raw', 'f.calling_code', 'f.trunk_prefix') }} as phone_e164,
  f.country_iso2 as phone_country_iso2,
  c.linked_user_id,
  c.created_at
from {{ ref('stg_greenhouse__candidates') }} as c
left join first_job_country as f on f.candidate_id = c.candidate_id
left join second_email as e2 on e2.candidate_id = c.candidate_id
