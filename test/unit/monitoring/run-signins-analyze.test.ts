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
