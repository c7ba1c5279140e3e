import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, runSigninsAnalyze } from '../../../bot/monitoring/run-signins-analyze';

const FIXTURES = join(__dirname, '../../fixtures/signins');
const tmp = mkdtempSync(join(tmpdir(), 'bg-analyze-'));

function capture() {
  let out = '';
  let err = '';
  return { io: { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } }, out: () => out, err: () => err };
}

const config = join(tmp, 'breakglass.yaml');
writeFileSync(
  config,
  `emergencyAccounts:
  - upn: bg-01@contoso.onmicrosoft.com
    credentialLocation: safe A, envelope 1
monitoring:
  badPasswordThreshold: 3
  allowedCountries: [DE]
  workingHours: { start: "07:00", end: "19:00", timeZone: Europe/Berlin }
`,
);

describe('breakglass signins analyze', () => {
  it('prints the break-glass sign-in first, then the spray, with record ids, and exits 1', async () => {
    const c = capture();
    const code = await runSigninsAnalyze([join(FIXTURES, 'portal-download.csv'), '--config', config], c.io);
    expect(code).toBe(EXIT_FINDINGS);
    const out = c.out();
    expect(out).toContain('Analyzed 7 sign-ins and 0 directory audits');
    expect(out).toContain("names starting 'adm-'");
    const bg = out.indexOf('HIGH    emergency.sign-in  bg-01@contoso.onmicrosoft.com  EMERGENCY ACCOUNT');
    const spray = out.indexOf('HIGH    signin.bad-password-threshold  adm-alex@contoso.com');
    expect(bg).toBeGreaterThan(-1);
    expect(spray).toBeGreaterThan(bg);
    expect(out).toContain('3 sign-ins failed with a bad password (50126) within 60 minutes (threshold 3)');
    expect(out).toContain('records: a1d4b3e2-0001-4c5d-9e8f-000000000001, a1d4b3e2-0002-4c5d-9e8f-000000000002, a1d4b3e2-0003-4c5d-9e8f-000000000003');
    expect(out).toMatch(/\d+ findings in \d+ groups: \d+ High/);
    expect(c.err()).toBe('');
  });

  it('widens to named accounts and reports them', async () => {
    const c = capture();
    expect(await runSigninsAnalyze([join(FIXTURES, 'signins.jsonl'), '--privileged', 'grace@contoso.com'], c.io)).toBe(EXIT_FINDINGS);
    expect(c.out()).toContain('signin.ca-blocked  grace@contoso.com');
    expect(c.out()).toContain('signin.naming-policy  grace@contoso.com');
  });

  it('exits 0 and says so when nothing is found', async () => {
    const path = join(tmp, 'quiet.jsonl');
    writeFileSync(path, `${JSON.stringify({ id: 'q1', createdDateTime: '2026-03-03T10:00:00Z', userPrincipalName: 'sam@contoso.com', userId: 'u', status: { errorCode: 0 } })}\n`);
    const c = capture();
    expect(await runSigninsAnalyze([path], c.io)).toBe(EXIT_CLEAN);
    expect(c.out()).toContain('No findings.');
  });

  it('prints JSON for scripts', async () => {
    const c = capture();
    await runSigninsAnalyze([join(FIXTURES, 'graph-pages.json'), '--config', config, '--json'], c.io);
    const parsed = JSON.parse(c.out()) as { signIns: number; groups: Array<{ ruleId: string }> };
    expect(parsed.signIns).toBe(7);
    expect(parsed.groups[0]?.ruleId).toBe('emergency.sign-in');
  });

  it.each([
    [['/nonexistent/signins.jsonl'], 'No such file: /nonexistent/signins.jsonl'],
    [[], 'Give exactly one file'],
    [['a.jsonl', '--format', 'xml'], '--format must be one of jsonl, json, csv'],
    [['a.jsonl', '--bogus'], "Unknown option '--bogus'"],
  ])('exits 2 with a plain message for %j', async (argv, message) => {
    const c = capture();
    expect(await runSigninsAnalyze(argv, c.io)).toBe(EXIT_ERROR);
    expect(c.err()).toContain(message);
  });

  it('names the config field that is wrong', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'monitoring:\n  badPasswordThreshold: lots\n');
    const c = capture();
    expect(await runSigninsAnalyze([join(FIXTURES, 'signins.jsonl'), '--config', bad], c.io)).toBe(EXIT_ERROR);
    expect(c.err()).toContain('monitoring.badPasswordThreshold');
  });
});

describe('breakglass signins analyze fails loudly rather than report on nothing', () => {
  const good = (i: number) => JSON.stringify({ id: `ok-${i}`, createdDateTime: '2026-03-03T10:00:00Z', userPrincipalName: 'sam@contoso.com', userId: 'u', status: { errorCode: 0 } });
  const bad = (i: number) => JSON.stringify({ id: `bad-${i}`, createdDateTime: '2026-03-03T10:00:00Z', userPrincipalName: 'sam@contoso.com', userId: 'u' });

  it.each([
    ['an empty file', 'empty.json', '', /holds no records .*Nothing was analyzed/],
    ['a file of blank lines', 'blank.jsonl', '\n\n\r\n', /holds no records/],
    ['a CSV with only its header', 'header.csv', 'Date (UTC),Username,Status\r\n', /holds no records/],
    ['a file whose every record is skipped', 'all-skipped.jsonl', `${bad(1)}\n${bad(2)}\n{"hello":"world"}\n`, /all 3 records were skipped[\s\S]*line 1: sign-in bad-1 has no status\n[\s\S]*line 3: no id/],
    ['an unreadable file (not JSON, not a sign-in CSV)', 'garbage.json', '\u0000\u0001PK\u0003\u0004 binary', /could not be read|holds no records|were skipped/],
    ['an Azure Monitor export of categories the rules do not read', 'sp.jsonl', `${JSON.stringify({ time: '2026-03-03T10:00:00Z', category: 'ServicePrincipalSignInLogs', properties: { id: 'sp1', createdDateTime: '2026-03-03T10:00:00Z', status: { errorCode: 0 } } })}\n`, /holds no records[\s\S]*1 record was left aside/],
  ])('exits 2 on %s, says why on stderr, and prints no verdict', async (_name, file, text, message) => {
    const path = join(tmp, file);
    writeFileSync(path, text);
    for (const extra of [[], ['--json']]) {
      const c = capture();
      expect(await runSigninsAnalyze([path, ...extra], c.io)).toBe(EXIT_ERROR);
      expect(c.err()).toMatch(message);
      expect(c.out()).toBe('');
    }
  });

  it('exits 2 when more than 5% of the records are skipped, with the count and the first reasons, and marks the answer incomplete', async () => {
    const path = join(tmp, 'mostly-good.jsonl');
    // 2 of 20 (10%) unreadable.
    writeFileSync(path, `${[...Array.from({ length: 18 }, (_, i) => good(i)), bad(1), bad(2)].join('\n')}\n`);
    const c = capture();
    expect(await runSigninsAnalyze([path], c.io)).toBe(EXIT_ERROR);
    expect(c.err()).toContain('2 of 20 records in');
    expect(c.err()).toContain('line 19: sign-in bad-1 has no status');
    expect(c.err()).toMatch(/More than 5% .* incomplete/);
    expect(c.out()).toContain('INCOMPLETE: 2 of 20 records could not be read.');
    expect(c.out()).not.toMatch(/^No findings\.$/m);

    const j = capture();
    expect(await runSigninsAnalyze([path, '--json'], j.io)).toBe(EXIT_ERROR);
    expect(JSON.parse(j.out())).toMatchObject({ complete: false, signIns: 18, skipped: 2 });

    // The operator may accept the share knowingly.
    const accepted = capture();
    expect(await runSigninsAnalyze([path, '--max-skipped', '10'], accepted.io)).toBe(EXIT_CLEAN);
    expect(accepted.out()).toContain('No findings.');
  });

  it('tolerates a small share (1 of 21) and still names what it skipped', async () => {
    const path = join(tmp, 'one-bad.jsonl');
    writeFileSync(path, `${[...Array.from({ length: 20 }, (_, i) => good(i)), bad(1)].join('\n')}\n`);
    const c = capture();
    expect(await runSigninsAnalyze([path, '--json'], c.io)).toBe(EXIT_CLEAN);
    expect(JSON.parse(c.out())).toMatchObject({ complete: true, signIns: 20, skipped: 1 });
    expect(c.err()).toContain('1 of 21 records');
    expect(c.err()).toContain('line 21: sign-in bad-1 has no status');
  });

  it('refuses a --max-skipped that is not a percentage', async () => {
    const c = capture();
    expect(await runSigninsAnalyze([join(FIXTURES, 'signins.jsonl'), '--max-skipped', 'lots'], c.io)).toBe(EXIT_ERROR);
    expect(c.err()).toContain('--max-skipped must be a percentage');
  });
});
