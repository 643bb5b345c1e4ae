-- One row per Greenhouse office, with its country read from the location text ("City, Country").
select
  o.office_id,
  o.office_name,
  o.location,
  trim(split_part(o.location, ',', 1)) as city,
  c.country_name,
  c.country_iso2,
  c.calling_code,
  c.trunk_prefix,
  o.external_id,
  o.parent_office_id
from {{ ref('stg_greenhouse__offices') }} as o
left join {{ ref('country_reference') }} as c
  on lower(c.country_name) = lower(trim(substr(o.location, position(',' in o.location) + 1)))
