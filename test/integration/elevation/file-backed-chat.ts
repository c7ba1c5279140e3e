import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { ChatPort } from '../../../bot/ports/chat-port';
import type { MessageRef, Place } from '../../../bot/core/platform';
import type { Message, Reply } from '../../../bot/messages/message';

export interface StoredMessage {
  ref: MessageRef;
  message: Message;
  updates: number;
  dmTo?: string;
}

/**
 * A chat workspace that outlives the bot process: messages are kept in a JSON
 * file, so a bot restarted after SIGKILL updates the cards its previous life
 * posted, as it would on Slack or Teams.
 */
export class FileBackedChat implements ChatPort {
  readonly platform = 'playground' as const;

  constructor(private readonly file: string) {}

  static read(file: string): StoredMessage[] {
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as StoredMessage[]) : [];
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const all = FileBackedChat.read(this.file);
    const ref: MessageRef = { platform: 'playground', conversationId: place.conversationId, messageId: `m${all.length + 1}`, ...(place.threadId ? { threadId: place.threadId } : {}) };
    all.push({ ref, message, updates: 0 });
    this.write(all);
    return ref;
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const all = FileBackedChat.read(this.file);
    const found = all.find((m) => m.ref.messageId === ref.messageId);
    if (!found) throw new Error(`no message ${ref.messageId}`);
    found.message = message;
    found.updates += 1;
    this.write(all);
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    const ref = await this.post({ platform: 'playground', conversationId: `dm:${platformUserId}` }, message);
    const all = FileBackedChat.read(this.file);
    all[all.length - 1]!.dmTo = platformUserId;
    this.write(all);
    return ref;
  }

  async whisper(_place: Place, _user: string, _reply: Reply): Promise<void> {}

  private write(all: StoredMessage[]): void {
    writeFileSync(this.file, JSON.stringify(all));
  }
}
