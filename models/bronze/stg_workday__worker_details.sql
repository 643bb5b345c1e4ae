-- The latest staffing record of each Workday worker.
select *
from {{ ref('stg_workday__worker_details_history') }}
where version_to = {{ open_timestamp() }} and not is_deleted
