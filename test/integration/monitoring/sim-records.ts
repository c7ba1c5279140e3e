import { auditUser, makeAudit, otherTarget, roleNameProperty, roleTarget, userTarget, usualDevice, PEOPLE, personId, type PersonKey, type PersonSpec, ROLE, drillSignIn, nameUuid, seededRandom, makeSignIn } from '../../../sim';
import type { GraphDirectoryAudit, GraphSignIn } from '../../../sim';

/**
 * Records in the simulator's own shapes, built with its factories, for
 * what the scenarios do not contain. Tests hand them to the simulator
 * (addSignIns / addDirectoryAudits) and the bot reads them through Graph.
 */

const rng = seededRandom(4711);
const iso = (ms: number): string => new Date(ms).toISOString();

/** A successful sign-in of an emergency account from the drill workstation. */
export function emergencySignIn(who: 'bg01' | 'bg02', at: number, key: string): GraphSignIn {
  return drillSignIn(nameUuid(`test/${key}`), who, at, rng);
}

/** A bad password typed from Moscow on the account's usual device (Entra error 50126). */
export function badPasswordFromMoscow(who: PersonKey, at: number, key: string): GraphSignIn {
  const p = PEOPLE[who];
  return makeSignIn({
    id: nameUuid(`test/${key}`),
    correlationId: rng.uuid(),
    at: iso(at),
    user: { id: personId(p), upn: p.upn, displayName: p.displayName },
    app: 'azurePortal',
    ip: '185.220.101.99',
    location: { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 },
    device: usualDevice(p),
    errorCode: 50126,
  });
}

/** A refused sign-in of anyone (staff included) from their usual device in Moscow: 50126 bad password, 50053 locked, 500121 MFA. */
export function refusedSignIn(p: PersonSpec, at: number, key: string, errorCode: number, additionalDetails?: string): GraphSignIn {
  return makeSignIn({
    id: nameUuid(`test/${key}`),
    correlationId: rng.uuid(),
    at: iso(at),
    user: { id: personId(p), upn: p.upn, displayName: p.displayName },
    app: 'azurePortal',
    ip: '185.220.101.99',
    location: { city: 'Moscow', state: 'Moscow', country: 'RU', lat: 55.7558, lon: 37.6173 },
    device: usualDevice(p),
    errorCode,
    ...(additionalDetails ? { additionalDetails } : {}),
  });
}

const by = (who: PersonKey) => ({ user: auditUser(personId(PEOPLE[who]), PEOPLE[who].displayName, PEOPLE[who].upn, '73.53.12.40') });
const target = (who: PersonKey) => userTarget(personId(PEOPLE[who]), PEOPLE[who].displayName, PEOPLE[who].upn);

function audit(key: string, at: number, activity: string, category: string, service: string, initiator: PersonKey, targets: GraphDirectoryAudit['targetResources'], extra: { operationType?: string; resultReason?: string } = {}): GraphDirectoryAudit {
  return makeAudit({ id: `Directory_${nameUuid(`test/${key}`)}`, correlationId: rng.uuid(), at: iso(at), activity, category, service, by: by(initiator), targets, ...extra });
}

/** An admin resets another admin's password (Core Directory). */
export function passwordReset(initiator: PersonKey, of: PersonKey, at: number, key: string): GraphDirectoryAudit {
  return audit(key, at, 'Reset user password', 'UserManagement', 'Core Directory', initiator, [target(of)], { operationType: 'Update' });
}

/** An admin registers a new authentication method for someone (Authentication Methods). */
export function adminRegisteredSecurityInfo(initiator: PersonKey, of: PersonKey, at: number, key: string): GraphDirectoryAudit {
  return audit(key, at, 'Admin registered security info', 'UserManagement', 'Authentication Methods', initiator, [target(of)], { resultReason: 'Admin registered temporary access pass method for user' });
}

/** An admin removes someone's Global Administrator assignment through PIM. */
export function globalAdminRemoved(initiator: PersonKey, of: PersonKey, at: number, key: string): GraphDirectoryAudit {
  const ga = 'Global Administrator';
  return makeAudit({
    id: `PIM_${nameUuid(`test/${key}`)}`,
    correlationId: rng.uuid(),
    at: iso(at),
    activity: 'Remove member from role in PIM completed (permanent)',
    category: 'RoleManagement',
    service: 'PIM',
    operationType: 'Delete',
    by: by(initiator),
    targets: [roleTarget(ROLE.globalAdministrator, ga, [roleNameProperty(ga)]), target(of)],
  });
}

/** Someone signed in as `initiator` changes another user (e.g. an emergency account acting in the directory). */
export function userUpdated(initiator: PersonKey, of: PersonKey, at: number, key: string): GraphDirectoryAudit {
  return audit(key, at, 'Update user', 'UserManagement', 'Core Directory', initiator, [target(of)], { operationType: 'Update' });
}

/** A new account (Core Directory 'Add user'), as Entra logs it. */
export function userCreated(initiator: PersonKey, upn: string, at: number, key: string): { audit: GraphDirectoryAudit; userId: string } {
  const userId = nameUuid(`user/${upn}`);
  return { userId, audit: audit(key, at, 'Add user', 'UserManagement', 'Core Directory', initiator, [userTarget(userId, upn, upn)]) };
}

/** A role given directly in the directory (Core Directory 'Add member to role', no PIM), with Role.DisplayName. */
export function roleAddedInDirectory(initiator: PersonKey, userIdOf: string, upn: string, role: string, at: number, key: string): GraphDirectoryAudit {
  return makeAudit({
    id: `Directory_${nameUuid(`test/${key}`)}`,
    correlationId: rng.uuid(),
    at: iso(at),
    activity: 'Add member to role',
    category: 'RoleManagement',
    service: 'Core Directory',
    by: by(initiator),
    targets: [userTarget(userIdOf, upn, upn, [roleNameProperty(role)])],
  });
}

/** A Conditional Access policy added, updated (an exclusion is an update) or deleted, as the Conditional Access service logs it. */
export function conditionalAccessPolicyChanged(initiator: PersonKey, activity: 'Add conditional access policy' | 'Update conditional access policy' | 'Delete conditional access policy', policyName: string, at: number, key: string): GraphDirectoryAudit {
  const policyTarget = otherTarget(nameUuid(`ca/${policyName}`), policyName, 'Policy');
  return audit(key, at, activity, 'Policy', 'Conditional Access', initiator, [policyTarget], { operationType: activity.split(' ')[0] === 'Add' ? 'Add' : activity.startsWith('Delete') ? 'Delete' : 'Update' });
}

/** A user deleted (Core Directory 'Delete user'); Entra logs the deleted user's rewritten UPN, so only the id matches the creation. */
export function userDeleted(initiator: PersonKey, userId: string, upn: string, at: number, key: string): GraphDirectoryAudit {
  const rewritten = `${userId.replace(/-/g, '')}${upn}`;
  return audit(key, at, 'Delete user', 'UserManagement', 'Core Directory', initiator, [userTarget(userId, upn, rewritten)], { operationType: 'Delete' });
}

/** A Global Administrator turns on "Access management for Azure resources", as Entra's audit log records it. */
export function azureElevateAccess(initiator: PersonKey, at: number, key: string): GraphDirectoryAudit {
  return audit(key, at, 'User has elevated their access to User Access Administrator for their Azure Resources', 'AzureRBACRoleManagementElevateAccess', 'Azure RBAC (Elevated Access)', initiator, [], { operationType: 'Assign' });
}
