import { emergencyActivity } from '../../../../workflows/monitoring/rules/emergency-activity';
import { emergencyAuthMethodChange, emergencyPasswordChange, emergencyRoleChange } from '../../../../workflows/monitoring/rules/emergency-change';
import { emergencySignIn } from '../../../../workflows/monitoring/rules/emergency-sign-in';
import { routeFinding } from '../../../../workflows/monitoring/route-finding';
import { runAllRules } from '../../../../workflows/monitoring/run-all-rules';
import { ADMIN, audit, BREAK_GLASS, failedSignIn, signIn } from '../../../fixtures/signins/build-records';
import { baseContext, contextWith, ctx } from './test-context';

describe('emergency account sign-in', () => {
  it('alerts on any sign-in, failed ones included, and pages managers', () => {
    const ok = signIn({ user: BREAK_GLASS, createdDateTime: '2026-03-03T03:00:00Z' });
    const bad = failedSignIn(50126, { user: BREAK_GLASS });
    const found = emergencySignIn.evaluate([ok, bad], ctx);
    expect(found).toEqual([
      expect.objectContaining({ ruleId: 'emergency.sign-in', riskLevel: 'High', emergencyAccount: true, subject: BREAK_GLASS.upn, recordIds: [ok.id] }),
      expect.objectContaining({ recordIds: [bad.id] }),
    ]);
    expect(found.map(routeFinding)).toEqual(['page', 'page']);
  });

  it('is recognised by object id alone, whatever the UPN casing', () => {
    const byId = contextWith({ emergency: [{ id: BREAK_GLASS.id }] });
    expect(emergencySignIn.evaluate([signIn({ user: { upn: 'BG-01@CONTOSO.ONMICROSOFT.COM', id: BREAK_GLASS.id } })], byId)).toHaveLength(1);
  });

  it('is classified as expected, for the incident, when it falls inside a declared use', () => {
    const c = contextWith({ declaredUses: [{ upn: BREAK_GLASS.upn, since: '2026-03-03T02:50:00Z', incidentId: 'BG-7' }] });
    const during = signIn({ user: BREAK_GLASS, createdDateTime: '2026-03-03T03:00:00Z' });
    const before = signIn({ user: BREAK_GLASS, createdDateTime: '2026-03-03T02:00:00Z' });
    const [a, b] = emergencySignIn.evaluate([during, before], c);
    expect(a?.expectedUse).toBe('BG-7');
    expect(routeFinding(a!)).toBe('incident');
    expect(b?.expectedUse).toBeUndefined();
  });

  it('ignores everyone else, and keeps the generic privileged rules off the emergency account', () => {
    expect(emergencySignIn.evaluate([signIn(), signIn({ user: { upn: 'bg-02@contoso.onmicrosoft.com', id: 'x' } })], ctx)).toEqual([]);
    const night = signIn({ user: BREAK_GLASS, createdDateTime: '2026-03-03T02:00:00Z', clientAppUsed: 'IMAP4' });
    expect(runAllRules([night], [], baseContext).map((f) => f.ruleId)).toEqual(['emergency.sign-in']);
  });
});

describe('emergency account changes', () => {
  it('password reset of the break-glass account', () => {
    const a = audit({ activity: 'Reset user password', target: BREAK_GLASS });
    expect(emergencyPasswordChange.evaluate([a], ctx)).toEqual([expect.objectContaining({ ruleId: 'emergency.password-change', emergencyAccount: true, recordIds: [a.id] })]);
    expect(emergencyPasswordChange.evaluate([audit({ activity: 'Reset user password', target: ADMIN })], ctx)).toEqual([]);
  });

  it('role removed from the break-glass account', () => {
    const a = audit({ activity: 'Remove member from role', target: BREAK_GLASS, role: 'Global Administrator' });
    expect(emergencyRoleChange.evaluate([a], ctx)[0]?.detail).toContain('Remove member from role (Global Administrator)');
    expect(emergencyRoleChange.evaluate([audit({ activity: 'Update user', target: BREAK_GLASS })], ctx)).toEqual([]);
  });

  it('authentication method registered on the break-glass account', () => {
    const a = audit({ activity: 'Admin registered security info', service: 'Authentication Methods', target: BREAK_GLASS, resultReason: 'Admin registered temporary access pass method for user' });
    expect(emergencyAuthMethodChange.evaluate([a], ctx)[0]?.detail).toContain('temporary access pass');
    expect(emergencyAuthMethodChange.evaluate([audit({ activity: 'Admin registered security info', service: 'Authentication Methods', target: ADMIN })], ctx)).toEqual([]);
  });

  it('anything the break-glass account does, and other changes to it, without repeating the specific rules', () => {
    const did = audit({ activity: 'Update conditional access policy', by: BREAK_GLASS, category: 'Policy' });
    const disabled = audit({ activity: 'Disable account', target: BREAK_GLASS });
    const ownPassword = audit({ activity: 'Change user password', target: BREAK_GLASS, by: BREAK_GLASS });
    const found = emergencyActivity.evaluate([did, disabled, ownPassword], ctx);
    expect(found.map((f) => f.recordIds[0])).toEqual([did.id, disabled.id]);
    expect(emergencyActivity.evaluate([audit({ activity: 'Disable account', target: ADMIN })], ctx)).toEqual([]);
  });
});
