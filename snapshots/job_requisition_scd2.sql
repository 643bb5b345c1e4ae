{% snapshot job_requisition_scd2 %}
{{ config(unique_key='opening_id', strategy='timestamp', updated_at='updated_at', hard_deletes='new_record') }}
select * from {{ ref('stg_greenhouse__openings') }}
{% endsnapshot %}
