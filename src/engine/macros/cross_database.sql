{#-
  Cross-database macros: one name per operation, spelled per adapter through adapter.dispatch,
  so a model written with them compiles for DuckDB and for Spark. Call them as dbt.name(...),
  hrflow.name(...) or plain name(...). A project may add duckdb__x / spark__x variants of its own.
-#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}
{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
  ({{ from_date_or_timestamp }} + (interval 1 {{ datepart }}) * ({{ interval }}))
{%- endmacro %}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
  timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{#- Number of datepart boundaries crossed from first to second, as dbt defines it. -#}
{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}
{% macro default__datediff(first_date, second_date, datepart) -%}
  date_diff('{{ datepart }}', cast({{ first_date }} as timestamp), cast({{ second_date }} as timestamp))
{%- endmacro %}
{% macro spark__datediff(first_date, second_date, datepart) -%}
  {%- if datepart == 'day' -%}
    datediff(cast({{ second_date }} as date), cast({{ first_date }} as date))
  {%- elif datepart == 'week' -%}
    floor(datediff(date_trunc('week', {{ second_date }}), date_trunc('week', {{ first_date }})) / 7)
  {%- elif datepart == 'month' -%}
    ((year({{ second_date }}) * 12 + month({{ second_date }})) - (year({{ first_date }}) * 12 + month({{ first_date }})))
  {%- elif datepart == 'quarter' -%}
    ((year({{ second_date }}) * 4 + quarter({{ second_date }})) - (year({{ first_date }}) * 4 + quarter({{ first_date }})))
  {%- elif datepart == 'year' -%}
    (year({{ second_date }}) - year({{ first_date }}))
  {%- else -%}
    timestampdiff({{ datepart }}, date_trunc('{{ datepart }}', {{ first_date }}), date_trunc('{{ datepart }}', {{ second_date }}))
  {%- endif -%}
{%- endmacro %}

{#- A timestamp on every adapter, whether given a date or a timestamp. -#}
{% macro date_trunc(datepart, date) -%}
  {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}
{% macro default__date_trunc(datepart, date) -%}
  date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}
{% macro default__last_day(date, datepart) -%}
  cast({{ dateadd('day', -1, dateadd(datepart, 1, date_trunc(datepart, date))) }} as date)
{%- endmacro %}

{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}
{% macro default__current_timestamp() -%}current_timestamp{%- endmacro %}
{% macro spark__current_timestamp() -%}current_timestamp(){%- endmacro %}

{#- Parses an ISO-8601 text (with or without offset) into a UTC timestamp without time zone. -#}
{% macro to_utc_timestamp(text) -%}
  {{ return(adapter.dispatch('to_utc_timestamp', 'hrflow')(text)) }}
{%- endmacro %}
{% macro default__to_utc_timestamp(text) -%}
  timezone('UTC', try_cast({{ text }} as timestamptz))
{%- endmacro %}
{% macro spark__to_utc_timestamp(text) -%}
  to_utc_timestamp(to_timestamp({{ text }}), 'UTC')
{%- endmacro %}

{% macro to_date(text) -%}
  {{ return(adapter.dispatch('to_date', 'hrflow')(text)) }}
{%- endmacro %}
{% macro default__to_date(text) -%}try_cast({{ text }} as date){%- endmacro %}
{% macro spark__to_date(text) -%}to_date({{ text }}){%- endmacro %}

{% macro type_string() -%}{{ return(adapter.dispatch('type_string', 'dbt')()) }}{%- endmacro %}
{% macro default__type_string() -%}varchar{%- endmacro %}
{% macro spark__type_string() -%}string{%- endmacro %}
{% macro type_int() -%}integer{%- endmacro %}
{% macro type_bigint() -%}bigint{%- endmacro %}
{% macro type_float() -%}double{%- endmacro %}
{% macro type_numeric() -%}decimal(28, 6){%- endmacro %}
{% macro type_boolean() -%}boolean{%- endmacro %}
{% macro type_timestamp() -%}timestamp{%- endmacro %}
{% macro type_date() -%}date{%- endmacro %}

{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}
{% macro default__safe_cast(field, type) -%}try_cast({{ field }} as {{ type }}){%- endmacro %}

{% macro cast(field, type) -%}cast({{ field }} as {{ type }}){%- endmacro %}

{% macro hash(field) -%}
  {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}
{% macro default__hash(field) -%}md5(cast({{ field }} as varchar)){%- endmacro %}
{% macro spark__hash(field) -%}md5(cast({{ field }} as string)){%- endmacro %}

{#- Concatenation that is null when any part is null, on every adapter. -#}
{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}
{% macro default__concat(fields) -%}({{ fields | join(' || ') }}){%- endmacro %}
{% macro spark__concat(fields) -%}concat({{ fields | join(', ') }}){%- endmacro %}

{% macro split_part(string_text, delimiter_text, part_number) -%}
  split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{% macro replace(field, old_chars, new_chars) -%}
  replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro length(expression) -%}length({{ expression }}){%- endmacro %}

{% macro right(string_text, length_expression) -%}
  right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}
{% macro default__position(substring_text, string_text) -%}
  strpos({{ string_text }}, {{ substring_text }})
{%- endmacro %}
{% macro spark__position(substring_text, string_text) -%}
  locate({{ substring_text }}, {{ string_text }})
{%- endmacro %}

{% macro escape_single_quotes(expression) -%}{{ expression | replace("'", "''") }}{%- endmacro %}

{% macro string_literal(value) -%}'{{ value | string | replace("'", "''") }}'{%- endmacro %}

{#- A quoted identifier, safe for any name. -#}
{% macro ident(name) -%}{{ adapter.quote(name) }}{%- endmacro %}

{#- A quoted literal for a value from YAML or vars: strings are quoted, numbers and booleans kept. -#}
{% macro literal(value) -%}
  {%- if value is none -%}null
  {%- elif value is number or value === true or value === false -%}{{ value }}
  {%- else -%}'{{ value | string | replace("'", "''") }}'
  {%- endif -%}
{%- endmacro %}

{% macro any_value(expression) -%}
  {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}
{% macro default__any_value(expression) -%}any_value({{ expression }}){%- endmacro %}
{% macro spark__any_value(expression) -%}first({{ expression }}){%- endmacro %}

{% macro bool_or(expression) -%}bool_or({{ expression }}){%- endmacro %}

{% macro listagg(measure, delimiter_text="','", order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}
{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  string_agg({{ measure }}, {{ delimiter_text }}{% if order_by_clause %} {{ order_by_clause }}{% endif %})
{%- endmacro %}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  array_join(collect_list({{ measure }}), {{ delimiter_text }})
{%- endmacro %}

{#- A JSON text value at a JSON path ('$.a.b'); null when absent. -#}
{% macro json_text(json, path) -%}
  {{ return(adapter.dispatch('json_text', 'hrflow')(json, path)) }}
{%- endmacro %}
{% macro default__json_text(json, path) -%}json_extract_string({{ json }}, '{{ path }}'){%- endmacro %}
{% macro spark__json_text(json, path) -%}get_json_object({{ json }}, '{{ path }}'){%- endmacro %}

{#- One row per element of a JSON array (as JSON text), for use in a select list. -#}
{% macro json_array_elements(json, path='$') -%}
  {{ return(adapter.dispatch('json_array_elements', 'hrflow')(json, path)) }}
{%- endmacro %}
{% macro default__json_array_elements(json, path) -%}
  unnest(coalesce(cast(json_extract({{ json }}, '{{ path }}') as json[]), []))
{%- endmacro %}
{% macro spark__json_array_elements(json, path) -%}
  explode(coalesce(from_json(get_json_object({{ json }}, '{{ path }}'), 'array<string>'), array()))
{%- endmacro %}

{#- One row per period start between two dates, inclusive of start and exclusive of end. -#}
{% macro date_spine(datepart, start_date, end_date, column='date_' ~ datepart) -%}
  {{ return(adapter.dispatch('date_spine', 'hrflow')(datepart, start_date, end_date, column)) }}
{%- endmacro %}
{% macro default__date_spine(datepart, start_date, end_date, column) -%}
  select cast(spine.generate_series as date) as {{ column }}
  from generate_series(cast({{ start_date }} as timestamp), cast({{ end_date }} as timestamp) - interval 1 second, interval 1 {{ datepart }}) as spine
{%- endmacro %}
{% macro spark__date_spine(datepart, start_date, end_date, column) -%}
  select d as {{ column }}
  from (select explode(sequence(cast({{ start_date }} as date), date_sub(cast({{ end_date }} as date), 1), interval 1 {{ datepart }})) as d)
{%- endmacro %}
