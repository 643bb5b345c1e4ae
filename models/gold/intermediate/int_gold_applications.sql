-- One row per application to a job (prospects excluded), with the job's breakdowns, the
-- milestones recruiting metrics measure from and to, whether the applicant was already a
-- worker, and the applicant's self-reported EEO answers folded into groups.
with stage_summary as (
  select
    application_id,
    min(entered_at) as first_stage_entered_at,
    max(case when enterprise_stage_order between 2 and 6 then 1 else 0 end) = 1 as reached_screen
  from {{ ref('application_stage_history') }}
  group by application_id
),
eeo as (
  select
    application_id,
    gender,
    race,
    veteran_status,
    disability_status,
    submitted_at
  from {{ ref('candidate_eeo_response') }}
  qualify row_number() over (partition by application_id order by updated_at desc nulls last, eeoc_id desc) = 1
),
workers_by_person as (
  select person_id, effective_from, effective_to
  from {{ ref('worker_assignment') }}
  where is_current_record and is_primary
)
select
  a.application_id,
  a.candidate_id,
  a.person_id,
  a.job_id,
  j.department_id,
  j.department_name,
  j.office_id,
  j.office_name,
  j.business_unit_id,
  j.business_unit_name,
  j.job_family,
  j.job_level,
  a.source_id,
  coalesce(a.source_name, '(none)') as source_name,
  coalesce(a.source_type, '(none)') as source_type,
  a.status,
  a.outcome_enterprise_stage,
  a.rejection_reason_type,
  a.applied_at,
  cast(a.applied_at as date) as applied_date,
  a.rejected_at,
  a.status = 'hired' as is_hired,
  case when a.status = 'hired' then coalesce(a.offer_accepted_at, a.hired_at) end as hired_at,
  a.offer_accepted_at,
  s.first_stage_entered_at,
  coalesce(s.reached_screen, false) or a.status = 'hired' as reached_screen,
  a.is_internal_applicant
    or exists (
      select 1
      from workers_by_person as w
      where w.person_id = a.person_id
        and w.effective_from <= cast(a.applied_at as date)
        and cast(a.applied_at as date) < w.effective_to
    ) as is_internal,
  e.application_id is not null as has_eeo_response,
  e.submitted_at as eeo_submitted_at,
  {{ gold_demographic_group('e.gender') }} as eeo_gender,
  {{ gold_demographic_group('e.race') }} as eeo_race,
  {{ gold_demographic_group('e.veteran_status') }} as eeo_veteran_status,
  {{ gold_demographic_group('e.disability_status') }} as eeo_disability_status
from {{ ref('application') }} as a
join {{ ref('int_gold_jobs') }} as j on j.job_id = a.job_id
left join stage_summary as s on s.application_id = a.application_id
left join eeo as e on e.application_id = a.application_id
where not a.is_prospect
