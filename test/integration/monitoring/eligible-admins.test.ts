import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STAFF, personId, type PersonSpec, ROLE, eligibilityInstance } from '../../../sim';
import { runCli } from '../../../app/cli';
import type { Config } from '../../../bot/config/schema';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import { runPrivilegedCli } from '../../../bot/monitoring/run-privileged-cli';
import type { FindingGroup } from '../../../workflows/monitoring/group-findings';
import { MINUTE, MonitorHarness } from './monitor-harness';
import { refusedSignIn } from './sim-records';

/**
 * The privileged set is what the tenant says: an admin who is only ELIGIBLE
 * in PIM and whose name carries no admin prefix is watched like any other
 * admin. The same refused sign-ins for an ordinary user raise nothing.
 */

const HOUR = 60 * MINUTE;
const WATCHED = ['signin.bad-password-threshold', 'signin.lockout', 'signin.mfa-denied'];

/** A bad-password burst, a lockout and an MFA denial, all inside one aligned bad-password window. */
function attackOn(p: PersonSpec, start: number, tag: string) {
  return [
    ...[0, 1, 2, 3, 4, 5].map((i) => refusedSignIn(p, start + i * 30_000, `${tag}-spray-${i}`, 50126)),
    refusedSignIn(p, start + 4 * MINUTE, `${tag}-lockout`, 50053),
    refusedSignIn(p, start + 5 * MINUTE, `${tag}-mfa-denied`, 500121, 'MFA denied; user declined the authentication'),
  ];
}

const rulesFor = (report: PollReport, upn: string): string[] => [...new Set(report.findings.filter((f) => f.subject === upn && WATCHED.includes(f.ruleId)).map((f) => f.ruleId))].sort();

describe('an eligible-only admin without the name prefix', () => {
  const admin = STAFF[0]!;
  const ordinary = STAFF[1]!;
  let quiet: MonitorHarness;
  let report: PollReport;
  let exported: string;
  let runs = 0;

  beforeAll(async () => {
    quiet = await MonitorHarness.start({ scenario: 'quiet' });
    await quiet.poll();
    const t = quiet.clock.now();
    quiet.sim.addEligibility([eligibilityInstance(personId(admin), ROLE.helpdeskAdministrator, new Date(t - 30 * 24 * HOUR).toISOString(), null)]);
    // Inside one aligned window, so the burst is not split across two.
    // Past the privileged set's refresh interval (15m by default), so the poll reads the new role holders.
    const start = Math.ceil((t + 15 * MINUTE) / HOUR) * HOUR + MINUTE;
    const records = [...attackOn(admin, start, 'eligible'), ...attackOn(ordinary, start, 'ordinary')];
    quiet.sim.addSignIns(records);
    exported = join(quiet.dir, 'attack.jsonl');
    writeFileSync(exported, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    quiet.clock.advance(start + 10 * MINUTE - t);
    report = await quiet.poll();
  });

  afterAll(async () => {
    await quiet?.stop();
  });

  it('is unprefixed and holds no active assignment: eligibility is the only thing that makes it privileged', async () => {
    expect(admin.upn.startsWith('adm-')).toBe(false);
    expect(await quiet.port.roleAssignments({ principalId: personId(admin) })).toEqual([]);
  });

  it('their bad-password burst, lockout and MFA denial are found', () => {
    expect(rulesFor(report, admin.upn)).toEqual(WATCHED.slice().sort());
  });

  it('the same events for a user with no role raise nothing', () => {
    expect(report.findings.filter((f) => f.subject === ordinary.upn)).toEqual([]);
  });

  /** `signins analyze --json` over the export: rule ids per account. */
  async function analyze(config: Config, ...extra: string[]): Promise<Record<string, string[]>> {
    const file = join(quiet.dir, `config-${++runs}.json`);
    writeFileSync(file, JSON.stringify(config));
    const lines: string[] = [];
    await runCli(['signins', 'analyze', exported, '--config', file, '--json', ...extra], (l) => lines.push(l));
    const out: Record<string, string[]> = {};
    for (const g of (JSON.parse(lines.join('\n')) as { groups: FindingGroup[] }).groups) if (WATCHED.includes(g.ruleId)) out[g.subject] = [...new Set([...(out[g.subject] ?? []), g.ruleId])].sort();
    return out;
  }

  it('offline, unlisted, it is not known to be privileged (the prefix is all there is)', async () => {
    expect(await analyze(quiet.config)).toEqual({});
  });

  it('offline, listed under monitoring.privileged.accounts in config, it is found; the ordinary user is not', async () => {
    const config: Config = { ...quiet.config, monitoring: { ...quiet.config.monitoring, privileged: { accounts: [admin.upn], groups: [] } } };
    expect(await analyze(config)).toEqual({ [admin.upn]: WATCHED.slice().sort() });
  });

  it('offline, with a `privileged list --json` export fed back as --context, it is found; the ordinary user is not', async () => {
    let json = '';
    const code = await runPrivilegedCli(['list', '--json'], { stdout: { write: (t: string) => (json += t) }, stderr: { write: () => true } }, { connect: async () => ({ config: quiet.config, graph: quiet.port, close: async () => undefined }) });
    expect(code).toBe(0);
    const list = join(quiet.dir, 'privileged.json');
    writeFileSync(list, json);
    expect((JSON.parse(json) as { privileged: Array<{ id?: string }> }).privileged).toContainEqual({ id: personId(admin) });
    expect(await analyze(quiet.config, '--context', list)).toEqual({ [admin.upn]: WATCHED.slice().sort() });
  });
});
