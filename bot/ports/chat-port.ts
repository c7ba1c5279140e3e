import type { Message, Reply } from '../messages/message';
import type { MessageRef, Place, Platform } from '../core/platform';

/**
 * What the runtime needs from a chat platform. Slack, Teams, the playground
 * and the test fake implement it. Implementations pace themselves and retry
 * 429/5xx with backoff; a rejection means the platform refused for good.
 */
export interface ChatPort {
  readonly platform: Platform;
  /** Post into a conversation (as a thread reply when `place.threadId` is set). */
  post(place: Place, message: Message): Promise<MessageRef>;
  /** Replace a posted message in place. */
  update(ref: MessageRef, message: Message): Promise<void>;
  /** Direct message to a platform user id; opens the DM as needed. */
  dm(platformUserId: string, message: Message): Promise<MessageRef>;
  /** A private line to one user in a conversation. */
  whisper(place: Place, platformUserId: string, reply: Reply): Promise<void>;
}
