-- One row per application to a job (prospects excluded), for the dashboards' applications and
-- selection-rate datasets: breakdowns by name, source, dates, hire and offer flags, time to
-- hire, and the self-reported EEO groups.
with offers as (
  select
    application_id,
    min(coalesce(sent_on, cast(created_at as date))) as offer_extended_on,
    max_by(status, version) as latest_offer_status
  from {{ ref('offer') }}
  group by application_id
)
select
  a.application_id,
  a.candidate_id,
  a.person_id,
  a.job_id,
  coalesce(a.business_unit_name, '(none)') as business_unit,
  a.business_unit_id,
  coalesce(a.department_name, '(none)') as department,
  a.department_id,
  coalesce(a.office_name, '(none)') as office,
  a.office_id,
  coalesce(a.job_family, '(none)') as job_family,
  coalesce(a.job_level, '(none)') as job_level,
  a.source_name as source,
  a.source_type,
  a.applied_at,
  a.applied_date as applied_on,
  a.status,
  a.is_hired,
  a.hired_at,
  o.application_id is not null as offer_extended,
  o.offer_extended_on,
  coalesce(o.latest_offer_status = 'accepted', false) as offer_accepted,
  case when a.is_hired then {{ gold_days_between('a.applied_at', 'a.hired_at') }} end as days_to_hire,
  a.is_internal,
  a.has_eeo_response,
  a.eeo_gender,
  a.eeo_race
from {{ ref('int_gold_applications') }} as a
left join offers as o on o.application_id = a.application_id
