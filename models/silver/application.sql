-- One row per live Greenhouse application, with source, rejection, stage mapping and outcome.
-- A table rebuilt whole: person_id follows identity resolution, which can move any application.
with accepted_offer as (
  select application_id, max(resolved_at) as offer_accepted_at, max(opening_id) as opening_id
  from {{ ref('stg_greenhouse__offers') }}
  where status = 'accepted'
  group by application_id
)
select
  a.application_id,
  a.candidate_id,
  l.person_id,
  a.job_id,
  a.job_post_id,
  coalesce(o.opening_id, op.opening_id) as job_requisition_id,
  a.source_id,
  s.source_name,
  s.source_type,
  a.referrer_id,
  a.recruiter_user_id,
  a.coordinator_user_id,
  a.status,
  a.is_prospect,
  a.current_stage_id,
  a.current_job_stage_id,
  a.current_stage_name,
  m.enterprise_stage as current_enterprise_stage,
  case
    when a.status = 'hired' then 'hired'
    when a.status = 'rejected' and r.rejection_reason_type = 'they_rejected_us' then 'withdrawn'
    when a.status = 'rejected' then 'rejected'
  end as outcome_enterprise_stage,
  a.rejection_reason_id,
  r.rejection_reason_name,
  r.rejection_reason_type,
  (c.linked_user_id is not null or s.source_type = 'Internal') as is_internal_applicant,
  a.location_address,
  a.applied_at,
  a.rejected_at,
  case when a.status = 'hired' then coalesce(o.offer_accepted_at, op.closed_at) end as hired_at,
  o.offer_accepted_at,
  a.last_activity_at,
  a.updated_at,
  a.pulled_at
from {{ ref('stg_greenhouse__applications') }} as a
join {{ ref('stg_greenhouse__candidates') }} as c on c.candidate_id = a.candidate_id
join {{ ref('person_source_link') }} as l
  on l.source_entity = 'candidate' and l.source_id = cast(a.candidate_id as {{ dbt.type_string() }})
left join {{ ref('stg_greenhouse__sources') }} as s on s.source_id = a.source_id
left join {{ ref('stg_greenhouse__rejection_reasons') }} as r on r.rejection_reason_id = a.rejection_reason_id
left join {{ ref('greenhouse_stage_map') }} as m on m.stage_name = lower(trim(a.current_stage_name))
left join accepted_offer as o on o.application_id = a.application_id
left join {{ ref('stg_greenhouse__openings') }} as op on op.hired_application_id = a.application_id
