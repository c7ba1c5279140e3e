import { backgroundActivity } from '../background-activity';
import { baseRoleSettings, baseTenant } from '../base-tenant';
import { ROLE } from '../role-definitions';
import { HOUR } from '../scenario-time';
import { seededRandom } from '../seeded-random';
import type { TenantData } from '../tenant-data';
import { addPrivilegedChangesRecords } from './privileged-changes';
import { addQuietRecords } from './quiet';
import { addUnderAttackRecords } from './under-attack';

export { QUIET_IDS } from './quiet';
export { UNDER_ATTACK_IDS } from './under-attack';
export { PRIVILEGED_CHANGES_IDS } from './privileged-changes';

/**
 * quiet         normal admin activity: 7 days of background sign-ins and directory changes in working
 *               hours, plus the shared records described in scenarios/quiet.ts.
 * under-attack  quiet + the attack described in scenarios/under-attack.ts.
 * adfs-outage   quiet, but contoso.com is a Federated domain (AD FS) and nobody @contoso.com has
 *               signed in for the last 2 hours (AD FS is down); the onmicrosoft.com emergency accounts
 *               are unaffected.
 * privileged-changes  quiet + admins privileged only through a role-assignable group or PIM for Groups,
 *               and changes made by privileged accounts (scenarios/privileged-changes.ts), with near misses.
 */
export const SCENARIOS = ['quiet', 'under-attack', 'adfs-outage', 'privileged-changes'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIOS as readonly string[]).includes(name);
}

export const DEFAULT_SEED = 20260101;

/** Builds the tenant for a scenario. Same name, seed and `now` give the same data. */
export function buildScenario(name: ScenarioName, options: { now: number; seed?: number }): TenantData {
  const { now } = options;
  const rng = seededRandom(options.seed ?? DEFAULT_SEED);
  const settings = baseRoleSettings();
  if (name === 'under-attack') {
    const ga = settings.get(ROLE.globalAdministrator);
    if (ga) settings.set(ROLE.globalAdministrator, { ...ga, activationRequires: ga.activationRequires.filter((r) => r !== 'MultiFactorAuthentication') });
  }
  const data = baseTenant(now, { federated: name === 'adfs-outage', settings });
  const outageStart = now - 2 * HOUR;
  const background = backgroundActivity(now, rng, {
    days: 7,
    skipUser: name === 'adfs-outage' ? (p, at) => p.upn.endsWith('@contoso.com') && at >= outageStart : undefined,
  });
  for (const record of background.signIns) data.signIns.push({ record, visibleAt: Date.parse(record.createdDateTime) });
  for (const record of background.audits) data.audits.push({ record, visibleAt: Date.parse(record.activityDateTime) });
  addQuietRecords(data, now, rng, { bg02DrillDaysAgo: name === 'under-attack' ? 120 : 30 });
  if (name === 'adfs-outage') {
    data.signIns = data.signIns.filter((s) => !(s.record.userPrincipalName.endsWith('@contoso.com') && s.visibleAt >= outageStart));
  }
  if (name === 'under-attack') addUnderAttackRecords(data, now, rng);
  if (name === 'privileged-changes') addPrivilegedChangesRecords(data, now, rng);
  return data;
}
