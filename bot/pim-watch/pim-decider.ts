import type { RoleAssignmentScheduleRequest } from '../../workflows/graph-records';
import type { ElevationActor, PimStatus } from '../../workflows/pim-elevation/types';
import type { GraphPort } from '../ports/graph-port';

const DECISION: Partial<Record<PimStatus, RegExp>> = {
  Granted: /request approved/i,
  Provisioned: /request approved/i,
  Denied: /request denied/i,
};

/**
 * Who approved or denied a PIM request, from the directory audit log ("Add
 * member to role request approved (PIM activation)" names the approver).
 * App-only Graph cannot read PIM's approval steps, and the log may lag by
 * minutes, so this is best effort: undefined means the card says "PIM".
 */
export async function pimDecider(graph: Pick<GraphPort, 'directoryAudits'>, request: RoleAssignmentScheduleRequest, status: PimStatus, now: number): Promise<ElevationActor | undefined> {
  const activity = DECISION[status];
  if (!activity) return undefined;
  const since = request.createdDateTime && !Number.isNaN(Date.parse(request.createdDateTime)) ? request.createdDateTime : new Date(now - 24 * 3_600_000).toISOString();
  try {
    for await (const page of graph.directoryAudits({ since, category: 'RoleManagement' })) {
      for (const audit of page) {
        const targets = audit.targetResources.map((t) => t.id?.toLowerCase());
        const user = audit.initiatedBy.user;
        if (!activity.test(audit.activityDisplayName) || !user?.id) continue;
        if (!targets.includes(request.principalId.toLowerCase()) || !targets.includes(request.roleDefinitionId.toLowerCase())) continue;
        return { id: user.id, name: user.displayName ?? user.userPrincipalName ?? user.id };
      }
    }
  } catch {
    // The decision stands without a name; the log is only a nicety here.
  }
  return undefined;
}
