{% snapshot application_scd2 %}
{{ config(unique_key='application_id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record') }}
select * from {{ ref('stg_greenhouse__applications') }}
{% endsnapshot %}
