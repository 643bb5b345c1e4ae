-- One row per scheduled interview of a live application.
select i.* exclude (pulled_at)
from {{ ref('stg_greenhouse__interviews') }} as i
join {{ ref('stg_greenhouse__applications') }} as a on a.application_id = i.application_id
