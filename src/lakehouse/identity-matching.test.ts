/**
 * Identity resolution's blocking, comparisons and deterministic keys on hand-built records: the
 * real identity models, macros and seeds, with the four relations they read from bronze and
 * silver (candidate and worker contacts, Greenhouse users and offers) replaced by fixture
 * tables. Each record pair below is a variation a second record of one person shows in real
 * data; the comparison levels expected for it are worked out in the comments.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Warehouse } from '../warehouse/warehouse.js';
import type { FixtureTable, FixtureValue } from './gold/fixture/fixture-table.js';
import { fixtureTableSql } from './gold/fixture/fixture-table.js';
import { REPOSITORY_ROOT, hrflow, queryWarehouse } from './gold/project-runner.js';

const CANDIDATE_COLUMNS = [
  ['candidate_id', 'BIGINT'],
  ['first_name', 'VARCHAR'],
  ['last_name', 'VARCHAR'],
  ['first_name_norm', 'VARCHAR'],
  ['last_name_norm', 'VARCHAR'],
  ['email', 'VARCHAR'],
  ['email_canonical', 'VARCHAR'],
  ['second_email', 'VARCHAR'],
  ['phone_raw', 'VARCHAR'],
  ['phone_e164', 'VARCHAR'],
  ['phone_country_iso2', 'VARCHAR'],
  ['linked_user_id', 'BIGINT'],
  ['created_at', 'TIMESTAMP'],
] as const;

const WORKER_COLUMNS = [
  ['worker_id', 'VARCHAR'],
  ['employee_id', 'VARCHAR'],
  ['person_wid', 'VARCHAR'],
  ['legal_first_name', 'VARCHAR'],
  ['legal_last_name', 'VARCHAR'],
  ['preferred_first_name', 'VARCHAR'],
  ['first_name_norm', 'VARCHAR'],
  ['preferred_first_name_norm', 'VARCHAR'],
  ['last_name_norm', 'VARCHAR'],
  ['personal_email', 'VARCHAR'],
  ['work_email', 'VARCHAR'],
  ['email_canonical', 'VARCHAR'],
  ['work_phone_e164', 'VARCHAR'],
  ['hire_date', 'DATE'],
  ['created_at', 'TIMESTAMP'],
] as const;

/** A candidate contact row; names are given already normalised. */
function candidate(
  id: number,
  first: string,
  last: string,
  email: string | null,
  phoneRaw: string | null,
  phoneE164: string | null,
): Record<string, FixtureValue> {
  return {
    candidate_id: id,
    first_name: first,
    last_name: last,
    first_name_norm: first,
    last_name_norm: last,
    email,
    email_canonical: email,
    phone_raw: phoneRaw,
    phone_e164: phoneE164,
    created_at: '2025-01-01 00:00:00',
  };
}

/** A worker contact row of Workday person `person`. */
function worker(
  id: string,
  person: string,
  first: string,
  last: string,
  workEmail: string,
  workPhone: string | null,
  hireDate: string,
): Record<string, FixtureValue> {
  return {
    worker_id: id,
    employee_id: `E-${id}`,
    person_wid: person,
    legal_first_name: first,
    legal_last_name: last,
    first_name_norm: first,
    last_name_norm: last,
    work_email: workEmail,
    work_phone_e164: workPhone,
    hire_date: hireDate,
    created_at: '2025-01-01 00:00:00',
  };
}

const FIXTURE: readonly FixtureTable[] = [
  {
    schema: 'fixture',
    name: 'identity_candidate_contact',
    columns: CANDIDATE_COLUMNS,
    rows: [
      // One London number, typed with its country code once and in national form without the
      // trunk 0 once (not readable as E.164 without a country): national numbers agree.
      candidate(
        1,
        'michelle',
        'evans',
        'michelle.e@mail.example',
        '+44 20 7442 5769',
        '+442074425769',
      ),
      candidate(2, 'michelle', 'evnas', null, '207 442 5769', null),
      // A New York number typed in national form, read once for a US job and once for a UK job.
      candidate(3, 'yusuf', 'kelly', 'yk@mail.example', '(646) 555-0103', '+16465550103'),
      candidate(4, 'yusuf', 'kelyl', null, '646 555 0103', '+446465550103'),
      // Nothing in common but the first name and a last name with a transposition past its
      // first letter: only the first-name-and-last-initial rule blocks them.
      candidate(5, 'lars', 'perry', 'lars.perry73@mail.example', null, null),
      candidate(6, 'lars', 'prery', 'larsp1134@other.example', null, null),
      // A formal name and its short form, which the nickname seed knows.
      candidate(7, 'victoria', 'thompson', 'vt@mail.example', null, null),
      candidate(8, 'vicky', 'thompson', 'vthompson@other.example', null, null),
      // Different first names that share their first letters: no evidence of one person.
      candidate(9, 'chen', 'novak', 'chen.novak@mail.example', null, null),
      candidate(10, 'chinedu', 'novak', 'cnovak@other.example', null, null),
      // Hired twice from Greenhouse: two accepted offers.
      candidate(11, 'meera', 'cook', 'mcook@mail.example', null, null),
    ],
  },
  {
    schema: 'fixture',
    name: 'identity_worker_contact',
    columns: WORKER_COLUMNS,
    rows: [
      // A contractor converted to an employee: two worker records of one Workday person, with
      // nothing else in common but the name (new work email and phone, later hire date).
      worker('W1', 'P1', 'riley', 'ward', 'riley.ward@corp.example', '+14155550137', '2024-12-20'),
      worker('W2', 'P1', 'riley', 'ward', 'riley.ward2@corp.example', '+14155550156', '2026-08-10'),
      // Meera Cook's two hires, one per offer.
      worker('W3', 'P2', 'meera', 'cook', 'meera.cook@corp.example', null, '2025-03-31'),
      worker('W4', 'P2', 'meera', 'cook', 'meera.cook2@corp.example', null, '2025-06-20'),
    ],
  },
  {
    schema: 'fixture',
    name: 'stg_greenhouse__users',
    columns: [
      ['user_id', 'BIGINT'],
      ['first_name', 'VARCHAR'],
      ['last_name', 'VARCHAR'],
      ['primary_email', 'VARCHAR'],
      ['employee_id', 'VARCHAR'],
      ['created_at', 'TIMESTAMP'],
    ],
    rows: [],
  },
  {
    schema: 'fixture',
    name: 'stg_greenhouse__offers',
    columns: [
      ['candidate_id', 'BIGINT'],
      ['status', 'VARCHAR'],
      ['starts_on', 'DATE'],
    ],
    rows: [
      { candidate_id: 11, status: 'accepted', starts_on: '2025-03-31' },
      { candidate_id: 11, status: 'accepted', starts_on: '2025-06-20' },
    ],
  },
];

let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hrflow-identity-'));
  for (const path of ['hrflow.config.yaml', 'sources', 'macros', 'seeds', 'tests/generic']) {
    cpSync(join(REPOSITORY_ROOT, path), join(root, path), { recursive: true });
  }
  cpSync(join(REPOSITORY_ROOT, 'models/silver/identity'), join(root, 'models/silver/identity'), {
    recursive: true,
  });
  mkdirSync(join(root, 'models/fixture'), { recursive: true });
  for (const t of FIXTURE) {
    writeFileSync(
      join(
        root,
        t.name.startsWith('identity_') ? 'models/silver/identity' : 'models/fixture',
        `${t.name}.sql`,
      ),
      `select * from ${t.schema}.${t.name}\n`,
    );
  }

  const warehouse = await Warehouse.open({
    path: join(root, 'target/hr_prod.duckdb'),
    catalog: 'hr_prod',
  });
  try {
    await warehouse.withSession(async (session) => {
      for (const t of FIXTURE) await session.run(fixtureTableSql(t));
    });
  } finally {
    await warehouse.close();
  }

  const built = await hrflow(root, ['build', '--no-sync', '--select', '+person_source_link']);
  expect(built.stderr).toContain('Completed successfully');
  expect(built.code).toBe(0);
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

/** The comparison vector of a blocked pair, or undefined when no rule blocked it. */
async function pair(left: string, right: string): Promise<Record<string, unknown> | undefined> {
  const rows = await queryWarehouse(
    root,
    `select first_name, last_name, email, phone, start_date
     from silver.identity_pairs
     where left_key = least('${left}', '${right}') and right_key = greatest('${left}', '${right}')`,
  );
  return rows[0];
}

describe('identity blocking and comparisons', () => {
  it('compares a number with and without its country code on the national number', async () => {
    // +44 20 7442 5769 has national significant number 2074425769; the other record's digits
    // could not be read in E.164 and are the same national number: phone level 2.
    expect(await pair('candidate:1', 'candidate:2')).toMatchObject({ last_name: 2, phone: 2 });
  });

  it('compares one national number read in two countries as the same number', async () => {
    // +1 646 555 0103 and +44 646 555 0103 share the national number 6465550103: level 2,
    // where comparing E.164 strings alone said they differ (0).
    expect(await pair('candidate:3', 'candidate:4')).toMatchObject({ first_name: 3, phone: 2 });
  });

  it('blocks a last-name typo past the first letter on first name and last initial', async () => {
    // perry / prery: one transposition, edit distance 1 (level 2); no phone, different emails.
    expect(await pair('candidate:5', 'candidate:6')).toMatchObject({
      first_name: 3,
      last_name: 2,
      email: 0,
      phone: -1,
    });
  });

  it('knows a nickname from the seed', async () => {
    expect(await pair('candidate:7', 'candidate:8')).toMatchObject({ first_name: 2 });
  });

  it('gives first names that only share a few letters no agreement level', async () => {
    // Jaro–Winkler of chen and chinedu is above 0.80, neither is the other's prefix: level 0.
    expect(await pair('candidate:9', 'candidate:10')).toMatchObject({ first_name: 0 });
  });

  it('compares a candidate hired twice with each hire on its own offer', async () => {
    // Accepted offers start 2025-03-31 and 2025-06-20, the hires on the same days: level 3 for
    // both workers, where the latest offer alone put the first hire 81 days away (0).
    expect(await pair('candidate:11', 'worker:W3')).toMatchObject({ start_date: 3 });
    expect(await pair('candidate:11', 'worker:W4')).toMatchObject({ start_date: 3 });
  });

  it('takes a different work phone of two worker records as no evidence', async () => {
    expect(await pair('worker:W1', 'worker:W2')).toMatchObject({ phone: -1 });
  });
});

describe('identity deterministic keys', () => {
  it('links the worker records of one Workday person', async () => {
    const rows = await queryWarehouse(
      root,
      `select l.person_id = r.person_id as same_person, e.match_method
       from silver.person_source_link as l
       join silver.person_source_link as r on r.source_record_key = 'worker:W2'
       join silver.person_match_edge as e
         on e.left_record_key = 'worker:W1' and e.right_record_key = 'worker:W2'
       where l.source_record_key = 'worker:W1'`,
    );
    expect(rows).toEqual([{ same_person: true, match_method: 'deterministic_workday_person' }]);
  });
});

describe('identity_pairs built incrementally', () => {
  const PAIRS_SQL = `select * exclude (left_hash, right_hash), left_hash is not null as hashed
    from silver.identity_pairs order by left_key, right_key`;
  const SELECT = ['identity_candidate_contact', 'identity_records', 'identity_pairs'];

  it('recompares only what changed and ends as a full refresh does', async () => {
    // A new record of Lars Perry with his first email; Chen Novak's record gone; Yusuf Kelyl's
    // phone removed.
    await queryWarehouse(
      root,
      `insert into fixture.identity_candidate_contact (candidate_id, first_name, last_name,
         first_name_norm, last_name_norm, email, email_canonical, created_at)
       values (12, 'lars', 'perry', 'lars', 'perry', 'lars.perry73@mail.example',
         'lars.perry73@mail.example', '2025-02-01 00:00:00')`,
    );
    await queryWarehouse(
      root,
      'delete from fixture.identity_candidate_contact where candidate_id = 9',
    );
    await queryWarehouse(
      root,
      `update fixture.identity_candidate_contact set phone_raw = null, phone_e164 = null
       where candidate_id = 4`,
    );

    const incremental = await hrflow(root, ['run', '--no-sync', '--select', ...SELECT]);
    expect(incremental.code).toBe(0);
    const afterIncremental = await queryWarehouse(root, PAIRS_SQL);
    // The new record and the changed one are compared again; pairs of unchanged records stay.
    const inserted = Number(/identity_pairs: INSERT (\d+)/.exec(incremental.stderr)?.[1]);
    expect(inserted).toBeGreaterThan(0);
    expect(inserted).toBeLessThan(afterIncremental.length);

    expect(await pair('candidate:5', 'candidate:12')).toMatchObject({ email: 3, last_name: 3 });
    expect(await pair('candidate:9', 'candidate:10')).toBeUndefined();
    expect(await pair('candidate:3', 'candidate:4')).toMatchObject({ phone: -1 });

    const full = await hrflow(root, ['run', '--no-sync', '--full-refresh', '--select', ...SELECT]);
    expect(full.code).toBe(0);
    expect(afterIncremental).toEqual(await queryWarehouse(root, PAIRS_SQL));
  });
});
