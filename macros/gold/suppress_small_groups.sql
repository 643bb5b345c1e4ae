{#-
  Small-group suppression for diversity breakdowns: the one place gold hides counts.

  Input: `relation` holds counts of people by group (gender, race, ...) for the rows of one or
  more breakdowns. Each partition (`partition_by`, e.g. month and attribute) is one published
  table: a total row (the row whose `block_column` equals `total_block`, e.g. the whole
  company) and blocks of rows (one block per `block_column` value, e.g. department or office),
  each block splitting the same people as the total row. A row with no value for the breakdown
  must be present as a row of its own (e.g. '(none)'), so that every block adds up to the total.

  Output: one row per partition, block, row and group (missing combinations filled with 0, and
  every value of `groups` present in every partition), the count or NULL where hidden,
  `row_total` (the row's population, shown except in the single-group case below) and
  `is_suppressed`. The raw count of a hidden cell is not in the output.

  What is hidden:
  1. Primary: counts from 1 to min_size - 1 (var min_group_size). Zeros describe nobody and are
     shown; groups listed in `exempt_groups` (e.g. 'Unknown') are never primary.
  2. Total row: when exactly one of its cells is primary, the smallest other non-zero cell too
     (non-exempt first). These columns are the locked columns.
  3. Locked columns in every block: every cell of a row whose locked cells are not all zero.
  4. Other primaries, per block: the rows holding them times the columns holding them, plus one
     more column when they sit in one column and one more row when they sit in one row. If a
     hidden cell of that rectangle block has no witness (below), the block is widened by one
     more row and one more column; if that still fails, the whole partition is hidden.
  5. A partition without a total row, or whose total row cannot be complemented, is hidden whole.
     A partition with a single group is hidden whole with its row totals, since there each count
     is its row's total; pass the full list of `groups` so that this only happens when the
     attribute truly has one value.

  Why no hidden count can be worked out from the shown cells and totals: each hidden cell can
  move by one in at least one direction while every shown cell, every row total and every block
  column sum stays put and no count goes below zero.
  - Step 4 blocks are full rectangles of rows R x columns C. Cell (r, c) can rise by one when row
    r has another non-zero cell (r, c2) and column c has another non-zero cell (r2, c): add one
    at (r, c) and (r2, c2), take one from (r, c2) and (r2, c). It can fall by one when it is
    non-zero and some non-zero cell shares neither its row nor its column. That is the witness
    checked for every cell of such a block.
  - Locked columns: a cell (r, c) moves together with a non-zero locked cell (r, c2) of the same
    row (one up, one down), the total row's cells (0, c) and (0, c2) move the same way, and every
    other block repeats the move in a row holding a non-zero (r', c2); such a row exists because
    the block's column c2 adds up to the total's non-zero (0, c2), and it is hidden by step 3.
  - A partition hidden whole has the same moves on every cell, zeros included.
  The property test in src/lakehouse/gold/suppression.property.test.ts checks this with an
  exhaustive search over small tables.
-#}
{% macro suppress_small_groups(
    relation,
    count_column,
    partition_by=[],
    block_column='dimension_type',
    row_column='dimension_value',
    group_column='group_value',
    total_block='company',
    exempt_groups=[],
    groups=[],
    min_size=none
) -%}
{%- set k = min_size if min_size is not none else var('min_group_size', 5) -%}
{%- set exempt -%}
  {%- if exempt_groups | length == 0 -%}false{%- else -%}
  _grp in ({% for g in exempt_groups %}{{ literal(g) }}{% if not loop.last %}, {% endif %}{% endfor %})
  {%- endif -%}
{%- endset -%}
with
_ssg_src as (
  select
    {% for p in partition_by %}{{ p }}, {% endfor %}
    cast({{ block_column }} as varchar) as _block,
    cast({{ row_column }} as varchar) as _row,
    cast({{ group_column }} as varchar) as _grp,
    sum({{ count_column }}) as _n
  from {{ relation }}
  group by all
),
_ssg_parts as (
  select *, row_number() over (order by {% if partition_by | length > 0 %}{{ partition_by | join(', ') }}{% else %}1{% endif %}) as _pid
  from (select distinct {% if partition_by | length > 0 %}{{ partition_by | join(', ') }}{% else %}1 as _one{% endif %} from _ssg_src) as p
),
_ssg_keyed as (
  select p._pid, s._block, s._row, s._grp, s._n
  from _ssg_src as s
  join _ssg_parts as p
    on {% for c in partition_by %}p.{{ c }} is not distinct from s.{{ c }} and {% endfor %}true
),
_ssg_groups as (
  select distinct _pid, _grp from _ssg_keyed
  {%- for g in groups %}
  union
  select _pid, {{ literal(g) }} from _ssg_parts
  {%- endfor %}
),
_ssg_grid as (
  select r._pid, r._block, r._row, g._grp, coalesce(k._n, 0) as _n
  from (select distinct _pid, _block, _row from _ssg_keyed) as r
  join _ssg_groups as g on g._pid = r._pid
  left join _ssg_keyed as k
    on k._pid = r._pid and k._block = r._block and k._row = r._row and k._grp = g._grp
),
_ssg_cells as (
  select
    *,
    _block = {{ literal(total_block) }} as _is_total,
    {{ exempt }} as _exempt,
    _n >= 1 and _n < {{ k }} and not ({{ exempt }}) as _primary,
    sum(_n) over (partition by _pid, _block, _row) as _row_total
  from _ssg_grid
),
_ssg_total as (
  select * from _ssg_cells where _is_total
),
_ssg_total_primaries as (
  select _pid, count(*) filter (where _primary) as _np, count(distinct _row) as _total_rows
  from _ssg_total
  group by _pid
),
_ssg_total_complement as (
  select t._pid, t._grp
  from _ssg_total as t
  join _ssg_total_primaries as tp on tp._pid = t._pid
  where tp._np = 1 and not t._primary and t._n >= 1
  qualify row_number() over (partition by t._pid order by t._exempt, t._n, t._grp) = 1
),
_ssg_locked as (
  select _pid, _grp from _ssg_total where _primary
  union
  select _pid, _grp from _ssg_total_complement
),
_ssg_single_group as (
  select _pid from _ssg_groups group by _pid having count(*) < 2
),
_ssg_whole as (
  -- partitions hidden whole: one group only, no single total row, or a total row that cannot
  -- be complemented
  select p._pid
  from _ssg_parts as p
  left join _ssg_total_primaries as tp on tp._pid = p._pid
  where tp._pid is null
     or tp._total_rows <> 1
     or p._pid in (select _pid from _ssg_single_group)
     or (tp._np = 1 and not exists (select 1 from _ssg_total_complement as c where c._pid = p._pid))
),
_ssg_block_cells as (
  select c.*, l._grp is not null as _is_locked
  from _ssg_cells as c
  left join _ssg_locked as l on l._pid = c._pid and l._grp = c._grp
  where not c._is_total
),
_ssg_locked_hidden as (
  select _pid, _block, _row, _grp
  from _ssg_block_cells
  where _is_locked
  qualify sum(_n) over (partition by _pid, _block, _row) >= 1
),
_ssg_b_primary as (
  select * from _ssg_block_cells where _primary and not _is_locked
),
_ssg_b_cols as (
  select distinct _pid, _block, _grp from _ssg_b_primary
),
_ssg_b_rows as (
  select distinct _pid, _block, _row from _ssg_b_primary
),
_ssg_b_shape as (
  select c._pid, c._block, c._ncols, r._nrows
  from (select _pid, _block, count(*) as _ncols from _ssg_b_cols group by all) as c
  join (select _pid, _block, count(*) as _nrows from _ssg_b_rows group by all) as r
    on r._pid = c._pid and r._block = c._block
),
_ssg_extra_col as (
  -- the column to add: not locked, not already in the rectangle; non-exempt first, then the one
  -- non-zero in most of the rectangle's rows, then the largest group overall
  select c._pid, c._block, c._grp
  from _ssg_block_cells as c
  join _ssg_b_shape as s on s._pid = c._pid and s._block = c._block
  left join _ssg_b_rows as r on r._pid = c._pid and r._block = c._block and r._row = c._row
  where not c._is_locked
    and not exists (
      select 1 from _ssg_b_cols as bc
      where bc._pid = c._pid and bc._block = c._block and bc._grp = c._grp
    )
  group by c._pid, c._block, c._grp
  qualify row_number() over (
    partition by c._pid, c._block
    order by bool_or(c._exempt), count(*) filter (where r._row is not null and c._n >= 1) desc,
      sum(c._n) desc, c._grp
  ) = 1
),
_ssg_extra_row as (
  -- the row to add: not already in the rectangle; the largest population first
  select c._pid, c._block, c._row
  from _ssg_block_cells as c
  join _ssg_b_shape as s on s._pid = c._pid and s._block = c._block
  where not exists (
    select 1 from _ssg_b_rows as br
    where br._pid = c._pid and br._block = c._block and br._row = c._row
  )
  group by c._pid, c._block, c._row
  qualify row_number() over (partition by c._pid, c._block order by max(c._row_total) desc, c._row) = 1
),
{%- for round in [1, 2] %}
_ssg_cols_{{ round }} as (
  select _pid, _block, _grp from _ssg_b_cols
  union
  select e._pid, e._block, e._grp
  from _ssg_extra_col as e
  join _ssg_b_shape as s on s._pid = e._pid and s._block = e._block
  {%- if round == 1 %}
  where s._ncols = 1
  {%- endif %}
),
_ssg_rows_{{ round }} as (
  select _pid, _block, _row from _ssg_b_rows
  union
  select e._pid, e._block, e._row
  from _ssg_extra_row as e
  join _ssg_b_shape as s on s._pid = e._pid and s._block = e._block
  {%- if round == 1 %}
  where s._nrows = 1
  {%- endif %}
),
_ssg_rect_{{ round }} as (
  select c._pid, c._block, c._row, c._grp, c._n
  from _ssg_block_cells as c
  join _ssg_cols_{{ round }} as k on k._pid = c._pid and k._block = c._block and k._grp = c._grp
  join _ssg_rows_{{ round }} as r on r._pid = c._pid and r._block = c._block and r._row = c._row
),
_ssg_unsafe_{{ round }} as (
  select distinct _pid, _block
  from (
    select
      _n,
      _pid,
      _block,
      count(*) filter (where _n >= 1) over (partition by _pid, _block, _row) as _row_nz,
      count(*) filter (where _n >= 1) over (partition by _pid, _block, _grp) as _col_nz,
      count(*) filter (where _n >= 1) over (partition by _pid, _block) as _all_nz,
      count(distinct _row) over (partition by _pid, _block) as _rows,
      count(distinct _grp) over (partition by _pid, _block) as _cols
    from _ssg_rect_{{ round }}
  ) as w
  where _rows < 2
     or _cols < 2
     or not (
       (_row_nz - (case when _n >= 1 then 1 else 0 end) >= 1
         and _col_nz - (case when _n >= 1 then 1 else 0 end) >= 1)
       or (_n >= 1 and _all_nz - _row_nz - _col_nz + 1 >= 1)
     )
),
{%- endfor %}
_ssg_rect_hidden as (
  select r._pid, r._block, r._row, r._grp
  from _ssg_rect_1 as r
  where not exists (
    select 1 from _ssg_unsafe_1 as u where u._pid = r._pid and u._block = r._block
  )
  union
  select r._pid, r._block, r._row, r._grp
  from _ssg_rect_2 as r
  where exists (select 1 from _ssg_unsafe_1 as u where u._pid = r._pid and u._block = r._block)
    and not exists (
      select 1 from _ssg_unsafe_2 as u where u._pid = r._pid and u._block = r._block
    )
),
_ssg_whole_all as (
  select _pid from _ssg_whole
  union
  select u2._pid
  from _ssg_unsafe_2 as u2
  join _ssg_unsafe_1 as u1 on u1._pid = u2._pid and u1._block = u2._block
),
_ssg_hidden as (
  select _pid, _block, _row, _grp from _ssg_total as t
  where exists (select 1 from _ssg_locked as l where l._pid = t._pid and l._grp = t._grp)
  union
  select _pid, _block, _row, _grp from _ssg_locked_hidden
  union
  select _pid, _block, _row, _grp from _ssg_rect_hidden
)
select
  {% for p in partition_by %}p.{{ p }}, {% endfor %}
  c._block as {{ block_column }},
  c._row as {{ row_column }},
  c._grp as {{ group_column }},
  case when h._pid is null and (w._pid is null or c._row_total = 0) then c._n end as {{ count_column }},
  case when c._pid not in (select _pid from _ssg_single_group) then c._row_total end as row_total,
  h._pid is not null or (w._pid is not null and c._row_total > 0) as is_suppressed
from _ssg_cells as c
join _ssg_parts as p on p._pid = c._pid
left join _ssg_hidden as h
  on h._pid = c._pid and h._block = c._block and h._row = c._row and h._grp = c._grp
left join _ssg_whole_all as w on w._pid = c._pid
{%- endmacro %}
