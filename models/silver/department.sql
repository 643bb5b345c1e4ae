-- One row per Greenhouse department, with its tree root and the Workday organisation of the same name.
with org_by_name as (
  select lower(org_name) as name_key, min(org_unit_id) as org_unit_id
  from {{ ref('org_unit') }}
  group by lower(org_name)
),
units as (
  select department_id, min(business_unit_id) as business_unit_id
  from {{ ref('org_unit') }}
  where department_id is not null and business_unit_id is not null
  group by department_id
)
select
  d.department_id,
  d.department_name,
  d.parent_department_id,
  coalesce(p.department_id, d.department_id) as top_department_id,
  d.external_id,
  o.org_unit_id,
  coalesce(u.business_unit_id, pu.business_unit_id) as business_unit_id
from {{ ref('stg_greenhouse__departments') }} as d
left join {{ ref('stg_greenhouse__departments') }} as p on p.department_id = d.parent_department_id
left join org_by_name as o on o.name_key = lower(d.department_name)
left join units as u on u.department_id = d.department_id
left join units as pu on pu.department_id = d.parent_department_id
