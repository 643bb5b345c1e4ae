{#- Workday sends no record timestamp, so changes are detected on a hash of the attributes. -#}
{% snapshot worker_scd2 %}
{{ config(unique_key='worker_id', strategy='check', check_cols=['attribute_hash'], hard_deletes='new_record') }}
select
  w.*,
  md5(concat_ws('|',
    w.employee_id, w.worker_type, w.employment_status, w.legal_first_name, w.legal_last_name,
    w.preferred_first_name, w.work_email, w.personal_email, w.work_phone_e164,
    cast(w.hire_date as varchar), cast(w.termination_date as varchar), w.termination_category,
    w.primary_position_id, w.business_title, w.job_profile_id, w.org_unit_id, w.location_name,
    w.manager_worker_id, w.employee_type, w.time_type, cast(w.fte as varchar),
    cast(w.base_pay as varchar), w.base_pay_currency
  )) as attribute_hash
from {{ ref('worker') }} as w
{% endsnapshot %}
