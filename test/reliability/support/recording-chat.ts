import { appendFileSync } from 'node:fs';
import type { ChatPort } from '../../../bot/ports/chat-port';
import type { MessageRef, Place } from '../../../bot/core/platform';
import type { Message, Reply } from '../../../bot/messages/message';

/** One line of the chat log: what a person would have seen, and when (wall clock). */
export interface ChatLogLine {
  op: 'post' | 'update' | 'dm' | 'whisper';
  conversationId: string;
  messageId?: string;
  dmTo?: string;
  title: string;
  text: string;
  at: number;
  pid: number;
}

/**
 * A playground chat that survives SIGKILL: every post, update and DM is one
 * appended line in a file the test reads, across however many lives of the
 * bot process. Updates of a message posted by an earlier life just append.
 */
export class RecordingChat implements ChatPort {
  readonly platform = 'playground' as const;
  private seq = 0;

  constructor(private readonly file: string) {}

  async post(place: Place, message: Message): Promise<MessageRef> {
    const messageId = `${process.pid}-${++this.seq}`;
    this.write({ op: 'post', conversationId: place.conversationId, messageId, ...this.words(message) });
    return { platform: 'playground', conversationId: place.conversationId, messageId, ...(place.threadId ? { threadId: place.threadId } : {}) };
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    this.write({ op: 'update', conversationId: ref.conversationId, messageId: ref.messageId, ...this.words(message) });
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    const messageId = `${process.pid}-${++this.seq}`;
    this.write({ op: 'dm', conversationId: `dm:${platformUserId}`, messageId, dmTo: platformUserId, ...this.words(message) });
    return { platform: 'playground', conversationId: `dm:${platformUserId}`, messageId };
  }

  async whisper(place: Place, platformUserId: string, reply: Reply): Promise<void> {
    this.write({ op: 'whisper', conversationId: place.conversationId, dmTo: platformUserId, title: '', text: reply.text });
  }

  private words(message: Message): { title: string; text: string } {
    return { title: message.header?.title ?? '', text: message.fallbackText };
  }

  private write(line: Omit<ChatLogLine, 'at' | 'pid'>): void {
    appendFileSync(this.file, `${JSON.stringify({ ...line, at: Date.now(), pid: process.pid })}\n`);
  }
}
