{#-
  Normalisation of personal data for conformed entities and record linkage. Each is a
  dispatched macro: DuckDB has Unicode normalisation and accent stripping built in; on Spark
  the same columns are computed without accent folding (see the spark__ variants).
-#}

{#- Trimmed, lower-cased email; NULL when empty or without an @. -#}
{% macro normalize_email(expr) -%}
  case when position('@' in trim({{ expr }})) > 1 then lower(trim({{ expr }})) end
{%- endmacro %}

{#-
  An email reduced for comparison only: the +tag of the local part removed (jane+jobs@x →
  jane@x). Evidence, never a key.
-#}
{% macro canonical_email(expr) -%}
  case when position('@' in {{ expr }}) > 1 then
    regexp_replace(split_part({{ expr }}, '@', 1), '\+.*$', '') || '@' || split_part({{ expr }}, '@', 2)
  end
{%- endmacro %}

{#- canonical_email with the dots of the local part removed too (jane.doe@x → janedoe@x). -#}
{% macro dotless_email(expr) -%}
  replace(split_part({{ expr }}, '@', 1), '.', '') || '@' || split_part({{ expr }}, '@', 2)
{%- endmacro %}

{#- A name for matching: Unicode NFC, accents stripped, case-folded, whitespace collapsed. -#}
{% macro normalize_name(expr) -%}
  {{ adapter.dispatch('normalize_name')(expr) }}
{%- endmacro %}
{% macro default__normalize_name(expr) -%}
  nullif(trim(regexp_replace(lower(strip_accents(nfc_normalize({{ expr }}))), '\s+', ' ', 'g')), '')
{%- endmacro %}
{% macro spark__normalize_name(expr) -%}
  nullif(trim(regexp_replace(lower({{ expr }}), '\\s+', ' ')), '')
{%- endmacro %}

{#- A first name for matching: normalize_name without a trailing middle initial ("Ana M." → "ana"). -#}
{% macro normalize_first_name(expr) -%}
  nullif(regexp_replace({{ normalize_name(expr) }}, '\s+[a-z]\.?$', ''), '')
{%- endmacro %}

{#-
  A phone number in E.164. Numbers typed with + or 00 keep their country code; national
  numbers take the calling code of the country they were recorded in (the candidate's office,
  the worker's location), after dropping that country's trunk prefix. NANP numbers typed with
  a leading 1 keep one 1. Anything outside 8..15 digits is NULL: no guessing from the last
  digits.
-#}
{% macro phone_e164(raw, calling_code, trunk_prefix) -%}
  {{ adapter.dispatch('phone_e164')(raw, calling_code, trunk_prefix) }}
{%- endmacro %}
{% macro default__phone_e164(raw, calling_code, trunk_prefix) -%}
  {%- set digits = "regexp_replace(" ~ raw ~ ", '[^0-9]', '', 'g')" -%}
  {%- set national = "(case when coalesce(" ~ trunk_prefix ~ ", '') <> '' and starts_with(" ~ digits ~ ", " ~ trunk_prefix ~ ") then substr(" ~ digits ~ ", length(" ~ trunk_prefix ~ ") + 1) when " ~ calling_code ~ " = '1' and length(" ~ digits ~ ") = 11 and starts_with(" ~ digits ~ ", '1') then substr(" ~ digits ~ ", 2) else " ~ digits ~ " end)" -%}
  (case
    when length({{ digits }}) not between 8 and 15 then null
    when starts_with(trim({{ raw }}), '+') then '+' || {{ digits }}
    when starts_with({{ digits }}, '00') then '+' || substr({{ digits }}, 3)
    when {{ calling_code }} is null then null
    -- A national number cannot start with 0 once the trunk prefix is gone, and a North American
    -- one is ten digits with an area code from 2 to 9: anything else was typed in another
    -- country's format, and guessing would invent a number.
    when starts_with({{ national }}, '0') then null
    when {{ calling_code }} = '1' and not regexp_matches({{ national }}, '^[2-9][0-9]{9}$') then null
    else '+' || {{ calling_code }} || {{ national }}
  end)
{%- endmacro %}
{% macro spark__phone_e164(raw, calling_code, trunk_prefix) -%}
  (case
    when length(regexp_replace({{ raw }}, '[^0-9]', '')) not between 8 and 15 then null
    when trim({{ raw }}) like '+%' then concat('+', regexp_replace({{ raw }}, '[^0-9]', ''))
    when regexp_replace({{ raw }}, '[^0-9]', '') like '00%' then concat('+', substr(regexp_replace({{ raw }}, '[^0-9]', ''), 3))
    when {{ calling_code }} is null then null
    when {{ calling_code }} = '1' and length(regexp_replace({{ raw }}, '[^0-9]', '')) = 11 then concat('+', regexp_replace({{ raw }}, '[^0-9]', ''))
    when coalesce({{ trunk_prefix }}, '') <> '' and regexp_replace({{ raw }}, '[^0-9]', '') like concat({{ trunk_prefix }}, '%')
      then concat('+', {{ calling_code }}, substr(regexp_replace({{ raw }}, '[^0-9]', ''), length({{ trunk_prefix }}) + 1))
    else concat('+', {{ calling_code }}, regexp_replace({{ raw }}, '[^0-9]', ''))
  end)
{%- endmacro %}

{#-
  String similarity for record linkage: Jaro–Winkler 0..1 (1 = identical; Spark needs the UDF
  registered) and edit distance counting a transposition as one edit where the engine can.
-#}
{% macro jaro_winkler(a, b) -%}
  {{ adapter.dispatch('jaro_winkler')(a, b) }}
{%- endmacro %}
{% macro default__jaro_winkler(a, b) -%}jaro_winkler_similarity({{ a }}, {{ b }}){%- endmacro %}
{% macro spark__jaro_winkler(a, b) -%}hrflow_jaro_winkler({{ a }}, {{ b }}){%- endmacro %}

{% macro edit_distance(a, b) -%}
  {{ adapter.dispatch('edit_distance')(a, b) }}
{%- endmacro %}
{% macro default__edit_distance(a, b) -%}damerau_levenshtein({{ a }}, {{ b }}){%- endmacro %}
{% macro spark__edit_distance(a, b) -%}levenshtein({{ a }}, {{ b }}){%- endmacro %}

{#- A stable 32-hex key from several columns. -#}
{% macro surrogate_key(columns) -%}
  md5({% for c in columns %}coalesce(cast({{ c }} as {{ dbt.type_string() }}), '~'){% if not loop.last %} || '|' || {% endif %}{% endfor %})
{%- endmacro %}
