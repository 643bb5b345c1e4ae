-- EEO self-identification completeness per application cohort: one row per source, country of
-- the job's office and application week, with how many applications carry an EEOC response
-- (at least one field answered; a declined answer counts as answered). Only countries where
-- any application ever carried a response are covered, since the form is not offered
-- elsewhere. The base of the eeoc_completeness_anomalies detector and of the data quality
-- dashboard.
with apps as (
  select
    a.*,
    coalesce(o.country_iso2, '(none)') as country_iso2,
    coalesce(
      e.gender is not null or e.race is not null
        or e.veteran_status is not null or e.disability_status is not null,
      false
    ) as has_eeo_answer
  from {{ ref('int_gold_applications') }} as a
  left join {{ ref('office') }} as o on cast(o.office_id as varchar) = a.office_id
  left join (
    select application_id, any_value(gender) as gender, any_value(race) as race,
      any_value(veteran_status) as veteran_status, any_value(disability_status) as disability_status
    from {{ ref('candidate_eeo_response') }}
    group by application_id
  ) as e on e.application_id = a.application_id
  where a.applied_date <= {{ gold_as_of_date() }}
),
collecting as (
  select country_iso2 from apps group by country_iso2 having bool_or(has_eeo_answer)
)
select
  cast(date_trunc('week', applied_date) as date) as week_start,
  source_id,
  any_value(source_name) as source_name,
  any_value(source_type) as source_type,
  country_iso2,
  count(*) as applications,
  count(*) filter (where has_eeo_answer) as applications_with_eeo,
  count(*) filter (where is_hired) as hires,
  count(*) filter (where is_hired and has_eeo_answer) as hires_with_eeo,
  round({{ gold_ratio('count(*) filter (where has_eeo_answer)', 'count(*)') }}, 6) as completeness
from apps
where country_iso2 in (select country_iso2 from collecting)
group by all
