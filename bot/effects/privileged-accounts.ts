import type { Config } from '../config/schema';
import type { GraphPort } from '../ports/graph-port';

/**
 * Who counts as privileged for sign-in review and monitoring, as the tenant
 * says: every principal holding a directory role now or ELIGIBLE for one in
 * PIM (most admins in a PIM tenant are eligible-only and carry no prefix),
 * emergency accounts, accounts named with the admin prefix, and the accounts
 * and group members listed under `monitoring.privileged` in config. Read
 * fresh each time: role holders change during an incident.
 */
export async function privilegedAccounts(
  config: Config,
  graph: Pick<GraphPort, 'roleAssignments' | 'eligibilityInstances' | 'groupMemberIds'>,
): Promise<{ ids: Set<string>; upns: Set<string>; isPrivileged: (upn: string, userId?: string) => boolean }> {
  const listed = config.monitoring.privileged;
  const [assigned, eligible, members] = await Promise.all([
    graph.roleAssignments({}),
    graph.eligibilityInstances(),
    Promise.all(listed.groups.map((g) => graph.groupMemberIds(g))),
  ]);
  const ids = new Set([...assigned.map((a) => a.principalId), ...eligible.map((e) => e.principalId), ...members.flat()].map((id) => id.toLowerCase()));
  // Config names accounts by UPN or object id; an id has no '@'.
  const upns = new Set<string>();
  for (const a of listed.accounts) (a.includes('@') ? upns : ids).add(a.toLowerCase());
  const emergency = new Set(config.emergencyAccounts.map((a) => a.upn.toLowerCase()));
  const prefix = config.monitoring.privilegedNamePrefix.toLowerCase();
  return {
    ids,
    upns,
    isPrivileged: (upn, userId) => {
      const u = upn.toLowerCase();
      return emergency.has(u) || upns.has(u) || (prefix !== '' && u.startsWith(prefix)) || (!!userId && ids.has(userId.toLowerCase()));
    },
  };
}
