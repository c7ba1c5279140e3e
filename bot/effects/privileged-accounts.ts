import type { Config } from '../config/schema';
import type { GraphPort } from '../core/graph-port';

/**
 * Who counts as privileged for sign-in review and monitoring: emergency
 * accounts, accounts named with the admin prefix, and every principal holding
 * a directory role permanently. Read fresh each time: role holders change
 * during an incident.
 */
export async function privilegedAccounts(config: Config, graph: Pick<GraphPort, 'roleAssignments'>): Promise<{ ids: Set<string>; isPrivileged: (upn: string, userId?: string) => boolean }> {
  const ids = new Set((await graph.roleAssignments({})).map((a) => a.principalId.toLowerCase()));
  const emergency = new Set(config.emergencyAccounts.map((a) => a.upn.toLowerCase()));
  const prefix = config.monitoring.privilegedNamePrefix.toLowerCase();
  return {
    ids,
    isPrivileged: (upn, userId) => {
      const u = upn.toLowerCase();
      return emergency.has(u) || (prefix !== '' && u.startsWith(prefix)) || (!!userId && ids.has(userId.toLowerCase()));
    },
  };
}
