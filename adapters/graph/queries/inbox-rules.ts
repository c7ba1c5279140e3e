import { isBreakglassError } from '../../../bot/core/errors';
import type { MessageRule } from '../../../workflows/graph-records';
import type { GraphDeps } from '../graph-call';
import { collectAll, type GraphPage } from '../paging';
import { toMessageRule, type Wire } from '../record-mappers';

/**
 * GET /users/{id}/mailFolders/inbox/messageRules (MailboxSettings.Read).
 * A user without an Exchange Online mailbox (none licensed, on-premises,
 * soft-deleted) is answered 404 MailboxNotEnabledForRESTAPI, and one Graph
 * cannot find 404 too: both are "no mailbox to check", not a failure.
 */
export async function inboxRules(deps: GraphDeps, userId: string): Promise<MessageRule[] | undefined> {
  try {
    return await collectAll(
      deps,
      { op: 'inboxRules', feature: 'mailboxes', notFound: 'mailbox for this user' },
      () => deps.client.api(`/users/${encodeURIComponent(userId)}/mailFolders/inbox/messageRules`).get() as Promise<GraphPage<Wire<MessageRule>>>,
      toMessageRule,
    );
  } catch (e) {
    if (isBreakglassError(e) && e.code === 'graph.not_found') return undefined;
    throw e;
  }
}
