import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Warehouse } from './warehouse.js';

describe('Warehouse', () => {
  it('opens a file under its catalog name with sessions in UTC', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hrflow-wh-'));
    const warehouse = await Warehouse.open({ path: join(dir, 'w.duckdb'), catalog: 'hr_test' });
    try {
      const rows = await warehouse.withSession((s) =>
        s.query(
          "SELECT current_database() AS db, current_setting('TimeZone') AS tz, TIMESTAMPTZ '2026-01-01 00:00:00+00'::VARCHAR AS t",
        ),
      );
      expect(rows).toEqual([{ db: 'hr_test', tz: 'UTC', t: '2026-01-01 00:00:00+00' }]);
    } finally {
      await warehouse.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
