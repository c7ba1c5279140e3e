import type { GraphDeps } from '../graph-call';
import { encodeQueryValue, quote } from '../odata';
import { collectAll, type GraphPage } from '../paging';

interface WireId {
  id?: string;
}

interface WireSchedule {
  principalId?: string;
}

/** Ids of the role-assignable groups: only these can hold a directory role, so only these need expanding. */
export async function roleAssignableGroupIds(deps: GraphDeps): Promise<string[]> {
  const groups = await collectAll(
    deps,
    { op: 'roleAssignableGroupIds', feature: 'groups' },
    () => deps.client.api('/groups').filter(encodeQueryValue('isAssignableToRole eq true')).select(['id']).top(999).get() as Promise<GraphPage<WireId>>,
    (g) => g,
  );
  return groups.flatMap((g) => (typeof g.id === 'string' ? [g.id] : []));
}

/**
 * Principals eligible for or assigned membership or ownership of a group in
 * PIM for Groups. Neither list shows up in the group's members until the
 * principal activates, so an eligible member is invisible to transitiveMembers.
 * Graph wants these lists scoped by groupId or principalId.
 */
export async function pimGroupPrincipalIds(deps: GraphDeps, groupId: string): Promise<string[]> {
  const filter = encodeQueryValue(`groupId eq ${quote(groupId)}`);
  const read = (kind: 'eligibilitySchedules' | 'assignmentSchedules') =>
    collectAll(
      deps,
      { op: 'pimGroupPrincipalIds', feature: 'pimGroups' },
      () => deps.client.api(`/identityGovernance/privilegedAccess/group/${kind}`).filter(filter).select(['principalId']).get() as Promise<GraphPage<WireSchedule>>,
      (s) => s,
    );
  const [eligible, assigned] = await Promise.all([read('eligibilitySchedules'), read('assignmentSchedules')]);
  return [...new Set([...eligible, ...assigned].flatMap((s) => (typeof s.principalId === 'string' ? [s.principalId] : [])))];
}
