import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HrflowError } from '../../core/errors.js';
import type { SeedConfig } from './config.js';
import { checkHeader, parseFirstRecord, seedColumns, translateCsvError } from './seed-csv.js';

const source = {
  node: { id: 'seed.hr.departments', name: 'departments' },
  file: 'seeds/departments.csv',
};

function thrown(fn: () => unknown): HrflowError {
  try {
    fn();
  } catch (error) {
    if (error instanceof HrflowError) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('parseFirstRecord', () => {
  it('splits the first line on the delimiter and stops at the line break', () => {
    expect(parseFirstRecord('id,name\r\n1,Ann\n', ',')).toEqual(['id', 'name']);
    expect(parseFirstRecord('id;name', ';')).toEqual(['id', 'name']);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks', () => {
    expect(parseFirstRecord('"a,b","say ""hi""","two\nlines",c\n1,2,3,4', ',')).toEqual([
      'a,b',
      'say "hi"',
      'two\nlines',
      'c',
    ]);
  });

  it('skips a byte-order mark and keeps empty fields', () => {
    expect(parseFirstRecord('\ufeffid,,name\n', ',')).toEqual(['id', '', 'name']);
  });

  it('reports an empty file and an unterminated quote', () => {
    expect(parseFirstRecord('', ',')).toBe('empty');
    expect(parseFirstRecord('\n\n', ',')).toBe('empty');
    expect(parseFirstRecord('id,"name\n1,2\n', ',')).toBe('unterminated');
  });

  it('round-trips any header written with standard CSV quoting', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1 }), { minLength: 1, maxLength: 6 }),
        (names) => {
          const line = names.map((n) => `"${n.replace(/"/g, '""')}"`).join(',');
          expect(parseFirstRecord(`${line}\n1,2`, ',')).toEqual(names);
        },
      ),
    );
  });
});

describe('checkHeader', () => {
  const check = (header: string[], config: SeedConfig = {}) =>
    thrown(() => checkHeader(source, header, config));

  it('accepts plain identifiers and column_types naming header columns in any case', () => {
    expect(() =>
      checkHeader(source, ['dept_id', 'Name'], { column_types: { NAME: 'VARCHAR' } }),
    ).not.toThrow();
  });

  it('points every problem at line 1 of the file', () => {
    const error = check(['id', '', 'name']);

    expect(error.code).toBe('seed-invalid');
    expect(error.message).toBe('departments: column 2 of the header has no name');
    expect(error.location).toEqual({
      file: 'seeds/departments.csv',
      line: 1,
      node: 'seed.hr.departments',
    });
  });

  it('refuses a name used twice, ignoring case', () => {
    expect(check(['id', 'name', 'ID']).message).toBe(
      'departments: columns 1 and 3 are both named ID',
    );
  });

  it('refuses names that are not plain identifiers unless quote_columns is set', () => {
    const error = check(['id', 'cost center']);

    expect(error.message).toBe('departments: header "cost center" is not a plain identifier');
    expect(error.hint).toMatch(/quote_columns: true/);
    expect(() => checkHeader(source, ['id', 'cost center'], { quote_columns: true })).not.toThrow();
  });

  it('refuses column_types for a column the header lacks', () => {
    expect(check(['id'], { column_types: { name: 'VARCHAR' } }).message).toBe(
      'departments: column_types names name, which is not in the header (id)',
    );
  });
});

describe('seedColumns', () => {
  it('takes overrides by name and inferred types by position', () => {
    expect(
      seedColumns(
        ['id', 'Name', 'opened'],
        [
          { name: 'id', type: 'BIGINT' },
          { name: 'Name', type: 'VARCHAR' },
          { name: 'opened', type: 'DATE' },
        ],
        [{ name: 'id', type: 'VARCHAR' }],
      ),
    ).toEqual([
      { name: 'id', type: 'VARCHAR' },
      { name: 'Name', type: 'VARCHAR' },
      { name: 'opened', type: 'DATE' },
    ]);
  });
});

describe('translateCsvError', () => {
  const sqlError = (message: string) => new HrflowError('sql-error', message);

  it('turns a field-count error into the line and both counts', () => {
    const error = translateCsvError(
      source,
      sqlError(
        'departments: build temporary table failed: Invalid Input Error: CSV Error on Line: 3\n' +
          'Original Line: 2,People,extra\nExpected Number of Columns: 2 Found: 3\nPossible fixes:',
      ),
    );

    expect(error?.code).toBe('seed-invalid');
    expect(error?.message).toBe('departments: expected 2 fields, found 3: 2,People,extra');
    expect(error?.location).toEqual({
      file: 'seeds/departments.csv',
      line: 3,
      node: 'seed.hr.departments',
    });
  });

  it('turns a conversion error into the column and a column_types hint', () => {
    const error = translateCsvError(
      source,
      sqlError(
        'Conversion Error: CSV Error on Line: 4\nOriginal Line: abc,Cy\n' +
          `Error when converting column "id". Could not convert string "abc" to 'INTEGER'\n\nColumn id`,
      ),
    );

    expect(error?.message).toBe(
      `departments: column id: Could not convert string "abc" to 'INTEGER': abc,Cy`,
    );
    expect(error?.location?.line).toBe(4);
    expect(error?.hint).toBe('Fix the value, or set column_types for id to a type that holds it.');
  });

  it('leaves other errors alone', () => {
    expect(translateCsvError(source, sqlError('Binder Error: nope'))).toBeUndefined();
    expect(translateCsvError(source, new Error('CSV Error on Line: 3'))).toBeUndefined();
  });
});
