import { ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import { toBreakglassError } from '../../bot/core/errors';
import type { InboundEvent } from '../../bot/core/inbound-event';
import type { Logger } from '../../bot/core/logger';
import type { Message, Reply } from '../../bot/messages/message';
import type { Clock } from '../../bot/ports/clock';
import { actionEventFrom, commandEventFrom } from './activity-events';
import { CARD_REFRESH_ACTION_ID, renderAdaptiveCard } from './adaptive-card-renderer';
import { cardActivity } from './card-activity';
import type { ConversationMemory } from './conversation-memory';
import { cardInvokeResponse, errorInvokeResponse, messageInvokeResponse, replyLine, replyMessage } from './invoke-responses';
import { withPlatformRetry } from './outbound-retry';
import { cardRenderOptions, type ReadRef } from './teams-members';

/** The answer to a refresh of a card whose workflow is gone: still a card, saying so. */
const NOTHING_TO_REFRESH: Message = {
  blocks: [{ kind: 'text', text: 'This card is no longer kept up to date: what it showed has ended or been removed.' }],
  fallbackText: 'This card is no longer kept up to date.',
};

/** What the bot answers: a one-line reply, a card, or nothing. */
export type TeamsEventResult = Reply | { card: Message } | void;
export type TeamsEventHandler = (event: InboundEvent) => Promise<TeamsEventResult>;

export interface TurnDeps {
  onEvent: TeamsEventHandler;
  memory: ConversationMemory;
  /** Reads stored references; enables user-specific card views. */
  getConversationRef?: ReadRef;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  logger: Logger;
}

/** The bot's logic for one verified, allowed activity. */
export function createTurnLogic(deps: TurnDeps): (context: TurnContext) => Promise<void> {
  const renderOptions = (message: Message, viewerId?: string) => cardRenderOptions(message, deps.getConversationRef, viewerId);

  /** The handler's answer; a failure becomes a reply with its correlation id, never a crash. */
  const handle = async (event: InboundEvent): Promise<TeamsEventResult> => {
    try {
      return await deps.onEvent(event);
    } catch (e) {
      const error = toBreakglassError(e);
      const level = error.code === 'internal' ? 'error' : 'warn';
      deps.logger[level]({ err: e, code: error.code, correlationId: error.correlationId, detail: error.detail, deliveryKey: event.deliveryKey }, 'teams event failed');
      return { text: error.userMessage, ephemeral: true, correlationId: error.correlationId };
    }
  };

  const onMessage = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    // Card submissions and file-only messages carry no command.
    if (typeof activity.text !== 'string' || activity.text.trim() === '') return;
    const event = commandEventFrom(activity, deps.clock.now());
    const result = await handle(event);
    if (!result) return;
    // Posted into the conversation, so everyone gets the shared view.
    const message = 'card' in result ? result.card : replyMessage(result);
    const reply = cardActivity(renderAdaptiveCard(message, await renderOptions(message)), message.fallbackText);
    await withPlatformRetry(() => context.sendActivity(reply), { clock: deps.clock, sleep: deps.sleep });
  };

  const onInvoke = async (context: TurnContext): Promise<InvokeResponse> => {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action') return { status: 501 };
    const event = actionEventFrom(activity, deps.clock.now());
    if (!event) return errorInvokeResponse(400, 'This card action is not one of ours.');
    const result = await handle(event);
    if (event.actionId === CARD_REFRESH_ACTION_ID) {
      // Universal Actions: a refresh is answered with a card, never a message (a text answer becomes a card).
      const message = result ? ('card' in result ? result.card : replyMessage(result)) : NOTHING_TO_REFRESH;
      return cardInvokeResponse(renderAdaptiveCard(message, await renderOptions(message, event.actor.platformUserId)));
    }
    if (!result) return messageInvokeResponse('Received.');
    if ('card' in result) {
      // The answer replaces the card for the clicker only: render their view.
      return cardInvokeResponse(renderAdaptiveCard(result.card, await renderOptions(result.card, event.actor.platformUserId)));
    }
    return messageInvokeResponse(replyLine(result));
  };

  return async (context) => {
    const activity = context.activity;
    await deps.memory.remember(activity);
    if (activity.type === ActivityTypes.Message && activity.from.id !== activity.recipient?.id) {
      await onMessage(context);
    } else if (activity.type === ActivityTypes.Invoke) {
      const value = await onInvoke(context);
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value });
    }
  };
}
