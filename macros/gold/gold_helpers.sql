{#-
  Shared pieces of the gold layer: the reporting date, the breakdown dimensions every metric
  table uses, and the mapping of self-reported demographic answers to groups.
-#}

{#-
  The last day metrics cover: var as_of_date (YYYY-MM-DD) when set, else today. Months after it
  do not exist, and the month holding it is cut at it.
-#}
{% macro gold_as_of_date() -%}
  {%- set as_of = var('as_of_date', none) -%}
  {%- if as_of is none or as_of == '' -%}
    current_date
  {%- else -%}
    cast({{ literal(as_of | string) }} as date)
  {%- endif -%}
{%- endmacro %}

{#-
  Breakdown rows for a relation: one copy of each input row per dimension type, with
  dimension_type, dimension_id (text, '(none)' when the row has no value) and dimension_value
  (its label). `dimensions` is a list of [dimension_type, id expression, label expression];
  the company-wide copy ('company', 'all', 'All') is always first.
-#}
{% macro gold_explode_dimensions(relation, dimensions, columns='*') -%}
  select {{ columns }}, 'company' as dimension_type, 'all' as dimension_id, 'All' as dimension_value
  from {{ relation }}
  {%- for dim in dimensions %}
  union all
  select
    {{ columns }},
    {{ literal(dim[0]) }} as dimension_type,
    coalesce(cast({{ dim[1] }} as varchar), '(none)') as dimension_id,
    coalesce(cast({{ dim[2] }} as varchar), '(none)') as dimension_value
  from {{ relation }}
  {%- endfor %}
{%- endmacro %}

{#- The breakdowns of workforce metrics, over columns of int_gold_workforce_rows. -#}
{% macro gold_workforce_dimensions() -%}
  {{ return([
    ['department', 'department_id', 'department_name'],
    ['office', 'office_id', 'office_name'],
    ['business_unit', 'business_unit_id', 'business_unit_name'],
    ['job_family', 'job_family', 'job_family'],
    ['job_level', 'job_level', 'job_level']
  ]) }}
{%- endmacro %}

{#- The breakdowns of recruiting metrics, over columns of int_gold_applications and friends. -#}
{% macro gold_recruiting_dimensions() -%}
  {{ return([
    ['department', 'department_id', 'department_name'],
    ['office', 'office_id', 'office_name'],
    ['business_unit', 'business_unit_id', 'business_unit_name'],
    ['job_family', 'job_family', 'job_family'],
    ['job_level', 'job_level', 'job_level']
  ]) }}
{%- endmacro %}

{#-
  A self-reported demographic answer as a group: lower-case snake_case, with no answer, a
  declined answer and "not specified" all folded into 'unknown'.
-#}
{% macro gold_demographic_group(expr) -%}
  case
    when {{ expr }} is null then 'unknown'
    when regexp_matches(lower(cast({{ expr }} as varchar)), 'decline|not specified|prefer not|wish to answer|not_specified|unknown') then 'unknown'
    else trim(regexp_replace(regexp_replace(lower(cast({{ expr }} as varchar)), '\s*\(.*\)\s*$', ''), '[^a-z0-9]+', '_', 'g'), '_')
  end
{%- endmacro %}

{#- Calendar days between two dates or timestamps (their dates), as an integer. -#}
{% macro gold_days_between(from_expr, to_expr) -%}
  datediff('day', cast({{ from_expr }} as date), cast({{ to_expr }} as date))
{%- endmacro %}

{#- num / den, or NULL when den is 0 or NULL. -#}
{% macro gold_ratio(num, den) -%}
  cast({{ num }} as double) / nullif({{ den }}, 0)
{%- endmacro %}

{#-
  Fills in the months a breakdown had no activity: `relation` holds monthly rows keyed by
  period_month, dimension_type, dimension_id (plus `keys`), with dimension_value and measures.
  Every key gets a row for each month from its first month to the reporting month; `counts`
  become 0 where the month had no row, `values` stay NULL.
-#}
{% macro gold_fill_months(relation, counts=[], values=[], keys=[]) -%}
  {%- set key_cols = ['dimension_type', 'dimension_id'].concat(keys) -%}
  select
    m.period_month,
    m.period_end_capped as period_end,
    m.is_complete_period,
    {%- for k in key_cols %}
    mb.{{ k }},
    {%- endfor %}
    mb.dimension_value
    {%- for c in counts %},
    coalesce(r.{{ c }}, 0) as {{ c }}
    {%- endfor %}
    {%- for v in values %},
    r.{{ v }}
    {%- endfor %}
  from (
    select {{ key_cols | join(', ') }}, min(period_month) as first_month,
      arg_max(dimension_value, period_month) as dimension_value
    from {{ relation }}
    group by {{ key_cols | join(', ') }}
  ) as mb
  join {{ ref('int_gold_months') }} as m on m.period_month >= mb.first_month
  left join {{ relation }} as r
    on r.period_month = m.period_month
    {%- for k in key_cols %}
   and r.{{ k }} is not distinct from mb.{{ k }}
    {%- endfor %}
{%- endmacro %}

{#- The position of an enterprise stage in the funnel (seed greenhouse_stage_map's order). -#}
{% macro gold_stage_order(expr) -%}
  case {{ expr }}
    when 'applied' then 1
    when 'screen' then 2
    when 'assessment' then 3
    when 'interview' then 4
    when 'offer' then 5
    when 'hired' then 6
  end
{%- endmacro %}

{#-
  The moment freshness is judged at: var as_of_timestamp when set, else the end of var
  as_of_date when set, else now (UTC, without time zone like every silver timestamp).
-#}
{% macro gold_as_of_timestamp() -%}
  {%- set ts = var('as_of_timestamp', none) -%}
  {%- set day = var('as_of_date', none) -%}
  {%- if ts is not none and ts != '' -%}
    cast({{ literal(ts | string) }} as timestamp)
  {%- elif day is not none and day != '' -%}
    cast(cast({{ literal(day | string) }} as date) + interval 1 day as timestamp)
  {%- else -%}
    cast(timezone('UTC', current_timestamp) as timestamp)
  {%- endif -%}
{%- endmacro %}

{#-
  The landed streams the volume detector counts rows of, as [source, stream]: every stream the
  connector specs enable by default. A stream added to a spec must be added here too.
-#}
{% macro gold_bronze_streams() -%}
  {{ return([
    ['greenhouse', 'candidates'], ['greenhouse', 'applications'],
    ['greenhouse', 'application_stages'], ['greenhouse', 'jobs'], ['greenhouse', 'job_posts'],
    ['greenhouse', 'job_posts_deleted'], ['greenhouse', 'openings'], ['greenhouse', 'offers'],
    ['greenhouse', 'scheduled_interviews'], ['greenhouse', 'scorecards'], ['greenhouse', 'users'],
    ['greenhouse', 'departments'], ['greenhouse', 'offices'], ['greenhouse', 'sources'],
    ['greenhouse', 'rejection_reasons'], ['greenhouse', 'close_reasons'],
    ['greenhouse', 'job_stages'], ['greenhouse', 'eeoc'], ['greenhouse', 'demographic_answers'],
    ['greenhouse', 'demographic_questions'], ['greenhouse', 'demographic_answer_options'],
    ['greenhouse', 'custom_fields'], ['greenhouse', 'custom_field_options'],
    ['workday', 'workers'], ['workday', 'worker_details'], ['workday', 'worker_service_dates'],
    ['workday', 'personal_information'], ['workday', 'organizations'],
    ['workday', 'job_profiles'], ['workday', 'headcount_snapshot'], ['workday', 'terminations'],
    ['workday', 'hires']
  ]) }}
{%- endmacro %}

{#- The tenure band of someone hired on `hire_date` as of `as_of` (bands of tenure_monthly). -#}
{% macro gold_tenure_band(hire_date, as_of) -%}
  case
    when {{ as_of }} < cast({{ hire_date }} + interval 1 year as date) then 'under 1 year'
    when {{ as_of }} < cast({{ hire_date }} + interval 5 year as date) then '1-5 years'
    when {{ as_of }} < cast({{ hire_date }} + interval 10 year as date) then '5-10 years'
    when {{ as_of }} < cast({{ hire_date }} + interval 20 year as date) then '10-20 years'
    when {{ as_of }} < cast({{ hire_date }} + interval 30 year as date) then '20-30 years'
    else '30 years and more'
  end
{%- endmacro %}

{#-
  Runs of consecutive months (spells) per subject and cell, from `months`: a CTE with one row
  per subject, month and cell. Continues a `with` list with `month_islands`, `month_spells`
  (subject, cells, first_month, last_month) and `keyed_spells`, which adds `key_column`: a dense
  integer key for subjects with more than one spell (counted distinct by it), null for the rest
  (counted per spell shape).
-#}
{% macro gold_month_spells(months, subject, month, cells, key_column) -%}
  {%- set cell_list = cells | join(', ') -%}
month_islands as (
  select
    {{ subject }},
    {{ month }},
    {{ cell_list }},
    date_diff('month', date '2000-01-01', {{ month }}) - row_number() over (
      partition by {{ subject }}, {{ cell_list }} order by {{ month }}
    ) as island
  from {{ months }}
),

month_spells as (
  select
    {{ subject }},
    {{ cell_list }},
    min({{ month }}) as first_month,
    max({{ month }}) as last_month
  from month_islands
  group by {{ subject }}, {{ cell_list }}, island
),

keyed_spells as (
  select *, {{ gold_repeat_key(subject) }} as {{ key_column }}
  from month_spells
)
{%- endmacro %}

{#-
  The rollups' key for exact distinct counts: a dense integer per `subject` for subjects with
  more than one row in `partition` (default: the subject), null for the rest, which are
  counted per cell instead.
-#}
{% macro gold_repeat_key(subject, partition=none) -%}
  case
    when count(*) over (partition by {{ partition or subject }}) > 1
      then cast(dense_rank() over (order by {{ subject }}) as integer)
  end
{%- endmacro %}
