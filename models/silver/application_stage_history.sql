-- One row per stage visit of a live application of a live candidate, with the enterprise stage
-- of the stage name. An incremental run merges every visit of the applications with a stage
-- visit, the application or its candidate landed since the last build, or whose stored job
-- stage or enterprise stage no longer matches the job stages and the stage map; the post-hook
-- deletes the visits, applications and candidates gone from Greenhouse.
{{ config(
    materialized='incremental',
    unique_key='stage_visit_id',
    incremental_strategy='merge',
    on_schema_change='append_new_columns',
    post_hook="delete from {{ this }}
      where application_id not in (
          select a.application_id
          from {{ ref('stg_greenhouse__applications') }} as a
          join {{ ref('stg_greenhouse__candidates') }} as c on c.candidate_id = a.candidate_id
          where a.application_id is not null)
         or stage_visit_id not in (
          select stage_visit_id from {{ ref('stg_greenhouse__application_stages') }}
          where stage_visit_id is not null)"
) }}
select
  v.stage_visit_id,
  v.application_id,
  js.job_id,
  v.job_stage_id,
  js.stage_name,
  js.stage_sort_order,
  m.enterprise_stage,
  m.enterprise_stage_order,
  m.stage_name is not null as is_stage_mapped,
  row_number() over (partition by v.application_id order by v.entered_at, v.stage_visit_id) as visit_number,
  v.entered_at,
  v.exited_at,
  coalesce(v.exited_at, {{ open_timestamp() }}) as exited_at_or_open,
  coalesce(v.days_in_stage, {{ dbt.datediff('v.entered_at', 'coalesce(v.exited_at, v.pulled_at)', 'day') }}) as days_in_stage,
  v.is_current,
  v.updated_at,
  v.pulled_at
from {{ ref('stg_greenhouse__application_stages') }} as v
join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = v.application_id
join {{ ref('stg_greenhouse__candidates') }} as c on c.candidate_id = a.candidate_id
left join {{ ref('stg_greenhouse__job_stages') }} as js on js.job_stage_id = v.job_stage_id
left join {{ ref('greenhouse_stage_map') }} as m on m.stage_name = lower(trim(js.stage_name))
{% if is_incremental() %}
where v.application_id in (
  select application_id from {{ ref('stg_greenhouse__application_stages') }}
  where pulled_at > (select max(pulled_at) from {{ this }})
  union
  select application_id from {{ ref('stg_greenhouse__applications') }}
  where pulled_at > (select max(pulled_at) from {{ this }})
     or candidate_id in (
       select candidate_id from {{ ref('stg_greenhouse__candidates') }}
       where pulled_at > (select max(pulled_at) from {{ this }}))
  union
  select h.application_id
  from {{ this }} as h
  left join {{ ref('stg_greenhouse__job_stages') }} as js on js.job_stage_id = h.job_stage_id
  left join {{ ref('greenhouse_stage_map') }} as m on m.stage_name = lower(trim(js.stage_name))
  where h.job_id is distinct from js.job_id
     or h.stage_name is distinct from js.stage_name
     or h.stage_sort_order is distinct from js.stage_sort_order
     or h.enterprise_stage is distinct from m.enterprise_stage
     or h.enterprise_stage_order is distinct from m.enterprise_stage_order
)
{% endif %}
