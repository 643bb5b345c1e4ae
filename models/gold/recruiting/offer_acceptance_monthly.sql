-- M9 offer acceptance per month of extension and breakdown. One offer per application: its
-- versions are revisions of one offer, extended on the first version's sent date and resolved
-- by the latest version's status. The rate is accepted over accepted plus declined; offers
-- still pending and offers the company withdrew are counted but left out of the rate.
with offers as (
  select
    application_id,
    min(coalesce(sent_on, cast(created_at as date))) as extended_on,
    max_by(status, version) as latest_status
  from {{ ref('offer') }}
  group by application_id
),
resolved as (
  select
    a.*,
    o.extended_on,
    case
      when o.latest_status = 'accepted' then 'accepted'
      when o.latest_status = 'created' then 'pending'
      when o.latest_status = 'rejected' and a.rejection_reason_type = 'we_rejected_them' then 'rescinded'
      when o.latest_status = 'rejected' then 'declined'
      else 'rescinded'
    end as offer_outcome
  from offers as o
  join {{ ref('int_gold_applications') }} as a on a.application_id = o.application_id
  where o.extended_on <= {{ gold_as_of_date() }}
),
exploded as (
  {{ gold_explode_dimensions('resolved', gold_recruiting_dimensions()) }}
),
monthly as (
  select
    cast(date_trunc('month', extended_on) as date) as period_month,
    dimension_type,
    dimension_id,
    any_value(dimension_value) as dimension_value,
    count(*) as offers_extended,
    count(*) filter (where offer_outcome = 'accepted') as offers_accepted,
    count(*) filter (where offer_outcome = 'declined') as offers_declined,
    count(*) filter (where offer_outcome = 'rescinded') as offers_rescinded,
    count(*) filter (where offer_outcome = 'pending') as offers_pending
  from exploded
  group by all
)
select
  *,
  round({{ gold_ratio('offers_accepted', 'offers_accepted + offers_declined') }}, 6)
    as offer_acceptance_rate
from (
  {{ gold_fill_months('monthly', counts=['offers_extended', 'offers_accepted', 'offers_declined',
     'offers_rescinded', 'offers_pending']) }}
) as grid
