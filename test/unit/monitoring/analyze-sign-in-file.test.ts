import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeSignInFile } from '../../../bot/monitoring/analyze-sign-in-file';
import type { SignIn } from '../../../workflows/graph-records';
import type { MonitoringContext } from '../../../workflows/monitoring/context';
import { runAllRules } from '../../../workflows/monitoring/run-all-rules';
import { ADMIN, ADMIN_NO_PREFIX, BREAK_GLASS } from '../../fixtures/signins/build-records';

const FIXTURES = join(__dirname, '../../fixtures/signins');

const ctx: MonitoringContext = {
  privileged: [ADMIN, ADMIN_NO_PREFIX],
  emergency: [BREAK_GLASS],
  badPasswordThreshold: 3,
  allowedCountries: ['DE'],
  workingHours: { start: '07:00', end: '19:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] },
};

describe('analyzeSignInFile', () => {
  it('finds in a JSONL file exactly what the rules find over the same records', async () => {
    const records = readFileSync(join(FIXTURES, 'signins.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as SignIn);
    const result = await analyzeSignInFile(join(FIXTURES, 'signins.jsonl'), ctx);
    expect(result).toMatchObject({ format: 'jsonl', signIns: 7, audits: 0, skipped: 0 });
    expect(result.findings).toEqual(runAllRules(records, [], ctx));
    expect(result.findingCount).toBe(result.findings.length);
    expect(new Set(result.findings.map((f) => f.ruleId))).toEqual(
      new Set(['signin.bad-password-threshold', 'signin.unapproved-location', 'signin.legacy-protocol', 'emergency.sign-in', 'signin.ca-blocked', 'signin.naming-policy', 'signin.mfa-denied']),
    );
  });

  it('gives the same findings from every export format of the same sign-ins', async () => {
    const summary = (fs: Awaited<ReturnType<typeof analyzeSignInFile>>['findings']) => fs.map((f) => [f.ruleId, f.subject, f.recordIds.join(' '), f.riskLevel]);
    const jsonl = summary((await analyzeSignInFile(join(FIXTURES, 'signins.jsonl'), ctx)).findings);
    for (const file of ['graph-pages.json', 'portal-download.json', 'portal-download.csv']) {
      expect(summary((await analyzeSignInFile(join(FIXTURES, file), ctx)).findings)).toEqual(jsonl);
    }
  });

  it('keeps only groups when asked, for bounded memory', async () => {
    const result = await analyzeSignInFile(join(FIXTURES, 'signins.jsonl'), ctx, { keepFindings: false });
    expect(result.findings).toEqual([]);
    expect(result.groups.length).toBeGreaterThan(0);
    expect(result.groups[0]).toMatchObject({ ruleId: 'emergency.sign-in', emergencyAccount: true });
  });
});
