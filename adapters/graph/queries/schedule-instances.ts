import type { RoleScheduleInstance } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { and, encodeQueryValue, quote } from '../odata';
import { collectAll, type GraphPage } from '../paging';
import { toScheduleInstance, type Wire } from '../record-mappers';

const FIELDS = ['id', 'principalId', 'roleDefinitionId', 'directoryScopeId', 'startDateTime', 'endDateTime', 'memberType'];

/** PIM eligibility a principal holds now (what they may activate); without a principal, the whole tenant's. */
export function eligibilityInstances(deps: GraphDeps, principalId?: string): Promise<RoleScheduleInstance[]> {
  return collectAll(
    deps,
    { op: 'eligibilityInstances', feature: 'roles' },
    () => {
      const request = deps.client.api('/roleManagement/directory/roleEligibilityScheduleInstances').select(FIELDS);
      return (principalId ? request.filter(encodeQueryValue(`principalId eq ${quote(principalId)}`)) : request).get() as Promise<GraphPage<Wire<RoleScheduleInstance>>>;
    },
    toScheduleInstance,
  );
}

/** Active role assignments now, permanent ('Assigned', no end) and activated or time-bound ones. */
export function assignmentInstances(deps: GraphDeps, filter: { principalId?: string; roleDefinitionId?: string }): Promise<RoleScheduleInstance[]> {
  const expr = and(filter.principalId ? `principalId eq ${quote(filter.principalId)}` : undefined, filter.roleDefinitionId ? `roleDefinitionId eq ${quote(filter.roleDefinitionId)}` : undefined);
  return collectAll(
    deps,
    { op: 'assignmentInstances', feature: 'roles' },
    () => {
      const request = deps.client.api('/roleManagement/directory/roleAssignmentScheduleInstances').select([...FIELDS, 'assignmentType']);
      return (expr ? request.filter(encodeQueryValue(expr)) : request).get() as Promise<GraphPage<Wire<RoleScheduleInstance>>>;
    },
    toScheduleInstance,
  );
}
