import { accountCreatedDeleted } from '../../../../workflows/monitoring/rules/audit-account-created-deleted';
import { azureElevateAccess } from '../../../../workflows/monitoring/rules/audit-azure-elevate-access';
import { postureLowered } from '../../../../workflows/monitoring/rules/audit-posture-lowered';
import { privilegedChange } from '../../../../workflows/monitoring/rules/audit-privileged-change';
import { ADMIN, ADMIN_NO_PREFIX, audit, BREAK_GLASS, USER } from '../../../fixtures/signins/build-records';
import { ctx } from './test-context';

const policy = (name: string) => ({ id: 'ca-1', displayName: name, type: 'Policy', modifiedProperties: [] });

describe('changes that can lower the security posture (known answers)', () => {
  it('reports a Conditional Access policy updated (an exclusion) or deleted, per-user MFA disabled and a new app credential, at High, naming who', () => {
    const found = postureLowered.evaluate(
      [
        audit({ activity: 'Update conditional access policy', service: 'Conditional Access', category: 'Policy', by: ADMIN, extraTargets: [policy('Require MFA for admins')] }),
        audit({ activity: 'Delete conditional access policy', service: 'Conditional Access', category: 'Policy', by: ADMIN_NO_PREFIX, extraTargets: [policy('Block legacy auth')] }),
        audit({ activity: 'Disable Strong Authentication', target: USER, by: ADMIN }),
        audit({ activity: 'Update application – Certificates and secrets management ', service: 'Core Directory', category: 'ApplicationManagement', by: { app: 'Some automation' }, result: 'failure' }),
      ],
      ctx,
    );
    expect(found.map((f) => [f.riskLevel, f.subject])).toEqual([
      ['High', ADMIN.upn],
      ['High', ADMIN_NO_PREFIX.upn],
      ['High', ADMIN.upn],
      ['High', 'Some automation'],
    ]);
    expect(found[0]?.detail).toContain("'Require MFA for admins'");
    expect(found[3]?.detail).toContain('(failure');
  });

  it('near miss: adding a policy, reading one, or an ordinary user update is not a posture change', () => {
    const records = [
      audit({ activity: 'Add conditional access policy', service: 'Conditional Access', category: 'Policy', by: ADMIN }),
      audit({ activity: 'Update user', target: USER, by: ADMIN }),
    ];
    expect(postureLowered.evaluate(records, ctx)).toEqual([]);
  });
});

describe('changes made by a privileged account (known answers)', () => {
  it('reports completed and attempted changes by a privileged account, prefixed or not, at Medium', () => {
    const found = privilegedChange.evaluate(
      [
        audit({ activity: 'Update user', target: USER, by: ADMIN }),
        audit({ activity: 'Delete user', target: USER, by: ADMIN_NO_PREFIX, result: 'failure', resultReason: 'Insufficient privileges' }),
        audit({ activity: 'Remove member from role in PIM completed (permanent)', service: 'PIM', target: USER, by: ADMIN, role: 'Global Administrator' }),
      ],
      ctx,
    );
    expect(found.map((f) => [f.riskLevel, f.subject, f.detail])).toEqual([
      ['Medium', ADMIN.upn, `Update user on ${USER.upn}.`],
      ['Medium', ADMIN_NO_PREFIX.upn, `Attempted: Delete user on ${USER.upn} (failure: Insufficient privileges).`],
      ['Medium', ADMIN.upn, `Remove member from role in PIM completed (permanent) on ${USER.upn}.`],
    ]);
  });

  it('near miss: the same change by an ordinary user, by an app, or by the break-glass account (emergency.activity reports that) raises nothing here', () => {
    const records = [
      audit({ activity: 'Update user', target: ADMIN, by: USER }),
      audit({ activity: 'Update user', target: USER, by: { app: 'Microsoft Substrate Management' } }),
      audit({ activity: 'Update user', target: USER, by: BREAK_GLASS }),
    ];
    expect(privilegedChange.evaluate(records, ctx)).toEqual([]);
  });

  it('does not repeat what another rule reports: a password reset, a PIM activation, a posture change', () => {
    const records = [
      audit({ activity: 'Reset user password', target: USER, by: ADMIN }),
      audit({ activity: 'Add member to role completed (PIM activation)', service: 'PIM', target: ADMIN, by: ADMIN, role: 'Global Administrator' }),
      audit({ activity: 'Update conditional access policy', service: 'Conditional Access', category: 'Policy', by: ADMIN }),
    ];
    expect(privilegedChange.evaluate(records, ctx)).toEqual([]);
  });
});

describe('account created, then deleted (known answers)', () => {
  const EVE = { upn: 'eve@contoso.com', id: '66666666-6666-4666-8666-666666666666' };
  // Entra rewrites a deleted user's UPN: the deletion names the same object id under another UPN.
  const EVE_DELETED = { upn: '66666666666646668666666666666666eve@contoso.com', id: EVE.id };

  it('pairs an Add user with a Delete user of the same object id within the window, at Medium', () => {
    const add = audit({ activity: 'Add user', target: EVE, by: ADMIN, at: '2026-03-03T09:00:00Z' });
    const del = audit({ activity: 'Delete user', target: EVE_DELETED, by: ADMIN_NO_PREFIX, at: '2026-03-03T09:40:00Z' });
    // Graph lists newest first.
    const found = accountCreatedDeleted.evaluate([del, add], ctx);
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: 'audit.account-created-deleted',
        riskLevel: 'Medium',
        subject: EVE.upn,
        recordIds: [add.id, del.id],
        when: add.activityDateTime,
        until: del.activityDateTime,
        detail: `${EVE.upn} was created by ${ADMIN.upn} and deleted by ${ADMIN_NO_PREFIX.upn} 40 minutes later.`,
      }),
    ]);
  });

  it('near miss: deleted after the window, a different account deleted, or a failed deletion', () => {
    const add = audit({ activity: 'Add user', target: EVE, by: ADMIN, at: '2026-03-01T09:00:00Z' });
    const late = audit({ activity: 'Delete user', target: EVE_DELETED, by: ADMIN, at: '2026-03-02T09:01:00Z' });
    const other = audit({ activity: 'Delete user', target: USER, by: ADMIN, at: '2026-03-01T10:00:00Z' });
    const failed = audit({ activity: 'Delete user', target: EVE, by: ADMIN, at: '2026-03-01T09:30:00Z', result: 'failure' });
    expect(accountCreatedDeleted.evaluate([late, other, failed, add], ctx)).toEqual([]);
  });
});

describe('elevation to manage all Azure subscriptions (known answers)', () => {
  const elevate = (result: 'success' | 'failure') => audit({ activity: 'User has elevated their access to User Access Administrator for their Azure Resources', category: 'AzureRBACRoleManagementElevateAccess', service: 'Azure RBAC (Elevated Access)', by: ADMIN_NO_PREFIX, result });

  it('reports a successful or failed elevation at High, naming who; the change rule does not repeat it', () => {
    const records = [elevate('success'), elevate('failure')];
    expect(azureElevateAccess.evaluate(records, ctx).map((f) => [f.riskLevel, f.subject])).toEqual([
      ['High', ADMIN_NO_PREFIX.upn],
      ['High', ADMIN_NO_PREFIX.upn],
    ]);
    expect(privilegedChange.evaluate(records, ctx)).toEqual([]);
  });

  it('near miss: an ordinary role change that names User Access Administrator is not the elevation', () => {
    expect(azureElevateAccess.evaluate([audit({ activity: 'Add member to role', target: USER, by: ADMIN, role: 'User Access Administrator' })], ctx)).toEqual([]);
  });
});
