import type { ChatPort } from '../../bot/ports/chat-port';
import type { MessageRef, Place, Platform } from '../../bot/core/platform';
import type { Message, Reply } from '../../bot/messages/message';

export interface PostedMessage {
  ref: MessageRef;
  /** Latest version (after updates). */
  message: Message;
  history: Message[];
  dmTo?: string;
}

/**
 * A chat platform kept in memory, for tests of the core that are not about
 * Slack or Teams wire formats. It keeps what a person would see: messages
 * per conversation, updated in place, DMs per user, whispers.
 */
export class FakeChat implements ChatPort {
  readonly messages: PostedMessage[] = [];
  readonly whispers: Array<{ place: Place; user: string; reply: Reply }> = [];
  /** When set, the next N calls fail (to test outbox retries). */
  failNext = 0;
  /** While set, every card update fails (posts and DMs go through): the platform refuses edits for a while. */
  updatesDown = false;
  private seq = 0;
  /** While set, updates wait for it: a platform answering slowly (paced channel writes). */
  private held: Promise<void> | undefined;

  constructor(readonly platform: Platform = 'playground') {}

  async post(place: Place, message: Message): Promise<MessageRef> {
    this.maybeFail();
    const ref: MessageRef = { platform: this.platform, conversationId: place.conversationId, messageId: `m${++this.seq}`, ...(place.threadId ? { threadId: place.threadId } : {}) };
    this.messages.push({ ref, message, history: [message] });
    return ref;
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    await this.held;
    this.maybeFail();
    if (this.updatesDown) {
      throw Object.assign(new Error('fake platform unavailable'), { status: 503 });
    }
    const found = this.messages.find((m) => m.ref.messageId === ref.messageId);
    if (!found) throw new Error(`no message ${ref.messageId}`);
    found.message = message;
    found.history.push(message);
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    const ref = await this.post({ platform: this.platform, conversationId: `dm:${platformUserId}` }, message);
    this.messages[this.messages.length - 1]!.dmTo = platformUserId;
    return ref;
  }

  async whisper(place: Place, user: string, reply: Reply): Promise<void> {
    this.whispers.push({ place, user, reply });
  }

  /** Holds every update until the returned function is called. */
  holdUpdates(): () => void {
    let release!: () => void;
    this.held = new Promise((resolve) => (release = resolve));
    return () => {
      this.held = undefined;
      release();
    };
  }

  dmsTo(user: string): PostedMessage[] {
    return this.messages.filter((m) => m.dmTo === user);
  }

  inConversation(conversationId: string): PostedMessage[] {
    return this.messages.filter((m) => m.ref.conversationId === conversationId);
  }

  /** Every text a person could read in a message, flattened, for assertions. */
  static textOf(message: Message): string {
    const parts: string[] = [message.header?.title ?? '', message.header?.label ?? '', message.fallbackText, message.context ?? ''];
    for (const b of message.blocks) {
      if (b.kind === 'text') parts.push(b.text);
      if (b.kind === 'facts') parts.push(...b.facts.map((f) => `${f.label}: ${f.value}`));
      if (b.kind === 'checklist') parts.push(...b.items.map((i) => `${i.n}. ${i.title} [${i.state}] ${i.owner ?? ''} ${i.note ?? ''}`));
      if (b.kind === 'link') parts.push(`${b.text} ${b.url}`);
      if (b.kind === 'mention') parts.push(`@${b.name} ${b.text}`);
    }
    parts.push(...(message.buttons ?? []).map((b) => `[${b.label}]`));
    // The attached full text, as the platform would show it next to the message.
    if (message.attachment) parts.push(message.attachment.title, message.attachment.text);
    return parts.join('\n');
  }

  private maybeFail(): void {
    if (this.failNext > 0) {
      this.failNext--;
      throw Object.assign(new Error('fake platform unavailable'), { status: 503 });
    }
  }
}
