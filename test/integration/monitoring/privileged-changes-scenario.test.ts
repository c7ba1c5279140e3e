import { GROUP_PEOPLE, PRIVILEGED_CHANGES_IDS as IDS } from '../../../sim';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import { MonitorHarness } from './monitor-harness';

/**
 * The simulator's privileged-changes scenario, read by the poller over Graph:
 * each new rule fires on its records and stays silent on the near misses,
 * and admins privileged only through a group or PIM for Groups are watched.
 */
describe("the 'privileged-changes' scenario", () => {
  let h: MonitorHarness;
  let report: PollReport;

  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'privileged-changes' });
    report = await h.poll();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const fired = (ruleId: string) => report.findings.filter((f) => f.ruleId === ruleId);
  const records = (ruleId: string) => fired(ruleId).flatMap((f) => f.recordIds);

  it('bad passwords of a role-holding group member and of a PIM-for-Groups eligible are found; of an idle role-assignable group, not', () => {
    const subjects = new Set(fired('signin.bad-password-threshold').map((f) => f.subject));
    expect(subjects.has(GROUP_PEOPLE.groupMember.upn)).toBe(true);
    expect(subjects.has(GROUP_PEOPLE.pimGroupEligible.upn)).toBe(true);
    expect(subjects.has(GROUP_PEOPLE.idleMember.upn)).toBe(false);
    expect(subjects.has(GROUP_PEOPLE.idlePimEligible.upn)).toBe(false);
  });

  it('audit.posture-lowered: the CA policy update, not the addition', () => {
    expect(records('audit.posture-lowered')).toEqual([IDS.caUpdate]);
  });

  it('audit.azure-elevate-access: the elevation', () => {
    expect(fired('audit.azure-elevate-access').map((f) => [f.subject, f.riskLevel, f.recordIds])).toEqual([['erin@contoso.com', 'High', [IDS.elevateAccess]]]);
  });

  it('audit.account-created-deleted: the account deleted 5 minutes after creation, not the one kept', () => {
    expect(fired('audit.account-created-deleted').map((f) => [f.subject, f.recordIds])).toEqual([['temp.helper@contoso.com', [IDS.tempCreated, IDS.tempDeleted]]]);
  });

  it('audit.privileged-change: the policy addition by an admin; not the user update by ivan, who holds no role; nothing reported twice', () => {
    const ids = records('audit.privileged-change');
    expect(ids).toContain(IDS.caAdd);
    expect(ids).not.toContain(IDS.ivanUpdate);
    expect(ids).not.toContain(IDS.caUpdate);
    expect(ids).not.toContain(IDS.elevateAccess);
  });
});
