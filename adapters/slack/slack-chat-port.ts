import type { webApi } from '@slack/bolt';
import type { ChatPort } from '../../bot/ports/chat-port';
import { BreakglassError, isBreakglassError } from '../../bot/core/errors';
import type { Logger } from '../../bot/core/logger';
import type { MessageRef, Place } from '../../bot/core/platform';
import type { Message, Reply } from '../../bot/messages/message';
import { systemClock, type Clock } from '../../bot/ports/clock';
import { renderBlockKit } from './block-kit-renderer';
import { callWithRetry, DEFAULT_RETRY_POLICY, type RetryPolicy } from './call-with-retry';
import { ChannelPacer, realSleep, type Sleep } from './channel-pacer';
import { incidentChannelName, numberedChannelName } from './incident-channel-name';
import { replyText } from './reply-text';
import { createPortWebClient } from './slack-web-client';

export interface SlackChatPortOptions {
  botToken: string;
  /** SLACK_API_URL; defaults to https://slack.com/api/. */
  apiUrl?: string;
  logger: Logger;
  /** Minimum gap between two calls into the same channel; default 1000 ms. */
  intervalMs?: number;
  clock?: Clock;
  /** Injected so tests can check waits (Retry-After, pacing) without sleeping. */
  sleep?: Sleep;
  retry?: Partial<RetryPolicy>;
}

const NAME_ATTEMPTS = 5;

/**
 * ChatPort over the Slack Web API. Every call into a channel goes through
 * that channel's queue (order kept, ~1/s), and is retried on 429 after
 * Retry-After and on 5xx with backoff.
 */
export class SlackChatPort implements ChatPort {
  readonly platform = 'slack' as const;
  private readonly client: webApi.WebClient;
  private readonly pacer: ChannelPacer;
  private readonly retryDeps: { sleep: Sleep; logger: Logger; policy: RetryPolicy };
  private readonly dmChannels = new Map<string, string>();

  constructor(options: SlackChatPortOptions) {
    const sleep = options.sleep ?? realSleep;
    this.client = createPortWebClient(options.botToken, options.apiUrl, options.logger);
    this.pacer = new ChannelPacer(options.intervalMs ?? 1000, options.clock ?? systemClock, sleep);
    this.retryDeps = { sleep, logger: options.logger.child({ component: 'slack-chat-port' }), policy: { ...DEFAULT_RETRY_POLICY, ...options.retry } };
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const { text, blocks } = renderBlockKit(message);
    const result = await this.paced(place.conversationId, 'chat.postMessage', () =>
      this.client.chat.postMessage({
        channel: place.conversationId,
        text,
        blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(place.threadId ? { thread_ts: place.threadId } : {}),
      }),
    );
    if (!result.ts) throw new BreakglassError('internal', 'Slack did not confirm the message.', { detail: { method: 'chat.postMessage' } });
    const ref: MessageRef = { platform: 'slack', conversationId: result.channel ?? place.conversationId, messageId: result.ts, ...(place.threadId ? { threadId: place.threadId } : {}) };
    if (message.attachment) await this.attach(ref, message.attachment);
    return ref;
  }

  /**
   * The full text as a file in the message's thread (files.uploadV2: getUploadURLExternal, the bytes,
   * completeUploadExternal). The message is out already, so a failed upload is logged, not retried:
   * a retry would post the message twice, and the full report stays in the audit log and `export`.
   */
  private async attach(ref: MessageRef, attachment: NonNullable<Message['attachment']>): Promise<void> {
    try {
      await this.paced(ref.conversationId, 'files.uploadV2', () =>
        this.client.files.uploadV2({
          channel_id: ref.conversationId,
          thread_ts: ref.threadId ?? ref.messageId,
          filename: attachment.filename,
          title: attachment.title,
          content: attachment.text,
        }),
      );
    } catch (err) {
      this.retryDeps.logger.error({ err, channel: ref.conversationId, filename: attachment.filename }, 'could not attach the file to the message; it was posted without it');
    }
  }

  async update(ref: MessageRef, message: Message): Promise<void> {
    const { text, blocks } = renderBlockKit(message);
    await this.paced(ref.conversationId, 'chat.update', () => this.client.chat.update({ channel: ref.conversationId, ts: ref.messageId, text, blocks }));
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    const channel = await this.openDm(platformUserId);
    return this.post({ platform: 'slack', conversationId: channel }, message);
  }

  async whisper(place: Place, platformUserId: string, reply: Reply): Promise<void> {
    await this.paced(place.conversationId, 'chat.postEphemeral', () =>
      this.client.chat.postEphemeral({
        channel: place.conversationId,
        user: platformUserId,
        text: replyText(reply),
        ...(place.threadId ? { thread_ts: place.threadId } : {}),
      }),
    );
  }

  /**
   * A private channel for one incident, with the responders invited. A taken
   * name gets a numbered suffix. The bot (the channel's creator) is left out
   * of the invite, which Slack would refuse.
   */
  async openIncidentChannel(name: string, userIds: string[]): Promise<{ conversationId: string; name: string }> {
    const base = incidentChannelName(name);
    for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
      const candidate = attempt === 1 ? base : numberedChannelName(base, attempt);
      let created: Awaited<ReturnType<webApi.WebClient['conversations']['create']>>;
      try {
        created = await this.call('conversations.create', () => this.client.conversations.create({ name: candidate, is_private: true }));
      } catch (e) {
        if (isBreakglassError(e) && e.detail?.slackError === 'name_taken') continue;
        throw e;
      }
      const channelId = created.channel?.id;
      if (!channelId) throw new BreakglassError('internal', 'Slack did not confirm the incident channel.', { detail: { method: 'conversations.create' } });
      const invitees = [...new Set(userIds)].filter((u) => u !== created.channel?.creator);
      if (invitees.length > 0) {
        await this.call('conversations.invite', () => this.client.conversations.invite({ channel: channelId, users: invitees.join(','), force: true }));
      }
      return { conversationId: channelId, name: created.channel?.name ?? candidate };
    }
    throw new BreakglassError('internal', 'Could not create an incident channel: every name I tried is taken.', { detail: { base } });
  }

  /**
   * The email on a Slack profile, for matching to an Entra user. Deactivated
   * users and bots have none that should ever map to a person.
   */
  async lookupEmail(platformUserId: string): Promise<string | undefined> {
    try {
      const { user } = await this.call('users.info', () => this.client.users.info({ user: platformUserId }));
      if (!user || user.deleted || user.is_bot) return undefined;
      const email = user.profile?.email;
      return email ? email.toLowerCase() : undefined;
    } catch (e) {
      if (isBreakglassError(e) && e.detail?.slackError === 'user_not_found') return undefined;
      throw e;
    }
  }

  private async openDm(userId: string): Promise<string> {
    const known = this.dmChannels.get(userId);
    if (known) return known;
    const opened = await this.call('conversations.open', () => this.client.conversations.open({ users: userId }));
    const channel = opened.channel?.id;
    if (!channel) throw new BreakglassError('internal', 'Slack did not open the direct message.', { detail: { method: 'conversations.open' } });
    this.dmChannels.set(userId, channel);
    return channel;
  }

  private paced<T>(channel: string, method: string, call: () => Promise<T>): Promise<T> {
    return this.pacer.run(channel, () => this.call(method, call));
  }

  private call<T>(method: string, call: () => Promise<T>): Promise<T> {
    return callWithRetry(method, call, this.retryDeps);
  }
}
