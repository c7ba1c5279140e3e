import { randomUUID } from 'node:crypto';
import type { ChatPort } from '../../bot/ports/chat-port';
import type { MessageRef, Place } from '../../bot/core/platform';
import type { Message, Reply } from '../../bot/messages/message';

export interface PlaygroundMessage {
  id: string;
  conversationId: string;
  threadId?: string;
  message: Message;
  postedAt: number;
  updatedAt: number;
}

export interface PlaygroundWhisper {
  id: string;
  conversationId: string;
  user: string;
  text: string;
  at: number;
}

const MAX_MESSAGES = 2000;

/**
 * The playground's "chat platform": conversations held in memory, read by the
 * page. DMs live in conversation `dm:<person>`. It is deliberately as plain as
 * a fake, because the page renders the same Adaptive Card JSON Teams gets.
 */
export class PlaygroundChat implements ChatPort {
  readonly platform = 'playground' as const;
  readonly messages: PlaygroundMessage[] = [];
  readonly whispers: PlaygroundWhisper[] = [];

  constructor(private readonly now: () => number) {}

  async post(place: Place, message: Message): Promise<MessageRef> {
    const at = this.now();
    const entry: PlaygroundMessage = { id: randomUUID(), conversationId: place.conversationId, ...(place.threadId ? { threadId: place.threadId } : {}), message, postedAt: at, updatedAt: at };
    this.messages.push(entry);
    if (this.messages.length > MAX_MESSAGES) this.messages.splice(0, this.messages.length - MAX_MESSAGES);
    return { platform: 'playground', conversationId: place.conversationId, messageId: entry.id, ...(place.threadId ? { threadId: place.threadId } : {}) };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const found = this.messages.find((m) => m.id === ref.messageId);
    // After a restart the page's history is gone; show the card again rather than lose it.
    if (!found) {
      await this.post({ platform: 'playground', conversationId: ref.conversationId, ...(ref.threadId ? { threadId: ref.threadId } : {}) }, message);
      return;
    }
    found.message = message;
    found.updatedAt = this.now();
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    return this.post({ platform: 'playground', conversationId: dmConversation(platformUserId) }, message);
  }

  async whisper(place: Place, platformUserId: string, reply: Reply): Promise<void> {
    this.whispers.push({ id: randomUUID(), conversationId: place.conversationId, user: platformUserId, text: reply.text, at: this.now() });
    if (this.whispers.length > MAX_MESSAGES) this.whispers.splice(0, this.whispers.length - MAX_MESSAGES);
  }
}

export function dmConversation(person: string): string {
  return `dm:${person}`;
}
