-- Bitemporal worker assignments. Recorded time: every moment hrflow's view of a worker changed
-- (a landed version of its staffing record, hires or terminations) starts a version that
-- restates the worker's whole valid-time history as known then, and lasts until the next one.
-- Valid time: employment spells (a hire that is not rescinded, to the termination of that
-- hire), crossed with the positions of each staffing version, each position holding from that
-- version's effective date (the first version's from the start of the spell) to the next's.
-- A hire known before any staffing record (a future-dated hire) carries the hires report's
-- position until Workday lists the worker.
with versions as (
  select worker_id, version_from as recorded_from
  from {{ ref('stg_workday__worker_details_history') }}
  union
  select worker_id, version_from from {{ ref('stg_workday__hires_history') }}
  union
  select worker_id, version_from from {{ ref('stg_workday__terminations_history') }}
),
recorded as (
  select
    worker_id,
    recorded_from,
    coalesce(lead(recorded_from) over (partition by worker_id order by recorded_from), {{ open_timestamp() }}) as recorded_to
  from versions
),
spells as (
  select
    r.worker_id,
    r.recorded_from,
    r.recorded_to,
    h.hire_date,
    h.worker_type,
    h.business_title,
    h.job_profile_name,
    h.org_descriptor,
    h.location_name,
    t.termination_date,
    t.termination_category,
    t.termination_reason,
    t.is_regrettable_termination
  from recorded as r
  join {{ ref('stg_workday__hires_history') }} as h
    on h.worker_id = r.worker_id and h.version_from <= r.recorded_from and r.recorded_from < h.version_to
    and not h.is_deleted and not h.is_rescinded
  left join {{ ref('stg_workday__terminations_history') }} as t
    on t.worker_id = r.worker_id and t.version_from <= r.recorded_from and r.recorded_from < t.version_to
    and not t.is_deleted and t.hire_date = h.hire_date and t.termination_date >= h.hire_date
  -- A corrected termination date lands as a record of its own (the report's key holds the date)
  -- and the old one is not withdrawn: of a hire's terminations, the one landed last holds.
  qualify row_number() over (
    partition by r.worker_id, r.recorded_from, h.hire_date
    order by t.version_from desc nulls last, t.termination_date desc
  ) = 1
),
staffing as (
  -- The staffing versions known at each recorded version, each with its valid segment.
  select
    r.worker_id,
    r.recorded_from,
    d.version_from as staffing_from,
    case
      when row_number() over (partition by r.worker_id, r.recorded_from order by d.version_from) = 1
        then cast('0001-01-01' as date)
      else d.effective_date
    end as segment_from,
    coalesce(
      lead(d.effective_date) over (partition by r.worker_id, r.recorded_from order by d.version_from),
      {{ open_date() }}
    ) as segment_to,
    d.is_deleted
  from recorded as r
  join {{ ref('stg_workday__worker_details_history') }} as d
    on d.worker_id = r.worker_id and d.version_from <= r.recorded_from
),
positions as (
  select
    s.worker_id,
    s.recorded_from,
    s.segment_from,
    s.segment_to,
    coalesce(p.position_code, p.position_wid) as position_id,
    p.is_primary,
    p.worker_type_descriptor,
    p.business_title,
    p.job_profile_id,
    p.org_unit_id,
    p.location_name,
    p.country_name,
    p.employee_type
  from staffing as s
  join {{ ref('stg_workday__worker_positions_history') }} as p
    on p.worker_id = s.worker_id and p.version_from = s.staffing_from
  where not s.is_deleted
),
pending as (
  -- Spells of workers with no staffing record known yet: the hires report's position.
  select
    sp.worker_id,
    sp.recorded_from,
    cast('0001-01-01' as date) as segment_from,
    {{ open_date() }} as segment_to,
    'hire-' || cast(sp.hire_date as {{ dbt.type_string() }}) as position_id,
    true as is_primary,
    lower(sp.worker_type) as worker_type_descriptor,
    sp.business_title,
    jp.job_profile_id,
    org.org_unit_id,
    sp.location_name,
    cast(null as {{ dbt.type_string() }}) as country_name,
    cast(null as {{ dbt.type_string() }}) as employee_type
  from spells as sp
  left join {{ ref('stg_workday__job_profiles') }} as jp on jp.job_profile_name = sp.job_profile_name
  left join {{ ref('stg_workday__organizations') }} as org on org.descriptor = sp.org_descriptor
  where not exists (
    select 1 from staffing as s where s.worker_id = sp.worker_id and s.recorded_from = sp.recorded_from
  )
),
all_positions as (
  select * from positions
  union all
  select * from pending
),
assignments as (
  select
    sp.worker_id,
    sp.recorded_from,
    sp.recorded_to,
    p.position_id,
    p.is_primary,
    case when p.worker_type_descriptor like 'contingent%' then 'contingent' else 'employee' end as worker_type,
    p.business_title,
    p.job_profile_id,
    p.org_unit_id,
    p.location_name,
    p.country_name,
    p.employee_type,
    sp.hire_date,
    sp.termination_date,
    sp.termination_category,
    sp.termination_reason,
    sp.is_regrettable_termination,
    greatest(sp.hire_date, p.segment_from) as effective_from,
    least(coalesce(sp.termination_date, {{ open_date() }}), p.segment_to) as effective_to
  from spells as sp
  join all_positions as p on p.worker_id = sp.worker_id and p.recorded_from = sp.recorded_from
)
select
  {{ surrogate_key(['a.worker_id', 'a.position_id', 'a.effective_from', 'a.recorded_from']) }} as worker_assignment_key,
  a.worker_id,
  w.employee_id,
  l.person_id,
  a.position_id,
  a.is_primary,
  a.worker_type,
  a.worker_type = 'employee' as counts_in_headcount,
  a.business_title,
  a.job_profile_id,
  a.org_unit_id,
  o.business_unit_id,
  o.department_id,
  a.location_name,
  c.country_iso2,
  o.manager_worker_id,
  a.employee_type,
  hc.time_type,
  hc.fte,
  a.hire_date,
  a.termination_date,
  a.termination_category,
  a.termination_reason,
  a.is_regrettable_termination,
  a.effective_from,
  a.effective_to,
  a.recorded_from,
  a.recorded_to,
  a.recorded_to = {{ open_timestamp() }} as is_current_record
from assignments as a
left join {{ ref('identity_worker_contact') }} as w on w.worker_id = a.worker_id
left join {{ ref('person_source_link') }} as l on l.source_entity = 'worker' and l.source_id = a.worker_id
left join {{ ref('org_unit') }} as o on o.org_unit_id = a.org_unit_id
left join {{ ref('country_reference') }} as c on c.country_name = a.country_name
left join {{ ref('stg_workday__headcount_snapshot') }} as hc
  on hc.worker_id = a.worker_id and hc.position_code = a.position_id
where a.effective_from < a.effective_to
