/** The shipped source specs: they load, resolve, describe their tables and build the requests the APIs expect. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSourceSpec, loadSourceSpecs } from '../spec/load-spec.js';
import { resolveSource } from '../spec/resolve-source.js';
import { sourceTablesOf } from '../source-tables.js';
import { startPagination } from '../pagination/pagination.js';
import { buildRequest } from '../sync/request-builder.js';
import { parseXml } from '../records/xml.js';
import { selectRecords } from '../records/record-selector.js';
import { buildRecord } from '../sync/record-builder.js';
import { createRecordValidator } from '../records/record-validator.js';

const root = join(import.meta.dirname, '..', '..', '..');
const greenhouse = loadSourceSpec(join(root, 'sources/greenhouse.yaml'), 'sources/greenhouse.yaml');
const workday = loadSourceSpec(join(root, 'sources/workday.yaml'), 'sources/workday.yaml');

const GH_ENV = { GREENHOUSE_CLIENT_ID: 'gh-id', GREENHOUSE_CLIENT_SECRET: 'gh-secret-value' };
const WD_ENV = {
  WORKDAY_CLIENT_ID: 'wd-id',
  WORKDAY_CLIENT_SECRET: 'wd-secret-value',
  WORKDAY_REFRESH_TOKEN: 'wd-refresh-value',
};

describe('sources/*.yaml', () => {
  it('loads every spec in the folder', () => {
    expect(loadSourceSpecs(join(root, 'sources'), root).map((s) => s.name)).toEqual([
      'greenhouse',
      'workday',
    ]);
  });

  it('points Greenhouse at Harvest v3 by default and at an override per target', () => {
    expect(resolveSource(greenhouse, {}, GH_ENV).baseUrl).toBe('https://harvest.greenhouse.io/v3');
    const local = resolveSource(
      greenhouse,
      { base_url: 'http://127.0.0.1:4010/v3', token_url: 'http://127.0.0.1:4010/token' },
      GH_ENV,
    );
    expect(local.auth).toMatchObject({
      kind: 'oauth2_client_credentials',
      tokenUrl: 'http://127.0.0.1:4010/token',
      clientAuth: 'basic',
    });
  });

  it('builds the Workday token URL from host and tenant', () => {
    const source = resolveSource(
      workday,
      { base_url: 'http://127.0.0.1:4020', tenant: 'hrflow_dev' },
      WD_ENV,
    );
    expect(source.auth).toMatchObject({
      kind: 'oauth2_refresh_token',
      tokenUrl: 'http://127.0.0.1:4020/ccx/oauth2/hrflow_dev/token',
    });
  });

  it('filters Greenhouse incremental streams on updated_at alone, two-sided', () => {
    const source = resolveSource(greenhouse, {}, GH_ENV);
    for (const stream of source.streams.filter((s) => s.incremental)) {
      expect(stream.incremental?.params.map(([k, t]) => [k, t.source])).toEqual([
        ['updated_at', 'gte|{start}|lte|{end}'],
      ]);
      expect(
        stream.params.some(([k]) => ['created_at', 'updated_at', 'submitted_at'].includes(k)),
      ).toBe(false);
    }
  });

  it('describes the dbt-style source tables a spec produces', () => {
    const tables = sourceTablesOf(greenhouse);
    const candidates = tables.find((t) => t.name === 'candidates');
    expect(candidates).toMatchObject({
      source: 'greenhouse',
      relation: { schema: 'bronze', identifier: 'greenhouse_candidates' },
      loadedAtField: 'pulled_at',
      freshness: {
        warnAfter: { count: 1, period: 'day' },
        errorAfter: { count: 2, period: 'day' },
      },
      primaryKey: ['id'],
    });
    expect(candidates?.piiTags).toEqual(['address', 'contact', 'name']);
    expect(candidates?.fields.find((f) => f.path === 'email_addresses')).toMatchObject({
      pii: ['contact'],
    });
    expect(candidates?.columns.map((c) => c.name)).toContain('payload_hash');
    expect(sourceTablesOf(workday).find((t) => t.name === 'workers_soap')?.enabledByDefault).toBe(
      false,
    );
  });

  it('keeps SOAP Get_Workers off unless soap_incremental is set', () => {
    expect(
      resolveSource(workday, {}, WD_ENV).streams.find((s) => s.name === 'workers_soap')?.enabled,
    ).toBe(false);
    expect(
      resolveSource(workday, { soap_incremental: true }, WD_ENV).streams.find(
        (s) => s.name === 'workers_soap',
      )?.enabled,
    ).toBe(true);
  });

  it('renders the Get_Workers envelope with both transaction-log windows and the page', () => {
    const source = resolveSource(workday, { soap_incremental: 'true', tenant: 'acme' }, WD_ENV);
    const stream = source.streams.find((s) => s.name === 'workers_soap');
    if (!stream) throw new Error('missing stream');
    const pagination = startPagination(stream.pagination, stream.id);
    pagination.firstRequest();
    pagination.update({
      requestUrl: '',
      response: { status: 200, headers: {}, body: '' },
      body: {
        Envelope: { Body: { Get_Workers_Response: { Response_Results: { Total_Pages: '3' } } } },
      },
      records: 100,
    });
    const vars: Record<string, string> = {
      start: '2026-01-01T00:00:00Z',
      end: '2026-01-02T00:00:00Z',
      start_date: '2026-01-01',
      end_date: '2026-01-02',
    };
    const request = buildRequest(
      source,
      stream,
      pagination.nextRequest(),
      (n) => vars[n] ?? source.params[n],
      [],
    );
    expect(request.method).toBe('POST');
    expect(request.url).toBe(
      'https://wd2-impl-services1.workday.com/ccx/service/acme/Human_Resources/v44.0',
    );
    expect(request.headers['content-type']).toContain('text/xml');
    expect(request.body).toContain('<bsvc:Updated_From>2026-01-01T00:00:00Z</bsvc:Updated_From>');
    expect(request.body).toContain('<bsvc:Effective_From>2026-01-01</bsvc:Effective_From>');
    expect(request.body).toContain(
      '<bsvc:As_Of_Entry_DateTime>2026-01-02T00:00:00Z</bsvc:As_Of_Entry_DateTime>',
    );
    expect(request.body).toContain('<bsvc:Page>2</bsvc:Page>');
    expect(pagination.hasMore()).toBe(true);
  });

  it('reads workers out of a Get_Workers response', () => {
    const xml = `<?xml version="1.0"?>
      <env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>
        <wd:Get_Workers_Response xmlns:wd="urn:com.workday/bsvc" wd:version="v44.0">
          <wd:Response_Results><wd:Total_Results>2</wd:Total_Results><wd:Total_Pages>1</wd:Total_Pages></wd:Response_Results>
          <wd:Response_Data>
            <wd:Worker><wd:Worker_Reference><wd:ID wd:type="WID">3f2a9c10b7d411ee8c9a0242ac120002</wd:ID><wd:ID wd:type="Employee_ID">21044</wd:ID></wd:Worker_Reference>
              <wd:Worker_Data><wd:Worker_ID>21044</wd:Worker_ID><wd:Personal_Data><wd:Birth_Date>1990-02-03-08:00</wd:Birth_Date></wd:Personal_Data></wd:Worker_Data></wd:Worker>
            <wd:Worker><wd:Worker_Reference><wd:ID wd:type="WID">5b7d0e22b7d411ee8c9a0242ac120002</wd:ID></wd:Worker_Reference>
              <wd:Worker_Data><wd:Worker_ID>C-3307</wd:Worker_ID><wd:Note><![CDATA[a < b & c]]></wd:Note></wd:Worker_Data></wd:Worker>
          </wd:Response_Data>
        </wd:Get_Workers_Response></env:Body></env:Envelope>`;
    const source = resolveSource(workday, { soap_incremental: 'true' }, WD_ENV);
    const stream = source.streams.find((s) => s.name === 'workers_soap');
    if (!stream) throw new Error('missing stream');
    const records = selectRecords(parseXml(xml), stream.records.path, stream.id);
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({ Worker_Data: { Worker_ID: 'C-3307', Note: 'a < b & c' } });
    const built = records.map((r) =>
      buildRecord(r, {
        stream,
        validator: createRecordValidator(stream.schema, stream.id),
        lookup: () => '2026-01-02',
        parent: undefined,
        pulledAtMs: 0,
        endpoint: '/x',
      }),
    );
    expect(
      built.map((b) => (b.kind === 'row' ? [b.row.sourceId, b.row.effectiveDate] : b.row.reason)),
    ).toEqual([
      ['3f2a9c10b7d411ee8c9a0242ac120002', '2026-01-02'],
      ['5b7d0e22b7d411ee8c9a0242ac120002', '2026-01-02'],
    ]);
  });
});
