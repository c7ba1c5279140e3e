import type { Config } from '../config/schema';
import type { GraphPort } from '../ports/graph-port';

export type PrivilegedGraph = Pick<GraphPort, 'roleAssignments' | 'eligibilityInstances' | 'groupMemberIds' | 'roleAssignableGroupIds' | 'pimGroupPrincipalIds'>;

export interface PrivilegedSet {
  ids: Set<string>;
  upns: Set<string>;
  isPrivileged: (upn: string, userId?: string) => boolean;
}

/**
 * Who counts as privileged for sign-in review and monitoring, as the tenant
 * says: every principal holding a directory role now or ELIGIBLE for one in
 * PIM (most admins in a PIM tenant are eligible-only and carry no prefix);
 * when the holder is a role-assignable group, its transitive members and
 * everyone PIM for Groups lets become a member or owner of it (they are not
 * members until they activate); emergency accounts; accounts named with the
 * admin prefix; and the accounts and group members listed under
 * `monitoring.privileged` in config.
 */
export async function privilegedAccounts(config: Config, graph: PrivilegedGraph): Promise<PrivilegedSet> {
  const listed = config.monitoring.privileged;
  const [assigned, eligible, assignable] = await Promise.all([graph.roleAssignments({}), graph.eligibilityInstances(), graph.roleAssignableGroupIds()]);
  const holders = new Set([...assigned, ...eligible].map((a) => a.principalId.toLowerCase()));
  // Only a role-assignable group can hold a role, so only those are expanded.
  const roleGroups = assignable.filter((g) => holders.has(g.toLowerCase()));
  const expand = [...new Set([...roleGroups, ...listed.groups])];
  const [members, pimGroups] = await Promise.all([Promise.all(expand.map((g) => graph.groupMemberIds(g))), Promise.all(roleGroups.map((g) => graph.pimGroupPrincipalIds(g)))]);
  const ids = new Set([...holders, ...members.flat(), ...pimGroups.flat()].map((id) => id.toLowerCase()));
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

/**
 * The set, read again once `refreshMs` has passed (config
 * `monitoring.privilegedRefresh`): expanding groups costs a read per group, so
 * not every poll. A failed read is not cached: the next poll tries again,
 * and the failure reaches the poller, which reports itself blind.
 */
export function privilegedRefresher(config: Config, graph: PrivilegedGraph, now: () => number, refreshMs: number): () => Promise<PrivilegedSet> {
  let cached: { at: number; value: Promise<PrivilegedSet> } | undefined;
  return () => {
    const t = now();
    if (!cached || t - cached.at >= refreshMs) {
      const value = privilegedAccounts(config, graph);
      const entry = { at: t, value };
      cached = entry;
      value.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.value;
  };
}
