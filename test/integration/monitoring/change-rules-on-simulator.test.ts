import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import { MINUTE, MonitorHarness } from './monitor-harness';
import { azureElevateAccess, conditionalAccessPolicyChanged, userCreated, userDeleted, userUpdated } from './sim-records';

/**
 * Changes made by privileged accounts, read by the poller from the
 * simulator over Graph: erin (Global Administrator, no admin prefix) weakens
 * a Conditional Access policy and updates a user; the near misses are a
 * policy being added (raises posture) and the same user update by ivan, who
 * holds no role.
 */
describe('changes by privileged accounts, on the simulator', () => {
  let h: MonitorHarness;
  let report: PollReport;

  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll();
    const t = h.clock.now();
    const brief = userCreated('carol', 'temp.helper@contoso.com', t + MINUTE, 'brief-created');
    const kept = userCreated('carol', 'new.hire@contoso.com', t + MINUTE, 'kept-created');
    h.sim.addDirectoryAudits([
      conditionalAccessPolicyChanged('erin', 'Update conditional access policy', 'Require MFA for admins', t + MINUTE, 'ca-update'),
      conditionalAccessPolicyChanged('erin', 'Add conditional access policy', 'Block legacy authentication', t + 2 * MINUTE, 'ca-add'),
      userUpdated('erin', 'frank', t + 3 * MINUTE, 'erin-updates-frank'),
      userUpdated('ivan', 'frank', t + 4 * MINUTE, 'ivan-updates-frank'),
      brief.audit,
      userDeleted('carol', brief.userId, 'temp.helper@contoso.com', t + 6 * MINUTE, 'brief-deleted'),
      kept.audit,
      azureElevateAccess('erin', t + 7 * MINUTE, 'erin-elevates'),
    ]);
    h.clock.advance(10 * MINUTE);
    report = await h.poll();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const found = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId).map((f) => [f.subject, f.riskLevel, f.detail]);

  it('the Conditional Access policy update is reported at High; adding a policy is not', () => {
    expect(found('audit.posture-lowered')).toEqual([['erin@contoso.com', 'High', "erin@contoso.com: Update conditional access policy 'Require MFA for admins'."]]);
  });

  it('an account created and deleted five minutes later is reported at Medium; one that is kept is not', () => {
    expect(found('audit.account-created-deleted')).toEqual([['temp.helper@contoso.com', 'Medium', 'temp.helper@contoso.com was created by adm-carol@contoso.com and deleted by adm-carol@contoso.com 5 minutes later.']]);
  });

  it("erin's elevation to all Azure subscriptions is reported at High", () => {
    expect(found('audit.azure-elevate-access')).toEqual([['erin@contoso.com', 'High', 'erin@contoso.com elevated to User Access Administrator over all Azure subscriptions.']]);
  });

  it("erin's user update and policy addition are reported at Medium (the update is reported once, as posture); ivan's update is not", () => {
    // The quiet scenario's own admin work (group changes by adm-carol ...) is reported too; only ours are checked here.
    const ours = found('audit.privileged-change').filter(([, , detail]) => /frank@contoso\.com|conditional access/i.test(detail as string));
    expect(ours).toEqual([
      ['erin@contoso.com', 'Medium', 'Add conditional access policy on Block legacy authentication.'],
      ['erin@contoso.com', 'Medium', 'Update user on frank@contoso.com.'],
    ]);
    expect(report.findings.filter((f) => f.subject === 'ivan@contoso.com')).toEqual([]);
  });
});
