import { STAFF, personId, type PersonSpec } from '../../../sim';
import { ROLE } from '../../../sim';
import { DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { eligibilityInstance, pimGroupSchedule } from '../../../sim';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import { runPrivilegedCli } from '../../../bot/monitoring/run-privileged-cli';
import { MINUTE, MonitorHarness } from './monitor-harness';
import { refusedSignIn } from './sim-records';

/**
 * Roles held through groups: a role-assignable group eligible for a role in
 * PIM makes its members privileged, and so are those PIM for Groups lets
 * join it (they are not members until they activate). A role-assignable
 * group that holds no role makes nobody privileged.
 */

const HOUR = 60 * MINUTE;
const ROLE_GROUP = '6b0f0a8e-6d5c-4f6e-9d1a-0c1e2f3a4b5c';
const IDLE_GROUP = '7c1f1b9f-7e6d-4a7f-8e2b-1d2f3a4b5c6d';

const burst = (p: PersonSpec, start: number, tag: string) => [0, 1, 2, 3, 4, 5].map((i) => refusedSignIn(p, start + i * 30_000, `${tag}-spray-${i}`, 50126));

describe('privileged through a role-assignable group and PIM for Groups', () => {
  const [member, pimEligible, idleMember, pimIdle] = [STAFF[2]!, STAFF[3]!, STAFF[4]!, STAFF[5]!];
  let h: MonitorHarness;
  let report: PollReport;

  beforeAll(async () => {
    h = await MonitorHarness.start({ scenario: 'quiet' });
    await h.poll();
    const t = h.clock.now();
    const since = new Date(t - 30 * 24 * HOUR).toISOString();
    h.sim.addGroup({ id: ROLE_GROUP, displayName: 'Tier 0 helpdesk', isAssignableToRole: true, memberIds: [personId(member)] });
    h.sim.addGroup({ id: IDLE_GROUP, displayName: 'Role-assignable, no role', isAssignableToRole: true, memberIds: [personId(idleMember)] });
    h.sim.addEligibility([eligibilityInstance(ROLE_GROUP, ROLE.helpdeskAdministrator, since, null)]);
    h.sim.addPimGroupSchedules('eligible', [pimGroupSchedule(ROLE_GROUP, personId(pimEligible), 'member', since), pimGroupSchedule(IDLE_GROUP, personId(pimIdle), 'member', since)]);
    // Past the privileged set's refresh interval (15m by default), so the poll reads the new role holders.
    const start = Math.ceil((t + 15 * MINUTE) / HOUR) * HOUR + MINUTE;
    h.sim.addSignIns([...burst(member, start, 'member'), ...burst(pimEligible, start, 'pim'), ...burst(idleMember, start, 'idle'), ...burst(pimIdle, start, 'pimidle')]);
    h.clock.advance(start + 10 * MINUTE - t);
    report = await h.poll();
  });

  afterAll(async () => {
    await h?.stop();
  });

  const burstFound = (p: PersonSpec) => report.findings.some((f) => f.subject === p.upn && f.ruleId === 'signin.bad-password-threshold');

  it("a member of a group eligible for a role: their bad-password burst is found", () => {
    expect(burstFound(member)).toBe(true);
  });

  it('someone eligible in PIM for Groups to join that group (not a member yet): found', () => {
    expect(burstFound(pimEligible)).toBe(true);
  });

  it('members and PIM-for-Groups principals of a role-assignable group that holds no role: nothing', () => {
    expect(burstFound(idleMember)).toBe(false);
    expect(burstFound(pimIdle)).toBe(false);
  });

  async function list(): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const code = await runPrivilegedCli(['list', '--json'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } }, { connect: async () => ({ config: h.config, graph: h.port, close: async () => undefined }) });
    return { code, out, err };
  }

  it('`privileged list` names both; without the PIM for Groups permission the simulator answers 403 as Graph does, and the list fails instead of coming back short', async () => {
    const full = await list();
    expect(full.code).toBe(0);
    const ids = (JSON.parse(full.out) as { privileged: Array<{ id?: string }> }).privileged.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([personId(member), personId(pimEligible)]));
    expect(ids).not.toContain(personId(idleMember));
    h.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'PrivilegedEligibilitySchedule.Read.AzureADGroup'));
    try {
      const refused = await list();
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/PrivilegedEligibilitySchedule\.Read\.AzureADGroup/);
    } finally {
      h.sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS);
    }
  });
});
