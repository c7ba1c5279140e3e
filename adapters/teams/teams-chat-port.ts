import { TurnContext, type ConversationParameters, type ConversationReference } from 'botbuilder';
import type { ChatPort } from '../../bot/ports/chat-port';
import { BreakglassError } from '../../bot/core/errors';
import type { MessageRef, Place } from '../../bot/core/platform';
import type { Message, Reply } from '../../bot/messages/message';
import { systemClock, type Clock } from '../../bot/ports/clock';
import { renderAdaptiveCard } from './adaptive-card-renderer';
import { cardActivity } from './card-activity';
import { asConversationReference, conversationKey, memberKey, storableReference, tenantKey, threadConversationId, userKey } from './conversation-keys';
import type { StoreRef } from './conversation-memory';
import { replyMessage } from './invoke-responses';
import { KeyedQueue, Pacer } from './outbound-pacer';
import { withPlatformRetry, type RetryPolicy } from './outbound-retry';
import type { TeamsAdapter } from './teams-bot-adapter';
import { asTeamsMember, cardRenderOptions, type ReadRef } from './teams-members';
import { BOT_FRAMEWORK_SCOPE } from './token-credentials-factory';

export interface TeamsChatPortOptions {
  adapter: TeamsAdapter;
  /** Storage.getConversationRef: references stored by the endpoint at install and first contact. */
  getConversationRef: ReadRef;
  /** Storage.putConversationRef: 1:1 chats the port opens are kept for next time. */
  putConversationRef?: StoreRef;
  /**
   * The organisation's tenant: configured channels the bot has not heard from
   * yet are reached through the serviceUrl it learnt in this tenant.
   */
  homeTenantId?: string;
  /**
   * Installs the app for a person through Graph before their 1:1 chat is
   * created: Teams only lets a bot open a chat with users who have the app.
   */
  installApp?: (aadObjectId: string) => Promise<unknown>;
  /** Teams allows a bot about 7 messages a second in one conversation... */
  perThreadPerSecond?: number;
  /** ...and about 50 requests a second per tenant. */
  perTenantPerSecond?: number;
  retry?: RetryPolicy;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * ChatPort for Microsoft Teams, proactive only: every call continues a stored
 * conversation reference (so it works after a restart), paced per thread and
 * per tenant, retried on 429/412/502/503/504, in order per conversation.
 *
 * Teams has no ephemeral messages in channels, so `whisper` sends the line
 * to the user's 1:1 chat with the bot; only when that chat cannot be opened
 * (the user never installed or messaged the bot) does it go into the thread.
 */
export class TeamsChatPort implements ChatPort {
  readonly platform = 'teams' as const;
  private readonly pacer: Pacer;
  private readonly queue = new KeyedQueue();
  private readonly clock: Clock;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: TeamsChatPortOptions) {
    this.clock = options.clock ?? systemClock;
    this.sleep = options.sleep ?? realSleep;
    this.pacer = new Pacer(this.clock, this.sleep);
  }

  async post(place: Place, message: Message): Promise<MessageRef> {
    const ref = await this.conversation(place.conversationId);
    const target = withConversationId(ref, threadConversationId(ref.conversation.id, place.threadId));
    const card = renderAdaptiveCard(message, await cardRenderOptions(message, this.options.getConversationRef));
    const messageId = await this.send(target, async (context) => (await context.sendActivity(cardActivity(card, message.fallbackText)))?.id);
    const posted: MessageRef = { platform: 'teams', conversationId: place.conversationId, messageId };
    if (place.threadId) posted.threadId = place.threadId;
    return posted;
  }

  async update(posted: MessageRef, message: Message): Promise<void> {
    const ref = await this.conversation(posted.conversationId);
    const target = withConversationId(ref, threadConversationId(ref.conversation.id, posted.threadId));
    const card = renderAdaptiveCard(message, await cardRenderOptions(message, this.options.getConversationRef));
    await this.send(target, async (context) => {
      await context.updateActivity({ ...cardActivity(card, message.fallbackText), id: posted.messageId });
      return posted.messageId;
    });
  }

  async dm(platformUserId: string, message: Message): Promise<MessageRef> {
    const card = renderAdaptiveCard(message, await cardRenderOptions(message, this.options.getConversationRef));
    const send = async (context: TurnContext): Promise<string> => (await context.sendActivity(cardActivity(card, message.fallbackText)))?.id ?? '';
    const stored = asConversationReference(await this.options.getConversationRef(userKey(platformUserId)));
    if (stored) {
      const messageId = await this.send(stored, send);
      return { platform: 'teams', conversationId: stored.conversation.id, messageId };
    }
    return this.openPersonalChat(platformUserId, send);
  }

  async whisper(place: Place, platformUserId: string, reply: Reply): Promise<void> {
    const message = replyMessage(reply);
    try {
      await this.dm(platformUserId, message);
    } catch (error) {
      if (!(error instanceof BreakglassError) || error.code === 'platform.throttled') throw error;
      await this.post(place, message);
    }
  }

  private async conversation(conversationId: string): Promise<ConversationReference> {
    const ref = asConversationReference(await this.options.getConversationRef(conversationKey(conversationId))) ?? (await this.unheardChannel(conversationId));
    if (!ref) {
      throw new BreakglassError('platform.unavailable', 'The bot has not been added to that Teams conversation yet; add it there, then try again.', {
        detail: { conversationId },
      });
    }
    return ref;
  }

  /**
   * A channel from config (say, the approvers') where nobody has talked to
   * the bot yet: installing the app in a team only announces its General
   * channel, yet the bot may post in every channel of the team. Teams answers
   * 403/404 if the bot is not in that team after all.
   */
  private async unheardChannel(conversationId: string): Promise<ConversationReference | undefined> {
    const tenantId = this.options.homeTenantId;
    if (!tenantId || !/^19:[^;]+@thread\.[a-z0-9]+$/i.test(conversationId)) return undefined;
    const tenantRef = asConversationReference(await this.options.getConversationRef(tenantKey(tenantId)));
    if (!tenantRef) return undefined;
    return { channelId: tenantRef.channelId, serviceUrl: tenantRef.serviceUrl, bot: tenantRef.bot, conversation: { id: conversationId, isGroup: true, conversationType: 'channel', tenantId, name: '' } };
  }

  /**
   * Opens the 1:1 chat through the Bot Connector. Teams only allows it once
   * the user has the app (installed by them or by an admin policy), and needs
   * the tenant's serviceUrl, learnt from any earlier activity.
   */
  private async openPersonalChat(aadObjectId: string, send: (context: TurnContext) => Promise<string>): Promise<MessageRef> {
    const { adapter } = this.options;
    const member = asTeamsMember(await this.options.getConversationRef(memberKey(aadObjectId)));
    // Someone who never wrote to the bot has no member record: the configured tenant's service URL still reaches them.
    const memberTenant = member?.tenantId ?? this.options.homeTenantId;
    const tenantRef = memberTenant ? asConversationReference(await this.options.getConversationRef(tenantKey(memberTenant))) : undefined;
    const serviceUrl = member?.serviceUrl ?? tenantRef?.serviceUrl;
    const tenantId = member?.tenantId ?? tenantRef?.conversation.tenantId;
    if (!serviceUrl || !tenantId) {
      // Permanent until someone talks to the bot in this tenant: a page falls back to the channel at once.
      throw new BreakglassError('platform.unauthorized', 'The bot cannot reach that person in Teams yet: they need to install the app or message the bot once.', {
        detail: { aadObjectId, unreachable: 'Teams could not open a personal chat with them (no conversation with this tenant yet)' },
      });
    }
    if (!member && this.options.installApp) {
      // A refused install is not fatal here: the Bot Connector's own 403 then says they cannot be reached.
      await this.options.installApp(aadObjectId).catch(() => undefined);
    }
    const user = { id: member?.teamsUserId ?? aadObjectId, name: '', aadObjectId };
    const parameters: ConversationParameters = {
      isGroup: false,
      bot: tenantRef?.bot ?? { id: `28:${adapter.appId}`, name: '' },
      members: [user],
      tenantId,
      channelData: { tenant: { id: tenantId } },
    };

    let created: ConversationReference | undefined;
    const messageId = await this.paced(`tenant:${tenantId}`, tenantId, async () => {
      let id = '';
      await adapter.cloud.createConversationAsync(adapter.appId, 'msteams', serviceUrl, BOT_FRAMEWORK_SCOPE, parameters, async (context) => {
        startsNewMessages(context);
        created = storableReference({ ...TurnContext.getConversationReference(context.activity), user });
        id = await send(context);
      });
      return id;
    });
    if (!created) throw new BreakglassError('platform.unavailable', 'Teams did not open the chat; it will be retried.', { retryAt: this.clock.now() + 60_000 });
    // Under both names: DMs find it by user, updates of the DM card by conversation.
    await this.options.putConversationRef?.(userKey(aadObjectId), created);
    await this.options.putConversationRef?.(conversationKey(created.conversation.id), created);
    return { platform: 'teams', conversationId: created.conversation.id, messageId };
  }

  /** One Bot Connector call in the conversation of `ref`, through the queue, pacing and retries. */
  private send(ref: ConversationReference, operation: (context: TurnContext) => Promise<string | undefined>): Promise<string> {
    const { adapter } = this.options;
    return this.paced(ref.conversation.id, ref.conversation.tenantId, async () => {
      let result: string | undefined;
      await adapter.cloud.continueConversationAsync(adapter.appId, ref, async (context) => {
        startsNewMessages(context);
        result = await operation(context);
      });
      if (!result) throw new BreakglassError('platform.unavailable', 'Teams accepted the message but returned no id.', { detail: { conversationId: ref.conversation.id } });
      return result;
    });
  }

  private paced<T>(queueKey: string, tenantId: string | undefined, operation: () => Promise<T>): Promise<T> {
    const perThread = this.options.perThreadPerSecond ?? 7;
    const perTenant = this.options.perTenantPerSecond ?? 50;
    return this.queue.run(queueKey, () =>
      withPlatformRetry(
        async () => {
          await this.pacer.wait(`thread:${queueKey}`, perThread);
          if (tenantId) await this.pacer.wait(`tenant:${tenantId}`, perTenant);
          return operation();
        },
        {
          clock: this.clock,
          sleep: this.sleep,
          random: this.options.random,
          policy: this.options.retry,
          onRetry: (info) => this.options.adapter.logger.warn({ ...info, conversation: queueKey }, 'Teams call failed; retrying'),
        },
      ),
    );
  }
}

/**
 * botbuilder sends proactive messages as replies to the (random) id of its
 * continuation event; a new message is a plain POST to the conversation.
 */
function startsNewMessages(context: TurnContext): void {
  context.onSendActivities(async (_context, activities, next) => {
    for (const activity of activities) delete activity.replyToId;
    return next();
  });
}

function withConversationId(ref: ConversationReference, conversationId: string): ConversationReference {
  return { ...ref, conversation: { ...ref.conversation, id: conversationId } };
}
