-- One row per Workday supervisory organisation, conformed to the Greenhouse department of the
-- same name and to the business unit most of its workers belong to.
with unit_of_org as (
  select org_descriptor, business_unit_name
  from (
    select
      org_descriptor,
      business_unit_name,
      row_number() over (partition by org_descriptor order by count(*) desc, business_unit_name) as rank_in_org
    from {{ ref('stg_workday__headcount_snapshot') }}
    where business_unit_name is not null
    group by org_descriptor, business_unit_name
  ) as ranked
  where rank_in_org = 1
),
department_by_name as (
  select lower(department_name) as name_key, min(department_id) as department_id
  from {{ ref('stg_greenhouse__departments') }}
  group by lower(department_name)
)
select
  o.org_unit_id,
  o.org_code,
  coalesce(o.org_name, o.descriptor) as org_name,
  o.superior_org_unit_id,
  o.manager_worker_id,
  md5(lower(u.business_unit_name)) as business_unit_id,
  d.department_id,
  o.is_inactive
from {{ ref('stg_workday__organizations') }} as o
left join unit_of_org as u on u.org_descriptor = o.descriptor
left join department_by_name as d on d.name_key = lower(o.org_name)
