import type { GraphPort } from '../ports/graph-port';
import type { GraphFeatureName } from './graph-features';

/** An object id no directory object has: reading it needs the permission, and finds nothing. */
const NO_SUCH_OBJECT = '00000000-0000-0000-0000-000000000000';
/** Global Administrator's role definition id, the same in every tenant. */
const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';

/**
 * One read per feature that needs exactly that feature's permissions and
 * changes nothing. `grant` has none: every call that proves the write
 * permission would change the tenant, so the token's roles claim has to do.
 */
export function harmlessCall(graph: GraphPort, feature: GraphFeatureName, context: { now: number; groupId?: string }): (() => Promise<unknown>) | undefined {
  const window = { since: new Date(context.now - 10 * 60_000).toISOString() };
  switch (feature) {
    case 'signIns':
      return () => firstPage(graph.signIns(window));
    case 'directoryAudits':
      return () => firstPage(graph.directoryAudits(window));
    case 'roles':
      return () => graph.roleDefinitions();
    case 'policies':
      return () => graph.rolePolicy(GLOBAL_ADMINISTRATOR);
    case 'registration':
      return () => graph.userRegistrationDetails([NO_SUCH_OBJECT]);
    case 'users':
      return () => graph.user(NO_SUCH_OBJECT);
    case 'domains':
      return () => graph.domains();
    case 'mailboxes':
      // No such user: Graph checks the permission first, then answers 404 (read as "no mailbox").
      return () => graph.inboxRules(NO_SUCH_OBJECT);
    case 'pimRequests':
      // Listing needs the write permission Graph asks for; the filter matches nothing, so nothing is read or changed.
      return () => graph.assignmentRequests({ principalId: NO_SUCH_OBJECT });
    case 'groups':
      return context.groupId ? () => graph.groupMemberIds(context.groupId as string) : () => graph.roleAssignableGroupIds();
    case 'pimGroups':
      // Scoped to a group no tenant has: proves both permissions, reads nothing.
      return () => graph.pimGroupPrincipalIds(NO_SUCH_OBJECT);
    case 'grant':
      return undefined;
    case 'teamsApps':
      // Every install changes someone's Teams; the token's roles claim has to do.
      return undefined;
  }
}

/** Reads one page and closes the iterator, so no further page is fetched. */
async function firstPage<T>(pages: AsyncIterable<T[]>): Promise<void> {
  const iterator = pages[Symbol.asyncIterator]();
  try {
    await iterator.next();
  } finally {
    await iterator.return?.();
  }
}
