import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import { TemplateEngine } from './template-engine.js';
import type { RenderScope } from './template-engine.js';

const macros = [
  {
    path: 'macros/util.sql',
    packageName: 'demo',
    names: ['cols', 'wrap', 'pick'],
    source: `{% macro cols(names) -%}{{ names | join(', ') }}{%- endmacro %}
{% macro wrap(tag) -%}<{{ tag }}>{{ caller() }}</{{ tag }}>{%- endmacro %}
{% macro pick(xs) -%}{{ return(xs | sort) }}{%- endmacro %}
{% macro whoami() -%}{{ this }}{%- endmacro %}`,
  },
];

function render(source: string, scope: RenderScope = {}): string {
  return new TemplateEngine(macros, 'demo').render(source, 'models/x.sql', scope);
}

function errorOf(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (e) {
    if (e instanceof HrflowError) return e;
    throw e;
  }
  throw new Error('expected an error');
}

describe("templates speak dbt's Jinja", () => {
  it('supports set, block set, for with loop, if and whitespace control', () => {
    const sql = render(`{%- set cols = ['a', 'b', 'c'] -%}
{%- set where -%} x > 1 {%- endset -%}
select {% for c in cols %}{{ c }}{% if not loop.last %}, {% endif %}{% endfor %} from t where {{ where | trim }}
{#- a comment -#}`);
    expect(sql).toBe('select a, b, c from t where x > 1');
  });

  it('calls project macros with caller() and return values', () => {
    expect(render("{% call wrap('b') %}x{% endcall %}")).toBe('<b>x</b>');
    expect(render("{{ pick(['c', 'a', 'b']) | join('') }}")).toBe('abc');
    expect(render("select {{ cols(['id', 'name']) }}")).toBe('select id, name');
  });

  it('lets macros see the calling node through the scope', () => {
    expect(render('{{ whoami() }}', { this: 'hr_prod.silver.worker' })).toBe(
      'hr_prod.silver.worker',
    );
  });

  it('runs {% do %} for side effects only', () => {
    expect(
      render("{% set xs = [] %}{% do xs.append(1) %}{% do xs.append(2) %}{{ xs | join(',') }}"),
    ).toBe('1,2');
  });

  it('understands Python literals and string methods', () => {
    expect(render("{{ 'Hr Flow'.lower().replace(' ', '_') }} {{ True }} {{ None is none }}")).toBe(
      'hr_flow True True',
    );
    expect(render("{{ ' a,b '.strip().split(',') | join('|') }}")).toBe('a|b');
    expect(
      render("{% set d = {'k': 1} %}{% for k, v in d.items() %}{{ k }}={{ v }}{% endfor %}"),
    ).toBe('k=1');
  });

  it('prints values as Python prints them, in {{ }} and with ~', () => {
    expect(render('{{ 1 > 2 }} {{ [1, "a", none, true] }} {{ {"k": ["v"]} }}')).toBe(
      "False [1, 'a', None, True] {'k': ['v']}",
    );
    expect(render("{{ 'flag=' ~ (1 < 2) ~ ', ' ~ [\"it's\"] ~ ', ' ~ none }}")).toBe(
      `flag=True, ["it's"], None`,
    );
    expect(render('{{ "n=" ~ 3 ~ " " ~ undefined_name }}')).toBe('n=3 ');
  });

  it("refuses Python '%' formatting instead of printing NaN", () => {
    const e = errorOf(() => render("select '{{ 'a_%s' % 1 }}'"));
    expect(e.code).toBe('jinja-unsupported');
    expect(e.location?.file).toBe('models/x.sql');
  });

  it('refuses attribute assignment with a line and the alternative', () => {
    const e = errorOf(() => render('select 1\n{% set ns.total = 0 %}'));
    expect(e.code).toBe('jinja-unsupported');
    expect(e.location?.line).toBe(2);
    expect(e.hint).toContain('update');
  });

  it('names the line of an undefined value', () => {
    const e = errorOf(() => render('select\n  {{ missing_thing }}'));
    expect(e.code).toBe('template-error');
    expect(e.location?.line).toBe(2);
    expect(e.message).toContain('missing_thing');
  });
});
