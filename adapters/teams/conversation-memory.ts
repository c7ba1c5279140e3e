import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { Logger } from '../../bot/core/logger';
import { tenantOf } from './activity-events';
import { conversationKey, memberKey, storableReference, tenantKey, userKey } from './conversation-keys';
import type { TeamsMember } from './teams-members';

export type StoreRef = (key: string, ref: unknown) => Promise<void>;

/**
 * Keeps what proactive messages need, from install (conversationUpdate,
 * installationUpdate) and from every first contact: the conversation's
 * reference, the user's personal chat, the user's Teams id, and a reference
 * per tenant (its serviceUrl is where new 1:1 chats are opened). Writes are
 * skipped when nothing changed since this process last stored them.
 */
export class ConversationMemory {
  private readonly written = new Map<string, string>();

  constructor(
    private readonly store: StoreRef,
    private readonly logger: Logger,
  ) {}

  async remember(activity: Activity): Promise<void> {
    const ref = storableReference(TurnContext.getConversationReference(activity));
    if (!ref) return;
    const writes: Array<[string, unknown]> = [];
    const { user, ...shared } = ref;
    const personal = activity.conversation.conversationType === 'personal';
    const fromUser = activity.from.id !== activity.recipient?.id;
    const aad = fromUser ? activity.from.aadObjectId : undefined;

    writes.push([conversationKey(ref.conversation.id), personal ? ref : shared]);
    if (personal && aad && user) writes.push([userKey(aad), ref]);
    if (aad) {
      const member: TeamsMember = { teamsUserId: activity.from.id, aadObjectId: aad, serviceUrl: ref.serviceUrl };
      const tenantId = tenantOf(activity);
      if (tenantId) member.tenantId = tenantId;
      writes.push([memberKey(aad), member]);
    }
    const tenantId = tenantOf(activity);
    if (tenantId) writes.push([tenantKey(tenantId), shared]);
    const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
    if (typeof teamId === 'string' && teamId && teamId !== ref.conversation.id) {
      // A team's General channel has the team's id; keep it reachable by that name too.
      const general: ConversationReference = { ...shared, conversation: { ...shared.conversation, id: teamId } };
      writes.push([conversationKey(teamId), general]);
    }

    for (const [key, value] of writes) {
      const json = JSON.stringify(value);
      if (this.written.get(key) === json) continue;
      try {
        await this.store(key, value);
        this.written.set(key, json);
        if (this.written.size > 10_000) this.written.clear();
      } catch (err) {
        this.logger.error({ err, key }, 'could not store a Teams conversation reference');
      }
    }
  }
}
