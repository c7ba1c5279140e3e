import type { ConversationReference } from 'botbuilder';

/**
 * Where conversation references are stored (Storage.putConversationRef) and
 * how Teams conversation ids are read. A channel thread's id is the channel id
 * plus `;messageid=<root message id>`; Place keeps the two apart.
 */
export const conversationKey = (conversationId: string): string => `teams:conversation:${conversationId}`;
/** The personal (1:1) chat with a user, by Entra object id. */
export const userKey = (aadObjectId: string): string => `teams:user:${aadObjectId}`;
/** A user's Teams id (29:…) by Entra object id: refresh.userIds and new 1:1 chats need it. */
export const memberKey = (aadObjectId: string): string => `teams:member:${aadObjectId}`;
/** Any reference in a tenant: its serviceUrl is where new 1:1 chats are created. */
export const tenantKey = (tenantId: string): string => `teams:tenant:${tenantId}`;

const THREAD_SUFFIX = /;messageid=([^;]+)$/;

export function baseConversationId(conversationId: string): string {
  return conversationId.replace(THREAD_SUFFIX, '');
}

export function threadIdOf(conversationId: string): string | undefined {
  return THREAD_SUFFIX.exec(conversationId)?.[1];
}

export function threadConversationId(conversationId: string, threadId: string | undefined): string {
  return threadId ? `${baseConversationId(conversationId)};messageid=${threadId}` : conversationId;
}

/**
 * A reference fit to store: points at the conversation (not the thread, not
 * the message that happened to arrive), so a proactive post starts a new
 * message instead of replying to an old one.
 */
export function storableReference(ref: Partial<ConversationReference>): ConversationReference | undefined {
  if (!ref.serviceUrl || !ref.conversation?.id || !ref.bot?.id) return undefined;
  const stored: ConversationReference = {
    channelId: ref.channelId ?? 'msteams',
    serviceUrl: ref.serviceUrl,
    bot: { id: ref.bot.id, name: ref.bot.name ?? '' },
    conversation: { ...ref.conversation, id: baseConversationId(ref.conversation.id) },
  };
  if (ref.user) stored.user = ref.user;
  if (ref.locale) stored.locale = ref.locale;
  return stored;
}

/** What came back from storage is only trusted as far as its shape goes. */
export function asConversationReference(value: unknown): ConversationReference | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const ref = value as Partial<ConversationReference>;
  if (typeof ref.serviceUrl !== 'string' || typeof ref.conversation?.id !== 'string' || typeof ref.bot?.id !== 'string') return undefined;
  return ref as ConversationReference;
}
