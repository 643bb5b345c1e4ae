-- One row per Workday worker with the identity attributes used for matching: the Workday person
-- the worker record belongs to, legal and preferred names, personal and work emails (from the
-- hires and headcount reports and the worker record), and the work phone in E.164.
with latest_hire as (
  select *
  from (
    select
      h.*,
      row_number() over (partition by h.worker_id order by h.is_rescinded, h.hire_date desc) as hire_rank
    from {{ ref('stg_workday__hires_history') }} as h
    where h.version_to = {{ open_timestamp() }} and not h.is_deleted
  ) as ranked
  where hire_rank = 1
),
headcount as (
  select *
  from (
    select
      s.*,
      row_number() over (partition by s.worker_id order by s.is_primary desc) as row_rank
    from {{ ref('stg_workday__headcount_snapshot') }} as s
  ) as ranked
  where row_rank = 1
),
terminated as (
  select worker_id, max(legal_first_name) as legal_first_name, max(legal_last_name) as legal_last_name
  from {{ ref('stg_workday__terminations_history') }}
  where version_to = {{ open_timestamp() }} and not is_deleted
  group by worker_id
),
workers as (
  select worker_id from {{ ref('stg_workday__workers') }}
  union
  select worker_id from latest_hire
)
select
  w.worker_id,
  coalesce(h.employee_id, hc.employee_id, d.employee_id) as employee_id,
  coalesce(d.person_wid, p.person_wid) as person_wid,
  coalesce(hc.legal_first_name, h.legal_first_name, t.legal_first_name) as legal_first_name,
  coalesce(hc.legal_last_name, t.legal_last_name, h.legal_last_name) as legal_last_name,
  coalesce(hc.preferred_first_name, h.preferred_first_name) as preferred_first_name,
  {{ normalize_first_name('coalesce(hc.legal_first_name, h.legal_first_name, t.legal_first_name)') }} as first_name_norm,
  {{ normalize_first_name('coalesce(hc.preferred_first_name, h.preferred_first_name)') }} as preferred_first_name_norm,
  {{ normalize_name('coalesce(hc.legal_last_name, t.legal_last_name, h.legal_last_name)') }} as last_name_norm,
  {{ normalize_email('coalesce(hc.personal_email, h.personal_email)') }} as personal_email,
  {{ normalize_email('coalesce(r.work_email, hc.work_email, h.work_email)') }} as work_email,
  {{ canonical_email(normalize_email('coalesce(hc.personal_email, h.personal_email)')) }} as email_canonical,
  {{ phone_e164('coalesce(r.work_phone, d.work_phone)', 'null', 'null') }} as work_phone_e164,
  case when not h.is_rescinded then h.hire_date end as hire_date,
  h.entry_moment as created_at
from workers as w
left join latest_hire as h on h.worker_id = w.worker_id
left join headcount as hc on hc.worker_id = w.worker_id
left join terminated as t on t.worker_id = w.worker_id
left join {{ ref('stg_workday__workers') }} as r on r.worker_id = w.worker_id
left join {{ ref('stg_workday__worker_details') }} as d on d.worker_id = w.worker_id
left join {{ ref('stg_workday__personal_information') }} as p on p.worker_id = w.worker_id
