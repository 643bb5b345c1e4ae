-- One row per business unit named by Workday headcount rows or Greenhouse job custom fields.
with named as (
  select business_unit_name, min(split_part(cost_center, ' ', 1)) as cost_center_code
  from {{ ref('stg_workday__headcount_snapshot') }}
  where business_unit_name is not null
  group by business_unit_name
  union all
  select business_unit_name, null as cost_center_code
  from {{ ref('stg_greenhouse__jobs') }}
  where business_unit_name is not null
)
select
  md5(lower(business_unit_name)) as business_unit_id,
  min(business_unit_name) as business_unit_name,
  min(cost_center_code) as cost_center_code
from named
group by md5(lower(business_unit_name))
