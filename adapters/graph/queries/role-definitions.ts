import type { RoleDefinition } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { collectAll, type GraphPage } from '../paging';
import { toRoleDefinition, type Wire } from '../record-mappers';

export function roleDefinitions(deps: GraphDeps): Promise<RoleDefinition[]> {
  return collectAll(
    deps,
    { op: 'roleDefinitions', feature: 'roles' },
    () => deps.client.api('/roleManagement/directory/roleDefinitions').select(['id', 'displayName', 'templateId', 'isBuiltIn']).get() as Promise<GraphPage<Wire<RoleDefinition>>>,
    toRoleDefinition,
  );
}
