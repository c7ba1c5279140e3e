/** Where an inbound event came from and where its replies go. */
export type Platform = 'slack' | 'teams' | 'playground';

export interface Actor {
  platform: Platform;
  /** Signed platform user id (Slack U..., Teams aadObjectId / 29:...). Never a display name. */
  platformUserId: string;
  displayName?: string;
  /** Filled in by identity resolution before authz; never trusted from the payload. */
  entraObjectId?: string;
}

/** A conversation (and optionally a thread in it) on one platform. */
export interface Place {
  platform: Platform;
  conversationId: string;
  threadId?: string;
  tenantId?: string;
}

/** A message the bot has posted, enough to update it in place later. */
export interface MessageRef {
  platform: Platform;
  conversationId: string;
  messageId: string;
  threadId?: string;
}

/** Whether two refs name the same posted message (a thread reply's threadId does not change which message it is). */
export function sameMessage(a: MessageRef, b: MessageRef): boolean {
  return a.platform === b.platform && a.conversationId === b.conversationId && a.messageId === b.messageId;
}
