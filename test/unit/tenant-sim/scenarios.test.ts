import { PEOPLE, userId } from '../../../sim/contoso-directory';
import { ROLE } from '../../../sim/role-definitions';
import { readRoleSettings } from '../../../sim/role-policies';
import { QUIET_IDS, UNDER_ATTACK_IDS, buildScenario } from '../../../sim/scenarios';

const NOW = Date.parse('2026-01-07T15:00:00Z');
const MINUTE = 60_000;

describe('scenarios', () => {
  it('are deterministic: the same seed and time give the same tenant, another seed changes only the background', () => {
    const a = buildScenario('under-attack', { now: NOW, seed: 1 });
    const b = buildScenario('under-attack', { now: NOW, seed: 1 });
    const c = buildScenario('under-attack', { now: NOW, seed: 2 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(JSON.stringify(a.signIns)).not.toBe(JSON.stringify(c.signIns));
    const ids = (d: typeof a) => new Set(d.signIns.map((s) => s.record.id));
    const fixedSignIns = Object.values(UNDER_ATTACK_IDS).filter((id) => !id.includes('_') && id !== UNDER_ATTACK_IDS.bobRequest);
    expect(fixedSignIns).toHaveLength(26);
    for (const d of [a, c]) expect(fixedSignIns.filter((id) => !ids(d).has(id))).toEqual([]);
  });

  it('under-attack holds the documented attack records', () => {
    const data = buildScenario('under-attack', { now: NOW });
    const signIn = (id: string) => data.signIns.find((s) => s.record.id === id)?.record;
    const audit = (id: string) => data.audits.find((s) => s.record.id === id)?.record;
    const spray = Object.entries(UNDER_ATTACK_IDS).filter(([k]) => k.startsWith('spray')).map(([, id]) => signIn(id));
    expect(spray).toHaveLength(16);
    expect(spray.every((s) => s?.status.errorCode === 50126 && s.ipAddress.startsWith('185.220.101.'))).toBe(true);
    expect(spray.filter((s) => s?.userPrincipalName === 'adm-alice@contoso.com')).toHaveLength(6);
    expect(Date.parse(signIn(UNDER_ATTACK_IDS.sprayAlice1)?.createdDateTime ?? '')).toBe(NOW - 95 * MINUTE);
    expect(signIn(UNDER_ATTACK_IDS.caBlockBob)?.status.errorCode).toBe(53003);
    expect(signIn(UNDER_ATTACK_IDS.mfaInterruptCarol)?.status.errorCode).toBe(50074);
    expect(signIn(UNDER_ATTACK_IDS.mfaFailedCarol)?.status.errorCode).toBe(500121);
    expect(signIn(UNDER_ATTACK_IDS.lockoutDave)?.status.errorCode).toBe(50053);
    expect(signIn(UNDER_ATTACK_IDS.disabledHenry)?.status.errorCode).toBe(50057);
    expect(signIn(UNDER_ATTACK_IDS.legacyImapDave)).toMatchObject({ clientAppUsed: 'IMAP4', status: { errorCode: 0 } });
    expect(signIn(UNDER_ATTACK_IDS.newCountryBob)).toMatchObject({ riskLevelDuringSignIn: 'medium', riskState: 'atRisk', location: { countryOrRegion: 'BR' } });
    expect(signIn(UNDER_ATTACK_IDS.breakGlassBg01)).toMatchObject({ userPrincipalName: PEOPLE.bg01.upn, status: { errorCode: 0 } });
    expect(signIn(UNDER_ATTACK_IDS.nightErin)?.createdDateTime).toBe('2026-01-07T02:40:00.000Z');
    expect(audit(UNDER_ATTACK_IDS.outsidePimFrank)?.activityDisplayName).toBe('Add member to role outside of PIM (permanent)');
    expect(audit(UNDER_ATTACK_IDS.pimMfaOff)?.activityDisplayName).toBe('Update role setting in PIM');
    expect(audit(UNDER_ATTACK_IDS.bg02PasswordReset)?.targetResources[0]?.userPrincipalName).toBe(PEOPLE.bg02.upn);
    const ga = data.policies.find((p) => p.assignment.roleDefinitionId === ROLE.globalAdministrator);
    expect(readRoleSettings(ga?.policy.rules ?? []).activationRequires).toEqual(['Justification']);
    expect(data.assignments.some((a) => a.principalId === userId('frank') && a.roleDefinitionId === ROLE.globalAdministrator && a.endDateTime === null)).toBe(true);
  });

  it('quiet has none of the attack, no privileged failures beyond the one typo, and nothing out of hours', () => {
    const data = buildScenario('quiet', { now: NOW });
    const attackIds = new Set<string>(Object.values(UNDER_ATTACK_IDS));
    expect(data.signIns.some((s) => attackIds.has(s.record.id))).toBe(false);
    const privileged = new Set(Object.values(PEOPLE).filter((p) => p.privileged).map((p) => p.upn));
    const privilegedFailures = data.signIns.filter((s) => privileged.has(s.record.userPrincipalName) && s.record.status.errorCode !== 0);
    expect(privilegedFailures.map((s) => s.record.id)).toEqual([QUIET_IDS.bobTypo]);
    const outOfHours = data.signIns.filter((s) => {
      const d = new Date(s.record.createdDateTime);
      return d.getUTCDay() === 0 || d.getUTCDay() === 6 || d.getUTCHours() < 7 || d.getUTCHours() >= 19;
    });
    expect(outOfHours).toEqual([]);
    expect(data.signIns.filter((s) => s.record.userPrincipalName.startsWith('bg-')).map((s) => s.record.id).sort()).toEqual([QUIET_IDS.bg01Drill, QUIET_IDS.bg02Drill].sort());
    expect(data.signIns.length).toBeGreaterThan(200);
  });

  it('adfs-outage federates contoso.com and silences its users for the last two hours', () => {
    const data = buildScenario('adfs-outage', { now: NOW });
    expect(data.domains.find((d) => d.id === 'contoso.com')?.authenticationType).toBe('Federated');
    const recent = data.signIns.filter((s) => Date.parse(s.record.createdDateTime) >= NOW - 120 * MINUTE && s.record.userPrincipalName.endsWith('@contoso.com'));
    expect(recent).toEqual([]);
    expect(buildScenario('quiet', { now: NOW }).signIns.some((s) => Date.parse(s.record.createdDateTime) >= NOW - 120 * MINUTE)).toBe(true);
  });
});
