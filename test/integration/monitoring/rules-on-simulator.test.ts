import { PEOPLE, UNDER_ATTACK_IDS as IDS } from '../../../sim';
import type { PollReport } from '../../../bot/monitoring/monitor-poller';
import type { Finding } from '../../../workflows/monitoring/finding';
import { ALL_RULES } from '../../../workflows/monitoring/all-rules';
import { MINUTE, MonitorHarness } from './monitor-harness';
import { adminRegisteredSecurityInfo, globalAdminRemoved, passwordReset, roleAddedInDirectory, userCreated, userUpdated } from './sim-records';

/**
 * Each detection rule, run by the live monitor over the simulated tenant
 * read through the real Graph adapter: it fires on the records the
 * under-attack scenario (or a record added to the simulator in its own
 * shapes) describes, with the right account and raw record ids, and stays
 * quiet on the quiet tenant's normal admin life.
 */

const up = (k: keyof typeof PEOPLE): string => PEOPLE[k].upn;

/** What fired: account -> record ids, sorted, so a wrong subject or an extra record shows in the diff. */
function fired(report: PollReport, ruleId: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of report.findings.filter((x) => x.ruleId === ruleId)) out[f.subject] = [...(out[f.subject] ?? []), ...f.recordIds].sort();
  return out;
}

const ids = (...keys: Array<keyof typeof IDS>): string[] => keys.map((k) => IDS[k]).sort();

/** Rule -> what the under-attack scenario must make it report (scenarios/under-attack.ts). */
const ON_ATTACK: Array<[string, Record<string, string[]>]> = [
  ['emergency.sign-in', { [up('bg01')]: ids('breakGlassBg01') }],
  ['emergency.password-change', { [up('bg02')]: ids('bg02PasswordReset') }],
  ['signin.bad-password-threshold', { [up('alice')]: ids('sprayAlice1', 'sprayAlice2', 'sprayAlice3', 'sprayAlice4', 'sprayAlice5', 'sprayAlice6') }],
  ['signin.ca-blocked', { [up('bob')]: ids('caBlockBob') }],
  ['signin.mfa-interrupted', { [up('carol')]: ids('mfaInterruptCarol') }],
  ['signin.mfa-failed', { [up('carol')]: ids('mfaFailedCarol') }],
  ['signin.mfa-denied', { [up('alice')]: ids('mfaDeniedAlice') }],
  ['signin.lockout', { [up('dave')]: ids('lockoutDave') }],
  ['signin.disabled-account', { [up('henry')]: ids('disabledHenry') }],
  ['signin.outside-working-hours', { [up('erin')]: ids('nightErin') }],
  ['signin.identity-protection-risk', { [up('bob')]: ids('newCountryBob') }],
  ['signin.legacy-protocol', { [up('dave')]: ids('legacyImapDave') }],
  ['signin.new-device-or-location', { [up('bob')]: ids('newCountryBob'), [up('dave')]: ids('legacyImapDave') }],
  [
    'signin.unapproved-location',
    {
      [up('alice')]: ids('sprayAlice1', 'sprayAlice2', 'sprayAlice3', 'sprayAlice4', 'sprayAlice5', 'sprayAlice6', 'mfaDeniedAlice'),
      [up('bob')]: ids('sprayBob1', 'sprayBob2', 'caBlockBob', 'newCountryBob'),
      [up('carol')]: ids('sprayCarol1', 'sprayCarol2', 'mfaInterruptCarol', 'mfaFailedCarol'),
      [up('dave')]: ids('sprayDave1', 'sprayDave2', 'lockoutDave', 'legacyImapDave'),
      [up('erin')]: ids('sprayErin1', 'sprayErin2'),
      [up('grace')]: ids('sprayGrace1', 'sprayGrace2'),
      [up('henry')]: ids('disabledHenry'),
    },
  ],
  ['audit.role-assigned-outside-pim', { [up('frank')]: ids('outsidePimFrank') }],
  ['audit.eligible-role-added', { [up('frank')]: ids('eligibleFrank') }],
  ['audit.pim-settings-changed', { [up('erin')]: ids('pimMfaOff') }],
  ['audit.pim-alert-disabled', { [up('erin')]: ids('pimAlertOff') }],
  ['audit.pim-activation', { [up('bob')]: ids('bobActivated') }],
  ['audit.pim-approval-decision', { [up('bob')]: ids('bobApproved') }],
  ['audit.auth-method-change', { [up('bob')]: ids('bobAuthMethod') }],
];

/** Rules the scenarios have no record for: checked on records added to the quiet tenant below. */
const ADDED = ['emergency.role-change', 'emergency.auth-method-change', 'emergency.activity', 'audit.privileged-password-change', 'audit.privileged-account-created'];

describe('every detection rule on the simulated tenant', () => {
  let attack: MonitorHarness;
  let quiet: MonitorHarness;
  let onAttack: PollReport;
  let onQuiet: PollReport;
  let onAdded: PollReport;
  const added: Record<string, string> = {};

  beforeAll(async () => {
    attack = await MonitorHarness.start({ scenario: 'under-attack' });
    onAttack = await attack.poll();
    quiet = await MonitorHarness.start({ scenario: 'quiet' });
    onQuiet = await quiet.poll();

    const t = quiet.clock.now();
    const zoe = userCreated('alice', 'zoe.ops@contoso.com', t + 1 * MINUTE, 'create-zoe');
    const hire = userCreated('alice', 'new.hire@contoso.com', t + 1 * MINUTE, 'create-hire');
    const records = {
      bg02RoleRemoved: globalAdminRemoved('alice', 'bg02', t + 2 * MINUTE, 'bg02-ga-removed'),
      bg01Tap: adminRegisteredSecurityInfo('alice', 'bg01', t + 3 * MINUTE, 'bg01-tap'),
      bg01EditsCarol: userUpdated('bg01', 'carol', t + 4 * MINUTE, 'bg01-edits-carol'),
      carolReset: passwordReset('alice', 'carol', t + 5 * MINUTE, 'carol-reset'),
      ivanReset: passwordReset('alice', 'ivan', t + 5 * MINUTE, 'ivan-reset'),
      zoeCreated: zoe.audit,
      zoeRole: roleAddedInDirectory('alice', zoe.userId, 'zoe.ops@contoso.com', 'Exchange Administrator', t + 6 * MINUTE, 'zoe-role'),
      hireCreated: hire.audit,
    };
    for (const [k, r] of Object.entries(records)) added[k] = r.id;
    quiet.sim.addDirectoryAudits(Object.values(records));
    quiet.clock.advance(10 * MINUTE);
    onAdded = await quiet.poll();
  });

  afterAll(async () => {
    await attack?.stop();
    await quiet?.stop();
  });

  it('covers every rule the monitor runs', () => {
    // The change rules have their scenario and near misses in change-rules-on-simulator.test.ts.
    const covered = new Set([...ON_ATTACK.map(([id]) => id), ...ADDED, 'signin.naming-policy', 'audit.posture-lowered', 'audit.privileged-change', 'audit.account-created-deleted', 'audit.azure-elevate-access']);
    expect(ALL_RULES.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  it.each(ON_ATTACK)('%s fires on the attack with the right accounts and records, and not on the quiet tenant', (ruleId, expected) => {
    expect(fired(onAttack, ruleId)).toEqual(expected);
    expect(fired(onQuiet, ruleId)).toEqual({});
  });

  it('signin.naming-policy names the admins without the adm- prefix, never the adm- accounts', () => {
    const attackSubjects = Object.keys(fired(onAttack, 'signin.naming-policy')).sort();
    expect(attackSubjects).toEqual([up('erin'), up('frank'), up('lee')].sort());
    // erin holds Global Administrator permanently in every scenario; nobody else without the prefix does.
    expect(Object.keys(fired(onQuiet, 'signin.naming-policy'))).toEqual([up('erin')]);
    expect(fired(onAttack, 'signin.naming-policy')[up('erin')]).toContain(IDS.nightErin);
  });

  it('PIM settings: the finding says MFA on activation was turned off', () => {
    const f = onAttack.findings.find((x) => x.ruleId === 'audit.pim-settings-changed');
    expect(f?.detail).toMatch(/Global Administrator: MFA on activation was turned off/);
  });

  it('emergency rules report a change to an emergency account once, not also as generic activity', () => {
    expect(fired(onAttack, 'emergency.activity')).toEqual({});
    expect(fired(onAdded, 'emergency.activity')).toEqual({ [up('bg01')]: [added.bg01EditsCarol!] });
  });

  it('emergency.role-change: Global Administrator removed from an emergency account', () => {
    expect(fired(onAdded, 'emergency.role-change')).toEqual({ [up('bg02')]: [added.bg02RoleRemoved!] });
    expect(fired(onQuiet, 'emergency.role-change')).toEqual({});
  });

  it('emergency.auth-method-change: an admin registers a method for an emergency account', () => {
    expect(fired(onAdded, 'emergency.auth-method-change')).toEqual({ [up('bg01')]: [added.bg01Tap!] });
    expect(fired(onQuiet, 'emergency.auth-method-change')).toEqual({});
    // The same kind of change on an ordinary privileged account is the generic rule's, not the emergency one's.
    expect(fired(onAttack, 'emergency.auth-method-change')).toEqual({});
  });

  it("audit.privileged-password-change: an admin's password reset alerts, a manager's and staff resets do not", () => {
    expect(fired(onAdded, 'audit.privileged-password-change')).toEqual({ [up('carol')]: [added.carolReset!] });
    expect(fired(onQuiet, 'audit.privileged-password-change')).toEqual({});
    // The quiet day has helpdesk resets of staff passwords in it: the monitor read them and said nothing.
    const inWindow = (at: string) => at >= onQuiet.since && at <= onQuiet.until;
    const staffResets = quiet.sim.data.audits.filter((a) => a.record.activityDisplayName === 'Reset user password' && inWindow(a.record.activityDateTime));
    expect(staffResets.length).toBeGreaterThan(0);
  });

  it('audit.privileged-account-created: a new account given a role alerts, a new account without one does not', () => {
    expect(fired(onAdded, 'audit.privileged-account-created')).toEqual({ 'zoe.ops@contoso.com': [added.zoeCreated!, added.zoeRole!].sort() });
    expect(onAdded.findings.some((f: Finding) => f.subject === 'new.hire@contoso.com')).toBe(false);
  });
});
