import { alertCard } from '../../../bot/messages/alerts/alert-card';
import { alertGroupCard } from '../../../bot/messages/alerts/alert-group-card';
import { postureReportCard } from '../../../bot/messages/alerts/posture-report-card';
import type { Message } from '../../../bot/messages/message';
import type { Finding } from '../../../workflows/monitoring/finding';
import { groupFindings } from '../../../workflows/monitoring/group-findings';
import type { PostureReport } from '../../../workflows/posture/posture-types';

const breakGlass: Finding = {
  ruleId: 'emergency.sign-in',
  riskLevel: 'High',
  title: 'Emergency access account sign-in',
  detail: 'Break-glass account sign-in to Azure Portal from 203.0.113.10 succeeded.',
  subject: 'bg-01@contoso.onmicrosoft.com',
  subjectId: '44444444-4444-4444-8444-444444444444',
  emergencyAccount: true,
  when: '2026-03-03T02:30:00Z',
  where: { ip: '203.0.113.10', location: 'Berlin, Berlin, DE', app: 'Azure Portal', client: 'Browser' },
  recordIds: ['a1d4b3e2-0004'],
  recordCount: 1,
  dedupeKey: 'emergency.sign-in|bg-01@contoso.onmicrosoft.com|success',
};

const fact = (m: Message, label: string) => m.blocks.flatMap((b) => (b.kind === 'facts' ? b.facts : [])).find((f) => f.label.startsWith(label))?.value;
const texts = (m: Message) => m.blocks.flatMap((b) => (b.kind === 'text' ? [b.text] : []));

describe('alert card', () => {
  it('shows an emergency sign-in loudly: who, what, when, where, record ids and three actions on the alert', () => {
    const m = alertCard({ alertId: 'al-42', finding: breakGlass });
    expect(m.header).toEqual({ title: 'Emergency account: Emergency access account sign-in', tone: 'danger', label: 'EMERGENCY ACCOUNT' });
    expect(fact(m, 'Risk')).toBe('High (emergency account)');
    expect(fact(m, 'Who')).toBe('bg-01@contoso.onmicrosoft.com');
    expect(fact(m, 'When')).toBe('2026-03-03 02:30Z');
    expect(fact(m, 'Where')).toBe('203.0.113.10 · Berlin, Berlin, DE · Azure Portal');
    expect(fact(m, 'Record')).toBe('a1d4b3e2-0004');
    expect(m.buttons?.map((b) => [b.actionId, b.value])).toEqual([
      ['alert.ack', 'al-42'],
      ['alert.open-incident', 'al-42'],
      ['alert.false-positive', 'al-42'],
    ]);
    expect(m.buttons?.[2]?.input).toMatchObject({ id: 'reason', required: true });
    expect(m.fallbackText).toBe('[High] EMERGENCY ACCOUNT Emergency access account sign-in: bg-01@contoso.onmicrosoft.com at 2026-03-03 02:30Z');
  });

  it('drops Acknowledge once acknowledged and every button once marked false positive', () => {
    const acked = alertCard({ alertId: 'al-42', finding: breakGlass, status: { state: 'acknowledged', by: 'Dana', at: '2026-03-03T02:33:00Z' } });
    expect(acked.buttons?.map((b) => b.actionId)).toEqual(['alert.open-incident', 'alert.false-positive']);
    expect(fact(acked, 'Status')).toBe('Acknowledged by Dana at 2026-03-03 02:33Z');
    const fp = alertCard({ alertId: 'al-42', finding: breakGlass, status: { state: 'false-positive', by: 'Dana', at: '2026-03-03T02:40:00Z', reason: 'quarterly drill', suppressedUntil: '2026-03-04T02:40:00Z' } });
    expect(fp.buttons).toEqual([]);
    expect(fact(fp, 'Status')).toBe('False positive (Dana, 2026-03-03 02:40Z): quarterly drill. Suppressed until 2026-03-04 02:40Z');
  });

  it('marks use inside a declared incident as expected and offers no second incident', () => {
    const m = alertCard({ alertId: 'al-43', finding: { ...breakGlass, expectedUse: 'BG-7' }, simulated: true });
    expect(m.header).toMatchObject({ tone: 'warning', label: 'SIMULATED · EMERGENCY ACCOUNT · EXPECTED' });
    expect(texts(m)).toContain('This matches the break-glass use declared in incident BG-7.');
    expect(m.buttons?.map((b) => b.actionId)).toEqual(['alert.ack', 'alert.false-positive']);
  });

  it('keeps a spray of a thousand records to ten ids and a count', () => {
    const ids = Array.from({ length: 50 }, (_, i) => `si-${i}`);
    const m = alertCard({ alertId: 'al-44', finding: { ...breakGlass, emergencyAccount: false, riskLevel: 'Medium', recordIds: ids, recordCount: 1000, until: '2026-03-03T03:10:00Z' } });
    expect(m.header?.tone).toBe('warning');
    expect(fact(m, 'Records (1000)')).toBe(`${ids.slice(0, 10).join(', ')} (+990 more)`);
    expect(fact(m, 'When')).toBe('2026-03-03 02:30Z -> 03:10Z');
  });
});

describe('grouped alert card', () => {
  it('counts repeats and lists the places they came from', () => {
    const repeats = [0, 1, 2].map((i) => ({ ...breakGlass, emergencyAccount: false, ruleId: 'signin.mfa-denied', title: 'MFA prompt denied or reported as fraud', detail: `denial ${i}`, when: `2026-03-03T02:3${i}:00Z`, recordIds: [`si-${i}`], where: { ip: `198.51.100.${i}` }, dedupeKey: 'signin.mfa-denied|x' }));
    const [group] = groupFindings(repeats);
    const m = alertGroupCard({ alertId: 'al-9', group: group! });
    expect(m.header?.title).toBe('MFA prompt denied or reported as fraud (3x)');
    expect(fact(m, 'How often')).toBe('3 times, 3 records');
    expect(fact(m, 'Seen from')).toBe('198.51.100.0, 198.51.100.1, 198.51.100.2');
    expect(texts(m)[0]).toBe('Latest: denial 2');
    expect(m.buttons?.map((b) => b.actionId)).toEqual(['alert.ack', 'alert.open-incident', 'alert.false-positive']);
  });
});

describe('posture report card', () => {
  const report: PostureReport = {
    checkedAt: '2026-03-03T12:00:00Z',
    status: 'fail',
    checks: [
      { id: 'posture.emergency-accounts', title: 'At least two emergency accounts', status: 'fail', summary: '1 of 2 qualify.', subjects: [{ id: 'bg2', name: 'bg-02@contoso.onmicrosoft.com', reason: 'synchronised from on-premises' }] },
      { id: 'posture.password-age', title: 'Passwords changed within 90 days', status: 'warn', summary: '12 old.', subjects: Array.from({ length: 12 }, (_, i) => ({ id: `u${i}`, name: `adm-${i}@contoso.com`, reason: 'old' })) },
      { id: 'posture.guest-admins', title: 'No guests in admin roles', status: 'pass', summary: 'None.', subjects: [] },
    ],
  };

  it('gives one line per check and the accounts behind failures and warnings', () => {
    const m = postureReportCard(report, { tenantName: 'Contoso' });
    expect(m.header).toEqual({ title: 'Privileged access posture: Contoso', tone: 'danger' });
    expect(texts(m)[0]).toBe('FAIL overall: 1 failed, 1 warnings, 1 passed.');
    expect(fact(m, 'PASS No guests')).toBe('None.');
    expect(texts(m)[1]).toBe('FAIL At least two emergency accounts\n- bg-02@contoso.onmicrosoft.com: synchronised from on-premises');
    expect(texts(m)[2]?.split('\n')).toHaveLength(12);
    expect(texts(m)[2]).toContain('- and 2 more');
    expect(m.buttons).toBeUndefined();
  });
});
