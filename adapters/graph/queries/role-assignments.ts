import type { RoleAssignment } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { and, encodeQueryValue, quote } from '../odata';
import { collectAll, type GraphPage } from '../paging';
import { toRoleAssignment, type Wire } from '../record-mappers';

/**
 * unifiedRoleAssignments: what holds a role right now. Graph lists every
 * active assignment here, time-bound and PIM-activated ones too; to tell
 * standing from temporary, use assignmentInstances (endDateTime null = permanent).
 */
export function roleAssignments(deps: GraphDeps, filter: { roleDefinitionId?: string; principalId?: string }): Promise<RoleAssignment[]> {
  const expr = and(filter.principalId ? `principalId eq ${quote(filter.principalId)}` : undefined, filter.roleDefinitionId ? `roleDefinitionId eq ${quote(filter.roleDefinitionId)}` : undefined);
  return collectAll(
    deps,
    { op: 'roleAssignments', feature: 'roles' },
    () => {
      const request = deps.client.api('/roleManagement/directory/roleAssignments').select(['id', 'principalId', 'roleDefinitionId', 'directoryScopeId']);
      return (expr ? request.filter(encodeQueryValue(expr)) : request).get() as Promise<GraphPage<Wire<RoleAssignment>>>;
    },
    toRoleAssignment,
  );
}
