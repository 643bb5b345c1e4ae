import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { genericTestNode, testNodeName } from './generic-tests.js';
import type { NodeId } from './nodes.js';

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

describe('testNodeName', () => {
  it('joins the arguments in key order, whatever order the YAML gave them', () => {
    expect(
      testNodeName('relationships', 'workers', {
        to: "ref('departments')",
        field: 'department_id',
        column_name: 'department_id',
      }).name,
    ).toBe('relationships_workers_department_id__department_id__ref_departments_');
  });

  it('spells booleans and nulls as Python prints them and flattens lists', () => {
    expect(
      testNodeName('accepted_values', 'headcount', {
        column_name: 'headcount',
        values: [1, 2],
        quote: false,
      }).name,
    ).toBe('accepted_values_headcount_headcount__False__1__2');
    expect(testNodeName('t', 'm', { a: null }).name).toBe('t_m_None');
  });

  it('flattens a map argument to its values', () => {
    expect(testNodeName('t', 'm', { column_name: 'c', where: { x: 'a b', y: 2 } }).name).toBe(
      't_m_c__a_b__2',
    );
  });

  it('ends with an underscore when the test takes no arguments', () => {
    expect(testNodeName('has_rows', 'workers', {}).name).toBe('has_rows_workers_');
  });

  it('keeps a name of 63 characters as its own alias', () => {
    const naming = testNodeName('unique', 'm', {
      column_name: 'c'.repeat(63 - 'unique_m_'.length),
    });
    expect(naming.name).toHaveLength(63);
    expect(naming.alias).toBe(naming.name);
  });

  it('gives a name of 64 characters or more a short alias: 30 characters and the md5 of the name', () => {
    const naming = testNodeName('accepted_values', 'fct_worker_events', {
      column_name: 'event_type',
      values: ['hire', 'termination', 'compensation_change'],
    });
    expect(naming.name).toBe(
      'accepted_values_fct_worker_events_event_type__hire__termination__compensation_change',
    );
    expect(naming.alias).toBe(`accepted_values_fct_worker_eve_${md5(naming.name)}`);
  });
});

describe('genericTestNode', () => {
  const ctx = { packageName: 'hr', file: 'models/schema.yml', yamlPath: 'x', folderConfig: {} };

  it('names a test on a source source_<test>_<source>_<table>_…', () => {
    const node = genericTestNode(
      'not_null',
      {
        nodeId: 'source.hr.workday.workers' as NodeId,
        expression: "source('workday', 'workers')",
        nameForTest: 'workday_workers',
        onSource: true,
        columnName: 'worker_id',
      },
      ctx,
    );
    expect(node.name).toBe('source_not_null_workday_workers_worker_id');
    expect(node.alias).toBeUndefined();
  });

  it('leaves config keys out of the name and the macro call', () => {
    const node = genericTestNode(
      { accepted_values: { values: ['a'], config: { severity: 'warn' }, where: 'x > 1' } },
      { nodeId: 'model.hr.m' as NodeId, expression: "ref('m')", nameForTest: 'm', columnName: 'c' },
      ctx,
    );
    expect(node.name).toBe('accepted_values_m_c__a');
    expect(node.config).toMatchObject({ severity: 'warn', where: 'x > 1' });
    expect(node.rawCode).toBe(
      `{{ test_accepted_values(model=ref('m'), values=["a"], column_name="c") }}`,
    );
  });
});
