import type { GraphDeps } from '../graph-call';
import { collectAll, type GraphPage } from '../paging';

interface WireMember {
  '@odata.type'?: string;
  id?: string;
}

/** Object ids of the users in a group, nested groups included (transitive). */
export async function groupMemberIds(deps: GraphDeps, groupId: string): Promise<string[]> {
  const members = await collectAll(
    deps,
    { op: 'groupMemberIds', feature: 'groups', notFound: 'such group' },
    () => deps.client.api(`/groups/${encodeURIComponent(groupId)}/transitiveMembers`).select(['id']).top(999).get() as Promise<GraphPage<WireMember>>,
    (m) => m,
  );
  return members.filter((m) => m['@odata.type'] === '#microsoft.graph.user' && typeof m.id === 'string').map((m) => m.id as string);
}
