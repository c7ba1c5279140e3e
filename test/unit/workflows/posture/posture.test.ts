import type { DirectoryUser, RolePolicySummary, RoleScheduleInstance } from '../../../../workflows/graph-records';
import type { PostureContext, PostureData } from '../../../../workflows/posture/posture-types';
import { GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR } from '../../../../workflows/posture/role-catalog';
import { runPosture } from '../../../../workflows/posture/run-posture';
import { signIn } from '../../../fixtures/signins/build-records';

const NOW = Date.parse('2026-03-03T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW - d * 86_400_000).toISOString();
const EXCHANGE_ADMIN = '29232cdf-9323-42fd-ade2-1d097af3e4de';

function user(upn: string, id: string, extra: Partial<DirectoryUser> = {}): DirectoryUser {
  return { id, userPrincipalName: upn, displayName: upn, accountEnabled: true, onPremisesSyncEnabled: null, lastPasswordChangeDateTime: daysAgo(20), userType: 'Member', ...extra };
}
const standing = (principalId: string, role: string): RoleScheduleInstance => ({ id: `a-${principalId}-${role}`, principalId, roleDefinitionId: role, directoryScopeId: '/', assignmentType: 'Assigned', memberType: 'Direct', startDateTime: daysAgo(300), endDateTime: null });
const eligible = (principalId: string, role: string): RoleScheduleInstance => ({ id: `e-${principalId}-${role}`, principalId, roleDefinitionId: role, directoryScopeId: '/', memberType: 'Direct', startDateTime: daysAgo(100), endDateTime: null });
const strictPolicy = (role: string): RolePolicySummary => ({ roleDefinitionId: role, maximumActivationDuration: 'PT2H', requireMfaOnActivation: true, requireJustificationOnActivation: true, requireTicketInfoOnActivation: false, requireApprovalOnActivation: true });

/** A tenant that follows the roadmap: two break-glass accounts, admins eligible in PIM. */
function healthy(): { data: PostureData; ctx: PostureContext } {
  const bg1 = user('bg-01@contoso.onmicrosoft.com', 'bg1');
  const bg2 = user('bg-02@contoso.onmicrosoft.com', 'bg2');
  const alex = user('adm-alex@contoso.com', 'alex');
  const kim = user('adm-kim@contoso.com', 'kim');
  return {
    data: {
      users: [bg1, bg2, alex, kim],
      roleAssignments: [],
      assignmentInstances: [standing('bg1', GLOBAL_ADMINISTRATOR), standing('bg2', GLOBAL_ADMINISTRATOR), { ...standing('alex', GLOBAL_ADMINISTRATOR), assignmentType: 'Activated', endDateTime: daysAgo(-0.05) }],
      eligibilityInstances: [eligible('alex', GLOBAL_ADMINISTRATOR), eligible('kim', PRIVILEGED_ROLE_ADMINISTRATOR)],
      registrationDetails: [
        { id: 'alex', userPrincipalName: alex.userPrincipalName, isMfaRegistered: true },
        { id: 'kim', userPrincipalName: kim.userPrincipalName, isMfaRegistered: true },
      ],
      emergencySignIns: [signIn({ user: { upn: bg1.userPrincipalName, id: 'bg1' }, createdDateTime: daysAgo(10) })],
      lastSuccessfulSignIn: { 'bg-02@contoso.onmicrosoft.com': daysAgo(60) },
      rolePolicies: [strictPolicy(GLOBAL_ADMINISTRATOR), strictPolicy(PRIVILEGED_ROLE_ADMINISTRATOR)],
    },
    ctx: { now: NOW, emergencyAccounts: [{ upn: bg1.userPrincipalName, id: 'bg1' }, { upn: bg2.userPrincipalName }], maxGlobalAdmins: 3, privilegedNamePrefix: 'adm-' },
  };
}

const check = (data: PostureData, ctx: PostureContext, id: string) => {
  const c = runPosture(data, ctx).checks.find((x) => x.id === `posture.${id}`);
  if (!c) throw new Error(`no check ${id}`);
  return c;
};

describe('posture', () => {
  it('passes every stage-1 check on a tenant that follows the roadmap', () => {
    const { data, ctx } = healthy();
    const report = runPosture(data, ctx);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['posture.emergency-accounts', 'pass'],
      ['posture.emergency-tested', 'pass'],
      ['posture.global-admin-count', 'pass'],
      ['posture.mfa-registration', 'pass'],
      ['posture.standing-assignments', 'pass'],
      ['posture.password-age', 'pass'],
      ['posture.naming-policy', 'pass'],
      ['posture.guest-admins', 'pass'],
      ['posture.pim-settings', 'pass'],
    ]);
    expect(report.status).toBe('pass');
    expect(report.checkedAt).toBe('2026-03-03T12:00:00.000Z');
  });

  describe('emergency accounts', () => {
    it('fails with one account synced from on-premises, naming it and why', () => {
      const { data, ctx } = healthy();
      data.users[1] = { ...data.users[1]!, onPremisesSyncEnabled: true };
      const c = check(data, ctx, 'emergency-accounts');
      expect(c.status).toBe('fail');
      expect(c.subjects).toEqual([{ id: 'bg2', name: 'bg-02@contoso.onmicrosoft.com', reason: 'synchronised from on-premises' }]);
    });
    it('fails when an account only has eligible Global Administrator, and warns with a third bad one', () => {
      const { data, ctx } = healthy();
      data.assignmentInstances = data.assignmentInstances!.filter((a) => a.principalId !== 'bg2');
      data.eligibilityInstances.push(eligible('bg2', GLOBAL_ADMINISTRATOR));
      expect(check(data, ctx, 'emergency-accounts').subjects[0]?.reason).toBe('no permanent active Global Administrator assignment');
      const ok = healthy();
      ok.ctx.emergencyAccounts.push({ upn: 'bg-03@contoso.com' });
      expect(check(ok.data, ok.ctx, 'emergency-accounts')).toMatchObject({ status: 'warn', subjects: [{ name: 'bg-03@contoso.com', reason: 'not found in the directory' }] });
    });
  });

  it('warns about an emergency account not tested in 90 days', () => {
    const { data, ctx } = healthy();
    data.lastSuccessfulSignIn = { 'bg-02@contoso.onmicrosoft.com': daysAgo(120) };
    data.emergencySignIns!.push(signIn({ user: { upn: 'bg-02@contoso.onmicrosoft.com', id: 'bg2' }, createdDateTime: daysAgo(5), status: { errorCode: 50126 } }));
    const c = check(data, ctx, 'emergency-tested');
    expect(c.status).toBe('warn');
    expect(c.subjects).toEqual([{ id: 'bg2', name: 'bg-02@contoso.onmicrosoft.com', reason: `last tested ${daysAgo(120).slice(0, 10)}, 120 days ago` }]);
  });

  it('warns above the configured number of Global Administrators, counting eligible ones', () => {
    const { data, ctx } = healthy();
    data.users.push(user('adm-lee@contoso.com', 'lee'));
    data.eligibilityInstances.push(eligible('lee', GLOBAL_ADMINISTRATOR));
    const c = check(data, ctx, 'global-admin-count');
    expect(c.status).toBe('warn');
    expect(c.subjects.map((s) => s.name)).toEqual(['adm-alex@contoso.com', 'adm-lee@contoso.com', 'bg-01@contoso.onmicrosoft.com', 'bg-02@contoso.onmicrosoft.com']);
  });

  it('fails for a privileged account not registered for MFA, warns when registration is unknown', () => {
    const { data, ctx } = healthy();
    data.registrationDetails[0] = { ...data.registrationDetails[0]!, isMfaRegistered: false };
    expect(check(data, ctx, 'mfa-registration')).toMatchObject({ status: 'fail', subjects: [{ name: 'adm-alex@contoso.com', reason: 'not registered for MFA' }] });
    const h = healthy();
    h.data.registrationDetails.pop();
    expect(check(h.data, h.ctx, 'mfa-registration').status).toBe('warn');
  });

  it('fails on a standing Global Administrator, warns on a standing Exchange Administrator, ignores activations', () => {
    const { data, ctx } = healthy();
    data.assignmentInstances!.push(standing('kim', GLOBAL_ADMINISTRATOR));
    expect(check(data, ctx, 'standing-assignments')).toMatchObject({ status: 'fail', subjects: [{ name: 'adm-kim@contoso.com', reason: 'standing Global Administrator' }] });
    const h = healthy();
    h.data.assignmentInstances!.push(standing('kim', EXCHANGE_ADMIN));
    expect(check(h.data, h.ctx, 'standing-assignments').status).toBe('warn');
  });

  it('takes every active assignment as standing when schedule instances are not available', () => {
    const { data, ctx } = healthy();
    delete data.assignmentInstances;
    data.roleAssignments = [
      { id: '1', principalId: 'bg1', roleDefinitionId: GLOBAL_ADMINISTRATOR, directoryScopeId: '/' },
      { id: '2', principalId: 'bg2', roleDefinitionId: GLOBAL_ADMINISTRATOR, directoryScopeId: '/' },
      { id: '3', principalId: 'alex', roleDefinitionId: GLOBAL_ADMINISTRATOR, directoryScopeId: '/' },
    ];
    expect(check(data, ctx, 'emergency-accounts').status).toBe('pass');
    expect(check(data, ctx, 'standing-assignments').status).toBe('fail');
  });

  it('warns about privileged passwords older than 90 days', () => {
    const { data, ctx } = healthy();
    data.users[3] = { ...data.users[3]!, lastPasswordChangeDateTime: daysAgo(200) };
    expect(check(data, ctx, 'password-age')).toMatchObject({ status: 'warn', subjects: [{ name: 'adm-kim@contoso.com' }] });
  });

  it('warns about privileged accounts without the prefix, not emergency accounts', () => {
    const { data, ctx } = healthy();
    data.users.push(user('grace@contoso.com', 'grace'));
    data.eligibilityInstances.push(eligible('grace', EXCHANGE_ADMIN));
    expect(check(data, ctx, 'naming-policy')).toMatchObject({ status: 'warn', subjects: [{ name: 'grace@contoso.com' }] });
  });

  it('fails on a guest and on a personal Microsoft account in admin roles', () => {
    const { data, ctx } = healthy();
    data.users.push(user('adm-vendor_fabrikam.com#EXT#@contoso.onmicrosoft.com', 'v', { userType: 'Guest' }), user('adm-boss_outlook.com#EXT#@contoso.onmicrosoft.com', 'b', { userType: 'Guest' }));
    data.eligibilityInstances.push(eligible('v', EXCHANGE_ADMIN), eligible('b', GLOBAL_ADMINISTRATOR));
    const c = check(data, ctx, 'guest-admins');
    expect(c.status).toBe('fail');
    expect(c.subjects.map((s) => s.reason).sort()).toEqual(['guest account', 'personal Microsoft account']);
  });

  it('fails when Global Administrator activation needs no MFA; warns on long activations and missing settings', () => {
    const { data, ctx } = healthy();
    data.rolePolicies[0] = { ...data.rolePolicies[0]!, requireMfaOnActivation: false };
    expect(check(data, ctx, 'pim-settings')).toMatchObject({ status: 'fail', subjects: [{ name: 'Global Administrator', reason: 'MFA not required on activation' }] });
    const h = healthy();
    h.data.rolePolicies = [{ ...strictPolicy(GLOBAL_ADMINISTRATOR), maximumActivationDuration: 'PT24H' }];
    const c = check(h.data, h.ctx, 'pim-settings');
    expect(c.status).toBe('warn');
    expect(c.subjects.map((s) => s.reason)).toEqual(['activations last up to PT24H, more than PT8H', 'PIM settings could not be read']);
  });

  it('reports the worst status overall', () => {
    const { data, ctx } = healthy();
    data.users[3] = { ...data.users[3]!, lastPasswordChangeDateTime: daysAgo(200) };
    expect(runPosture(data, ctx).status).toBe('warn');
    data.rolePolicies = [];
    data.registrationDetails = [];
    data.assignmentInstances = [];
    expect(runPosture(data, ctx).status).toBe('fail');
  });
});
