{#-
  Relation naming. A project overrides any of these by defining a macro of the same name, and
  may call the default__ spelling from its override, as in dbt. hrflow projects put a model in
  exactly the schema its +schema config names (bronze, silver, gold); dbt projects keep dbt's
  rule of prefixing the target schema, so their tables land where dbt would put them.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {{ return(adapter.dispatch('generate_schema_name', 'dbt')(custom_schema_name, node)) }}
{%- endmacro %}

{% macro default__generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none or custom_schema_name == '' -%}
    {{ target.schema }}
  {%- elif project_flavor == 'dbt' -%}
    {{ target.schema }}_{{ custom_schema_name | trim }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro generate_alias_name(custom_alias_name, node) -%}
  {{ return(adapter.dispatch('generate_alias_name', 'dbt')(custom_alias_name, node)) }}
{%- endmacro %}

{% macro default__generate_alias_name(custom_alias_name, node) -%}
  {%- if custom_alias_name is none or custom_alias_name == '' -%}
    {{ node.name }}
  {%- else -%}
    {{ custom_alias_name | trim }}
  {%- endif -%}
{%- endmacro %}

{% macro generate_database_name(custom_database_name, node) -%}
  {{ return(adapter.dispatch('generate_database_name', 'dbt')(custom_database_name, node)) }}
{%- endmacro %}

{% macro default__generate_database_name(custom_database_name, node) -%}
  {%- if custom_database_name is none or custom_database_name == '' -%}
    {{ target.database }}
  {%- else -%}
    {{ custom_database_name | trim }}
  {%- endif -%}
{%- endmacro %}
