import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyzeSignInFile } from '../../../bot/monitoring/analyze-sign-in-file';
import { runSigninsAnalyze } from '../../../bot/monitoring/run-signins-analyze';
import type { MonitoringContext } from '../../../workflows/monitoring/context';
import { ADMIN, ADMIN_NO_PREFIX, BREAK_GLASS } from '../../fixtures/signins/build-records';

/**
 * What a SOC holds when Graph is unreachable: Azure Monitor diagnostic records
 * (Event Hub, storage account) and Log Analytics SigninLogs exports. The
 * fixtures hold the same seven sign-ins as signins.jsonl (Graph's export),
 * written to Microsoft's documented schemas; the findings must be the same.
 */

const FIXTURES = join(__dirname, '../../fixtures/signins');
const tmp = mkdtempSync(join(tmpdir(), 'bg-soc-'));

const ctx: MonitoringContext = {
  privileged: [ADMIN, ADMIN_NO_PREFIX],
  emergency: [BREAK_GLASS],
  badPasswordThreshold: 3,
  allowedCountries: ['DE'],
  workingHours: { start: '07:00', end: '19:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] },
};

const envelope = JSON.parse(readFileSync(join(FIXTURES, 'azure-monitor-signinlogs.json'), 'utf8')) as { records: unknown[] };
const write = (name: string, text: string): string => {
  const path = join(tmp, name);
  writeFileSync(path, text);
  return path;
};

const azureMonitor: Array<[string, string, number]> = [
  ['a {"records":[...]} envelope (Event Hub, storage account)', join(FIXTURES, 'azure-monitor-signinlogs.json'), 1],
  ['the envelope on one line', write('envelope-one-line.json', JSON.stringify(envelope)), 1],
  ['one record per line (storage account PT1H.json)', write('PT1H.json', `${envelope.records.map((r) => JSON.stringify(r)).join('\n')}\n`), 1],
  ['a JSON array of records', write('records-array.json', JSON.stringify(envelope.records, null, 1)), 1],
  ['envelopes one per line (several Event Hub messages)', write('messages.jsonl', `${JSON.stringify({ records: envelope.records.slice(0, 4) })}\n${JSON.stringify({ records: envelope.records.slice(4) })}\n`), 1],
];
const logAnalytics: Array<[string, string, number]> = [
  ['a Log Analytics SigninLogs CSV export', join(FIXTURES, 'log-analytics-signinlogs.csv'), 0],
  ['Log Analytics SigninLogs rows as JSON (az monitor log-analytics query)', join(FIXTURES, 'log-analytics-signinlogs.json'), 0],
];

describe('signins analyze on what a SOC holds', () => {
  let graph: Awaited<ReturnType<typeof analyzeSignInFile>>;
  beforeAll(async () => {
    graph = await analyzeSignInFile(join(FIXTURES, 'signins.jsonl'), ctx);
    expect(graph.findings.length).toBeGreaterThan(5);
  });

  it.each([...azureMonitor, ...logAnalytics])('%s gives the same findings as the Graph export of the same sign-ins', async (_name, file, ignored) => {
    const got = await analyzeSignInFile(file, ctx);
    expect({ signIns: got.signIns, audits: got.audits, skipped: got.skipped, ignored: got.ignored }).toEqual({ signIns: 7, audits: 0, skipped: 0, ignored });
    expect(got.findings).toEqual(graph.findings);
    expect(got.groups).toEqual(graph.groups);
  });

  it.each([3, 64, 1000])('reads them whatever the chunk size (%i bytes)', async (chunkSize) => {
    for (const [, file] of [...azureMonitor, ...logAnalytics]) expect((await analyzeSignInFile(file, ctx, { chunkSize })).findings).toEqual(graph.findings);
  });

  it('the CLI prints the same JSON answer for each', async () => {
    const answer = async (file: string) => {
      let out = '';
      const code = await runSigninsAnalyze([file, '--privileged', `${ADMIN.upn},${ADMIN_NO_PREFIX.upn}`, '--json'], { stdout: { write: (s: string) => (out += s) }, stderr: { write: () => true } });
      const parsed = JSON.parse(out) as Record<string, unknown>;
      return { code, findings: parsed.findings, groups: parsed.groups };
    };
    const expected = await answer(join(FIXTURES, 'signins.jsonl'));
    expect(expected.code).toBe(1);
    for (const [, file] of [...azureMonitor, ...logAnalytics]) expect(await answer(file)).toEqual(expected);
  });

  it('takes the error code from resultType when the Graph status leaves it out, and the time from `time`', async () => {
    const record = envelope.records[0] as { properties: Record<string, unknown> };
    const { createdDateTime: _, status: __, ...props } = record.properties;
    const file = write('sparse.jsonl', `${JSON.stringify({ ...record, properties: props })}\n`);
    const got = await analyzeSignInFile(file, ctx);
    expect(got.signIns).toBe(1);
    expect(got.findings.length).toBeGreaterThan(0);
    const again = await analyzeSignInFile(write('sparse-graph.jsonl', `${readFileSync(join(FIXTURES, 'signins.jsonl'), 'utf8').split('\n')[0] ?? ''}\n`), ctx);
    expect(got.findings).toEqual(again.findings);
  });
});
