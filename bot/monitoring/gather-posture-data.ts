import type { DirectoryUser, RolePolicySummary, RoleScheduleInstance, SignIn } from '../../workflows/graph-records';
import { TOP_ROLES } from '../../workflows/posture/role-catalog';
import type { PostureData } from '../../workflows/posture/posture-types';
import type { Config } from '../config/schema';
import { isBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';

const DAY = 86_400_000;

/** The sign-in log keeps 30 days at most; 90 are asked for, so a longer retention (export) counts too. */
const EMERGENCY_SIGN_IN_LOOKBACK = 90 * DAY;

/**
 * Everything the stage-1 posture checks judge, read from Graph: role
 * definitions, active assignments and their schedule instances, MFA
 * registration, then for every account that matters (role holders,
 * registered admins, accounts named like admins, the emergency accounts) the
 * user, its PIM eligibility, the emergency accounts' recent sign-ins, and the
 * PIM settings of Global and Privileged Role Administrator.
 */
export async function gatherPostureData(graph: GraphPort, config: Config, now: number): Promise<PostureData> {
  const [roleDefinitions, roleAssignments, assignmentInstances, registrationDetails] = await Promise.all([
    graph.roleDefinitions(),
    graph.roleAssignments({}),
    graph.assignmentInstances({}),
    graph.userRegistrationDetails(),
  ]);
  const prefix = config.monitoring.privilegedNamePrefix.toLowerCase();
  const ids = new Set<string>();
  for (const a of [...roleAssignments, ...assignmentInstances]) ids.add(a.principalId);
  for (const r of registrationDetails) if (r.isAdmin || (prefix && r.userPrincipalName.toLowerCase().startsWith(prefix))) ids.add(r.id);

  const users = new Map<string, DirectoryUser>();
  const emergencyIds: string[] = [];
  for (const account of config.emergencyAccounts) {
    const user = await graph.user(account.objectId ?? account.upn);
    if (!user) continue; // the emergency-accounts check names it as missing
    users.set(user.id.toLowerCase(), user);
    emergencyIds.push(user.id);
    ids.add(user.id);
  }
  const eligibilityInstances: RoleScheduleInstance[] = [];
  for (const id of [...ids].sort()) {
    if (!users.has(id.toLowerCase())) {
      const user = await graph.user(id);
      if (user) users.set(user.id.toLowerCase(), user);
    }
    eligibilityInstances.push(...(await graph.eligibilityInstances(id)));
  }

  const emergencySignIns: SignIn[] = [];
  if (emergencyIds.length) {
    for await (const page of graph.signIns({ since: new Date(now - EMERGENCY_SIGN_IN_LOOKBACK).toISOString(), until: new Date(now).toISOString(), userIds: emergencyIds })) {
      emergencySignIns.push(...page);
    }
  }

  const rolePolicies: RolePolicySummary[] = [];
  for (const role of TOP_ROLES) {
    const id = roleDefinitions.find((d) => (d.templateId ?? d.id).toLowerCase() === role)?.id ?? role;
    try {
      rolePolicies.push(await graph.rolePolicy(id));
    } catch (e) {
      // The PIM-settings check reports an unreadable policy; anything else is a real failure.
      if (!(isBreakglassError(e) && e.code === 'graph.not_found')) throw e;
    }
  }

  return { users: [...users.values()], roleDefinitions, roleAssignments, assignmentInstances, eligibilityInstances, registrationDetails, emergencySignIns, rolePolicies };
}
