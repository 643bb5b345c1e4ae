-- Stage history pre-aggregated for the dashboards' funnel, read instead of
-- fct_application_stages whenever a request's shape allows: one row per application and cell
-- (date entered, stage, organisation), so applications reaching a stage stay a distinct count
-- that is exact over any filter, over an integer key.
select
  cast(entered_at as date) as entered_on,
  stage_name,
  stage_order,
  business_unit,
  department,
  office,
  job_family,
  cast(dense_rank() over (order by application_id) as integer) as application_key,
  sum(days_in_stage) as days_in_stage_sum,
  count(days_in_stage) as days_in_stage_n
from {{ ref('fct_application_stages') }}
group by
  cast(entered_at as date), stage_name, stage_order, business_unit, department, office,
  job_family, application_id
order by entered_on
