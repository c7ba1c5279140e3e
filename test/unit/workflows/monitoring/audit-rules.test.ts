import { authMethodChange } from '../../../../workflows/monitoring/rules/audit-auth-method-change';
import { eligibleRoleAdded } from '../../../../workflows/monitoring/rules/audit-eligible-role-added';
import { pimActivation } from '../../../../workflows/monitoring/rules/audit-pim-activation';
import { pimAlertDisabled } from '../../../../workflows/monitoring/rules/audit-pim-alert-disabled';
import { pimApprovalDecision } from '../../../../workflows/monitoring/rules/audit-pim-approval-decision';
import { pimSettingsChanged } from '../../../../workflows/monitoring/rules/audit-pim-settings-changed';
import { privilegedAccountCreated } from '../../../../workflows/monitoring/rules/audit-privileged-account-created';
import { privilegedPasswordChange } from '../../../../workflows/monitoring/rules/audit-privileged-password-change';
import { roleAssignedOutsidePim } from '../../../../workflows/monitoring/rules/audit-role-assigned-outside-pim';
import { ADMIN, audit, BREAK_GLASS, OTHER_ADMIN, USER } from '../../../fixtures/signins/build-records';
import { ctx } from './test-context';

const NEW_USER = { upn: 'eve@contoso.com', id: '66666666-6666-4666-8666-666666666666' };

describe('role assigned outside PIM', () => {
  it("alerts on PIM's 'outside of PIM (permanent)' record and on a direct Core Directory assignment", () => {
    const pim = audit({ activity: 'Add member to role outside of PIM (permanent)', service: 'PIM', target: USER, role: 'Global Administrator' });
    const direct = audit({ activity: 'Add member to role', target: USER, role: 'Global Administrator' });
    const found = roleAssignedOutsidePim.evaluate([pim, direct], ctx);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ riskLevel: 'High', subject: USER.upn, detail: expect.stringContaining('Global Administrator directly') });
    expect(found[0]?.dedupeKey).toBe(found[1]?.dedupeKey);
  });
  it("ignores PIM's own assignment after an activation and eligible assignments", () => {
    const byPim = audit({ activity: 'Add member to role', target: USER, role: 'Global Administrator', by: { app: 'MS-PIM' } });
    expect(roleAssignedOutsidePim.evaluate([byPim, audit({ activity: 'Add eligible member to role in PIM completed (permanent)', service: 'PIM', target: USER, role: 'Global Administrator' })], ctx)).toEqual([]);
  });
});

describe('added to an eligible role', () => {
  it('alerts on a completed eligible assignment', () => {
    const a = audit({ activity: 'Add eligible member to role in PIM completed (timebound)', service: 'PIM', target: USER, role: 'Privileged Role Administrator' });
    expect(eligibleRoleAdded.evaluate([a], ctx)).toEqual([expect.objectContaining({ ruleId: 'audit.eligible-role-added', riskLevel: 'High', subject: USER.upn })]);
  });
  it('ignores the request before completion', () => {
    expect(eligibleRoleAdded.evaluate([audit({ activity: 'Add eligible member to role in PIM requested (timebound)', service: 'PIM', target: USER, role: 'Global Administrator' })], ctx)).toEqual([]);
  });
});

describe('PIM activation', () => {
  it('reports an elevation at Medium with the justification', () => {
    const a = audit({ activity: 'Add member to role completed (PIM activation)', service: 'PIM', target: ADMIN, by: ADMIN, role: 'Global Administrator', resultReason: 'INC-42 mailbox restore' });
    expect(pimActivation.evaluate([a], ctx)).toEqual([expect.objectContaining({ riskLevel: 'Medium', subject: ADMIN.upn, detail: expect.stringContaining('INC-42') })]);
  });
  it('ignores the activation request', () => {
    expect(pimActivation.evaluate([audit({ activity: 'Add member to role requested (PIM activation)', service: 'PIM', target: ADMIN, role: 'Global Administrator' })], ctx)).toEqual([]);
  });
});

describe('PIM approvals and denials', () => {
  it('reports both at Low, naming the approver', () => {
    const ok = audit({ activity: 'Add member to role request approved (PIM activation)', service: 'PIM', target: ADMIN, by: OTHER_ADMIN, role: 'Global Administrator' });
    const no = audit({ activity: 'Add member to role request denied (PIM activation)', service: 'PIM', target: ADMIN, by: OTHER_ADMIN, role: 'Global Administrator' });
    const found = pimApprovalDecision.evaluate([ok, no], ctx);
    expect(found.map((f) => [f.riskLevel, f.detail])).toEqual([
      ['Low', `${OTHER_ADMIN.upn} approved ${ADMIN.upn}'s request for Global Administrator.`],
      ['Low', `${OTHER_ADMIN.upn} denied ${ADMIN.upn}'s request for Global Administrator.`],
    ]);
  });
  it('ignores other PIM events', () => {
    expect(pimApprovalDecision.evaluate([audit({ activity: 'Add member to role approval requested (PIM activation)', service: 'PIM', target: ADMIN })], ctx)).toEqual([]);
  });
});

describe('PIM settings changed', () => {
  it('alerts and says so when MFA on activation was switched off', () => {
    const a = audit({ activity: 'Update role setting in PIM', service: 'PIM', role: 'Global Administrator', resultReason: 'MFA on activation disabled' });
    expect(pimSettingsChanged.evaluate([a], ctx)[0]).toMatchObject({ riskLevel: 'High', subject: 'adm-kim@contoso.com', detail: expect.stringContaining('MFA on activation was turned off') });
  });
  it('reads MFA dropped from the enabled rules of the policy', () => {
    const a = audit({
      activity: 'Update role setting in PIM',
      service: 'PIM',
      role: 'Privileged Role Administrator',
      modified: [{ displayName: 'EnabledRules', oldValue: '["MultiFactorAuthentication","Justification"]', newValue: '["Justification"]' }],
      target: { upn: 'policy', id: 'Directory_62e90394' },
    });
    expect(pimSettingsChanged.evaluate([a], ctx)[0]?.detail).toContain('MFA on activation was turned off');
    const harmless = audit({ activity: 'Update role setting in PIM', service: 'PIM', role: 'Global Administrator', resultReason: 'Maximum activation duration changed to 2 hours' });
    expect(pimSettingsChanged.evaluate([harmless], ctx)[0]?.detail).toBe('adm-kim@contoso.com changed the PIM settings of Global Administrator.');
  });
  it('ignores unrelated role management', () => {
    expect(pimSettingsChanged.evaluate([audit({ activity: 'Update role definition', role: 'Helpdesk' })], ctx)).toEqual([]);
  });
});

describe('PIM alert disabled', () => {
  it('alerts', () => {
    const a = audit({ activity: 'Disable PIM alert', service: 'PIM', extraTargets: [{ id: 'RolesAssignedOutsidePimAlert', displayName: 'Roles are being assigned outside of Privileged Identity Management', type: 'Other' }] });
    expect(pimAlertDisabled.evaluate([a], ctx)[0]?.detail).toContain("'Roles are being assigned outside of Privileged Identity Management'");
  });
  it('ignores other PIM alert activity', () => {
    expect(pimAlertDisabled.evaluate([audit({ activity: 'Resolve PIM alert', service: 'PIM' })], ctx)).toEqual([]);
  });
});

describe('password change of a privileged account', () => {
  it('alerts on a reset by an admin and a failed self-service change', () => {
    const found = privilegedPasswordChange.evaluate([audit({ activity: 'Reset user password', target: ADMIN }), audit({ activity: 'Change password (self-service)', target: ADMIN, by: ADMIN, result: 'failure', resultReason: 'Password does not meet complexity' })], ctx);
    expect(found).toHaveLength(2);
    expect(found[1]?.detail).toContain('failure');
  });
  it('ignores ordinary users and the emergency account (its own rule reports it)', () => {
    expect(privilegedPasswordChange.evaluate([audit({ activity: 'Reset user password', target: USER }), audit({ activity: 'Reset user password', target: BREAK_GLASS })], ctx)).toEqual([]);
  });
});

describe('authentication method change of a privileged account', () => {
  it('alerts on security info registered and on a StrongAuthentication property update', () => {
    const reg = audit({ activity: 'User registered security info', service: 'Authentication Methods', target: ADMIN, by: ADMIN, resultReason: 'User registered Authenticator App with Notification and Code' });
    const upd = audit({ activity: 'Update user', target: ADMIN, modified: [{ displayName: 'StrongAuthenticationPhoneAppDetail', oldValue: '[]', newValue: '[{"DeviceName":"iPhone"}]' }] });
    expect(authMethodChange.evaluate([reg, upd], ctx)).toHaveLength(2);
  });
  it('ignores ordinary users and unrelated updates', () => {
    expect(authMethodChange.evaluate([audit({ activity: 'User registered security info', service: 'Authentication Methods', target: USER }), audit({ activity: 'Update user', target: ADMIN, modified: [{ displayName: 'Department', oldValue: '"IT"', newValue: '"Ops"' }] })], ctx)).toEqual([]);
  });
});

describe('privileged account created', () => {
  it('correlates a new user with a role grant within a day', () => {
    const add = audit({ activity: 'Add user', target: NEW_USER, at: '2026-03-03T09:00:00Z' });
    const grant = audit({ activity: 'Add member to role', target: NEW_USER, role: 'Global Administrator', at: '2026-03-03T09:05:00Z' });
    // Records arrive newest first from Graph.
    const [f, ...rest] = privilegedAccountCreated.evaluate([grant, add], ctx);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ riskLevel: 'Medium', subject: NEW_USER.upn, recordIds: [add.id, grant.id], detail: expect.stringContaining('given Global Administrator') });
  });
  it('flags a new account with the admin prefix even before any role', () => {
    expect(privilegedAccountCreated.evaluate([audit({ activity: 'Add user', target: { upn: 'adm-new@contoso.com', id: '7' } })], ctx)).toHaveLength(1);
  });
  it('ignores a new ordinary user, and a grant long after creation', () => {
    const add = audit({ activity: 'Add user', target: NEW_USER, at: '2026-03-01T09:00:00Z' });
    const late = audit({ activity: 'Add member to role', target: NEW_USER, role: 'Global Administrator', at: '2026-03-03T09:05:00Z' });
    expect(privilegedAccountCreated.evaluate([add, late], ctx)).toEqual([]);
  });
});
