import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLogFile, type LogPage } from '../../../bot/monitoring/read-log-file';
import { CsvRowParser } from '../../../bot/monitoring/csv-row-parser';
import { JsonRecordSplitter } from '../../../bot/monitoring/json-record-splitter';
import type { SignIn } from '../../../workflows/graph-records';

const FIXTURES = join(__dirname, '../../fixtures/signins');
const tmp = mkdtempSync(join(tmpdir(), 'bg-signins-'));

async function readAll(path: string, chunkSize?: number): Promise<LogPage> {
  const all: LogPage = { signIns: [], audits: [], skipped: [], ignored: 0, passedOver: 0 };
  for await (const p of readLogFile(path, chunkSize ? { chunkSize } : {})) {
    all.signIns.push(...p.signIns);
    all.audits.push(...p.audits);
    all.skipped.push(...p.skipped);
    all.ignored += p.ignored;
  }
  return all;
}

/** What the rules read, in a comparable form. */
const essentials = (s: SignIn) => ({
  id: s.id,
  at: s.createdDateTime,
  upn: s.userPrincipalName,
  userId: s.userId,
  name: s.userDisplayName,
  code: s.status.errorCode,
  details: s.status.additionalDetails || (s.authenticationDetails?.[0]?.authenticationStepResultDetail ?? null),
  ip: s.ipAddress,
  country: s.location?.countryOrRegion,
  city: s.location?.city,
  client: s.clientAppUsed,
  app: s.appDisplayName,
  appId: s.appId,
  device: s.deviceDetail?.deviceId || null,
  compliant: s.deviceDetail?.isCompliant,
  ca: s.conditionalAccessStatus,
});

const byId = (a: SignIn, b: SignIn) => a.id.localeCompare(b.id);

describe('sign-in export readers', () => {
  let expected: ReturnType<typeof essentials>[];
  beforeAll(async () => {
    expected = (await readAll(join(FIXTURES, 'signins.jsonl'))).signIns.sort(byId).map(essentials);
  });

  it('reads JSONL: seven sign-ins, fields intact', () => {
    expect(expected).toHaveLength(7);
    expect(expected[5]).toMatchObject({ name: 'Grace "Admiral" H.', code: 53003, ca: 'failure' });
  });

  it.each([
    ['Graph pages saved back to back', 'graph-pages.json'],
    ['the portal JSON download (an array, with BOM)', 'portal-download.json'],
    ['the portal CSV download (BOM, CRLF, quoted commas and quotes)', 'portal-download.csv'],
  ])('reads %s into the same sign-ins', async (_name, file) => {
    const got = await readAll(join(FIXTURES, file));
    expect(got.skipped).toEqual([]);
    expect(got.signIns.sort(byId).map(essentials)).toEqual(expected);
  });

  it.each([3, 7, 64, 1000])('gives the same records whatever the chunk size (%i bytes)', async (chunk) => {
    for (const file of ['signins.jsonl', 'graph-pages.json', 'portal-download.json', 'portal-download.csv']) {
      const got = await readAll(join(FIXTURES, file), chunk);
      expect(got.signIns.sort(byId).map(essentials)).toEqual(expected);
    }
  });

  it('keeps going past a broken line and says which', async () => {
    const path = join(tmp, 'broken.jsonl');
    const good = JSON.stringify({ id: 'x1', createdDateTime: '2026-03-03T01:00:00Z', userPrincipalName: 'a@b', userId: 'u', status: { errorCode: '50126' } });
    writeFileSync(path, `${good}\n{"id": "x2", "createdDa\n\n{"id":"x3"}\n`);
    const got = await readAll(path);
    expect(got.signIns.map((s) => [s.id, s.status.errorCode])).toEqual([['x1', 50126]]);
    expect(got.skipped).toEqual(['line 2: not valid JSON', 'line 4: record x3 is neither a sign-in nor a directory audit']);
  });

  it('reads directory audits found in a JSON export as audits', async () => {
    const path = join(tmp, 'audits.json');
    writeFileSync(path, JSON.stringify({ value: [{ id: 'Directory_1', category: 'RoleManagement', result: 'success', activityDisplayName: 'Add member to role outside of PIM (permanent)', activityDateTime: '2026-03-03T01:00:00Z', initiatedBy: {}, targetResources: [] }] }));
    const got = await readAll(path);
    expect(got.audits.map((a) => a.activityDisplayName)).toEqual(['Add member to role outside of PIM (permanent)']);
  });

  it('refuses a CSV that is not a sign-in download, naming what is missing', async () => {
    const path = join(tmp, 'other.csv');
    writeFileSync(path, 'Name,Email\nSam,sam@contoso.com\n');
    await expect(readAll(path)).rejects.toThrow("no 'Date (UTC)' and 'Username' columns");
  });

  it('refuses JSON that ends in the middle of a record', async () => {
    const path = join(tmp, 'cut.json');
    writeFileSync(path, '{"value":[{"id":"a","createdDateTime":"2026-03-03T01:00:00Z"');
    await expect(readAll(path)).rejects.toThrow('JSON ended inside a value');
  });
});

describe('CSV rows', () => {
  it('handles quoted commas, doubled quotes, line breaks inside quotes and CRLF, whatever the chunking', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n,,\r\nlast,row,here';
    const expected = [
      [['a', 'b', 'c'], 1],
      [['x, y', 'say "hi"', 'two\nlines'], 2],
      [['', '', ''], 4],
      [['last', 'row', 'here'], 5],
    ];
    for (const size of [1, 2, 5, text.length]) {
      const rows: Array<[string[], number]> = [];
      const p = new CsvRowParser((row, line) => rows.push([row, line]));
      for (let i = 0; i < text.length; i += size) p.push(text.slice(i, i + size));
      p.end();
      expect(rows).toEqual(expected);
    }
  });

  it('refuses an unterminated quoted field', () => {
    const p = new CsvRowParser(() => undefined);
    p.push('a\n"open');
    expect(() => p.end()).toThrow('line 2');
  });
});

describe('JSON record splitting', () => {
  it('keeps escaped quotes and backslashes intact across any chunk boundary', () => {
    const records = [{ id: 'a"b\\', v: '}]{[' }, { id: 'c\\"d', nested: { value: [1, 2] } }];
    const text = JSON.stringify({ '@odata.context': 'x', value: records, '@odata.nextLink': 'https://graph/next?a="b"' });
    for (let size = 1; size <= 9; size++) {
      const out: unknown[] = [];
      const s = new JsonRecordSplitter((v) => out.push(v));
      for (let i = 0; i < text.length; i += size) s.push(text.slice(i, i + size));
      s.end();
      expect(out).toEqual(records);
    }
  });

  it('reads an array of pages and bare objects one after another', () => {
    const out: unknown[] = [];
    const s = new JsonRecordSplitter((v) => out.push(v));
    s.push('[{"value":[{"id":1},{"id":2}]},{"value":[{"id":3}]}]\n{"id":4}\n{"id":5}');
    s.end();
    expect(out).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }, { id: 4 }, { id: 5 }]);
  });
});
