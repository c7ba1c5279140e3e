import { auditUser, makeAudit, otherTarget, userTarget } from '../audit-factory';
import { usualDevice } from '../background-activity';
import { PEOPLE, STAFF, personId, type PersonKey, type PersonSpec } from '../contoso-directory';
import type { GraphDirectoryAudit, GraphSignIn } from '../graph-shapes';
import { ROLE } from '../role-definitions';
import { DAY, MINUTE, iso } from '../scenario-time';
import { nameUuid, type Random } from '../seeded-random';
import { makeSignIn } from '../sign-in-factory';
import { eligibilityInstance, pimGroupSchedule, type TenantData } from '../tenant-data';

/**
 * On top of the quiet records: admins who hold their role only through a
 * group, and changes made by privileged accounts. N = the simulator clock at start.
 *
 * Privilege through groups:
 *   ROLE_GROUP  "Tier 0 helpdesk", role-assignable, ELIGIBLE for Helpdesk Administrator; member STAFF[2]
 *               (groupMember); STAFF[3] (pimGroupEligible) is eligible in PIM for Groups to join it
 *   IDLE_GROUP  role-assignable, holds no role; member STAFF[4], PIM-for-Groups eligible STAFF[5] (near misses)
 *   Each of the four has 12 bad passwords (50126) from Moscow at N-50m .. N-47m15s: only the first two are privileged.
 *
 * Directory audits:
 *   caUpdate       erin (Global Administrator, no prefix) updates CA policy "Require MFA for admins", N-30m  → audit.posture-lowered
 *   caAdd          erin adds CA policy "Block legacy authentication", N-29m (near miss for posture; a change by an admin)
 *   elevateAccess  erin elevates to User Access Administrator over all Azure subscriptions, N-28m → audit.azure-elevate-access
 *   tempCreated / tempDeleted  adm-carol creates temp.helper@contoso.com at N-40m, deletes it at N-35m → audit.account-created-deleted
 *   hireCreated    adm-carol creates new.hire@contoso.com at N-40m and keeps it (near miss)
 *   ivanUpdate     ivan (no role) updates frank, N-27m (near miss for audit.privileged-change)
 */
export const ROLE_GROUP = nameUuid('group/tier0-helpdesk');
export const IDLE_GROUP = nameUuid('group/role-assignable-idle');

export const PRIVILEGED_CHANGES_IDS = {
  caUpdate: `Directory_${nameUuid('privileged-changes/ca-update')}`,
  caAdd: `Directory_${nameUuid('privileged-changes/ca-add')}`,
  elevateAccess: `Directory_${nameUuid('privileged-changes/elevate')}`,
  tempCreated: `Directory_${nameUuid('privileged-changes/temp-created')}`,
  tempDeleted: `Directory_${nameUuid('privileged-changes/temp-deleted')}`,
  hireCreated: `Directory_${nameUuid('privileged-changes/hire-created')}`,
  ivanUpdate: `Directory_${nameUuid('privileged-changes/ivan-update')}`,
};

export const GROUP_PEOPLE = { groupMember: STAFF[2]!, pimGroupEligible: STAFF[3]!, idleMember: STAFF[4]!, idlePimEligible: STAFF[5]! };

export function addPrivilegedChangesRecords(data: TenantData, now: number, rng: Random): void {
  const since = iso(now - 30 * DAY);
  const { groupMember, pimGroupEligible, idleMember, idlePimEligible } = GROUP_PEOPLE;
  const group = (id: string, displayName: string, member: PersonSpec) => ({ id, displayName, description: null, mailEnabled: false, securityEnabled: true, groupTypes: [], isAssignableToRole: true, memberIds: [personId(member)], memberGroupIds: [] });
  data.groups.push(group(ROLE_GROUP, 'Tier 0 helpdesk', groupMember), group(IDLE_GROUP, 'Role-assignable, no role', idleMember));
  data.eligibility.push(eligibilityInstance(ROLE_GROUP, ROLE.helpdeskAdministrator, since, null));
  data.pimGroupEligibility.push(pimGroupSchedule(ROLE_GROUP, personId(pimGroupEligible), 'member', since), pimGroupSchedule(IDLE_GROUP, personId(idlePimEligible), 'member', since));

  const signIns: GraphSignIn[] = [];
  for (const p of [groupMember, pimGroupEligible, idleMember, idlePimEligible]) {
    // Twelve, 15 s apart: however the aligned counting window cuts them, one side holds at least six.
    for (let i = 0; i < 12; i++) {
      signIns.push(
        makeSignIn({
          id: nameUuid(`privileged-changes/spray/${p.upn}/${i}`),
          correlationId: rng.uuid(),
          at: iso(now - 50 * MINUTE + i * 15_000),
          user: { id: personId(p), upn: p.upn, displayName: p.displayName },
          app: 'azurePortal',
          ip: '185.220.101.12',
          location: { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 },
          device: usualDevice(p),
          errorCode: 50126,
        }),
      );
    }
  }
  for (const record of signIns) data.signIns.push({ record, visibleAt: Date.parse(record.createdDateTime) });

  const by = (who: PersonKey) => ({ user: auditUser(personId(PEOPLE[who]), PEOPLE[who].displayName, PEOPLE[who].upn, '73.53.12.40') });
  const policy = (name: string) => otherTarget(nameUuid(`ca/${name}`), name, 'Policy');
  const newUser = (upn: string) => ({ id: nameUuid(`user/${upn}`), upn });
  const temp = newUser('temp.helper@contoso.com');
  const hire = newUser('new.hire@contoso.com');
  const ids = PRIVILEGED_CHANGES_IDS;
  const audit = (id: string, at: number, activity: string, category: string, service: string, who: PersonKey, targets: GraphDirectoryAudit['targetResources'], operationType: string) =>
    makeAudit({ id, correlationId: rng.uuid(), at: iso(at), activity, category, service, by: by(who), targets, operationType });
  const audits: GraphDirectoryAudit[] = [
    audit(ids.tempCreated, now - 40 * MINUTE, 'Add user', 'UserManagement', 'Core Directory', 'carol', [userTarget(temp.id, temp.upn, temp.upn)], 'Add'),
    audit(ids.hireCreated, now - 40 * MINUTE, 'Add user', 'UserManagement', 'Core Directory', 'carol', [userTarget(hire.id, hire.upn, hire.upn)], 'Add'),
    // Entra rewrites a deleted user's UPN: only the object id ties the deletion to the creation.
    audit(ids.tempDeleted, now - 35 * MINUTE, 'Delete user', 'UserManagement', 'Core Directory', 'carol', [userTarget(temp.id, temp.upn, `${temp.id.replace(/-/g, '')}${temp.upn}`)], 'Delete'),
    audit(ids.caUpdate, now - 30 * MINUTE, 'Update conditional access policy', 'Policy', 'Conditional Access', 'erin', [policy('Require MFA for admins')], 'Update'),
    audit(ids.caAdd, now - 29 * MINUTE, 'Add conditional access policy', 'Policy', 'Conditional Access', 'erin', [policy('Block legacy authentication')], 'Add'),
    audit(ids.elevateAccess, now - 28 * MINUTE, 'User has elevated their access to User Access Administrator for their Azure Resources', 'AzureRBACRoleManagementElevateAccess', 'Azure RBAC (Elevated Access)', 'erin', [], 'Assign'),
    audit(ids.ivanUpdate, now - 27 * MINUTE, 'Update user', 'UserManagement', 'Core Directory', 'ivan', [userTarget(personId(PEOPLE.frank), PEOPLE.frank.displayName, PEOPLE.frank.upn)], 'Update'),
  ];
  for (const record of audits) data.audits.push({ record, visibleAt: Date.parse(record.activityDateTime) });
}
