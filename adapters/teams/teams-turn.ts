import { ActivityTypes, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { InboundEvent } from '../../bot/core/inbound-event';
import type { Logger } from '../../bot/core/logger';
import { outcomeReply, refusalOf, type Outcome } from '../../bot/core/outcome';
import type { Answer } from '../../bot/core/router';
import type { Message } from '../../bot/messages/message';
import { replyLine } from '../../bot/messages/message-text';
import type { Clock } from '../../bot/ports/clock';
import { actionEventFrom, commandEventFrom } from './activity-events';
import { CARD_REFRESH_ACTION_ID, renderAdaptiveCard } from './adaptive-card-renderer';
import { cardActivity } from './card-activity';
import type { ConversationMemory } from './conversation-memory';
import { cardInvokeResponse, errorInvokeResponse, messageInvokeResponse, replyMessage } from './invoke-responses';
import { withPlatformRetry } from './outbound-retry';
import { cardRenderOptions, type ReadRef } from './teams-members';

/** The answer to a refresh of a card whose workflow is gone: still a card, saying so. */
const NOTHING_TO_REFRESH: Message = {
  blocks: [{ kind: 'text', text: 'This card is no longer kept up to date: what it showed has ended or been removed.' }],
  fallbackText: 'This card is no longer kept up to date.',
};

/**
 * The bot's answer to one event. Teams answers a click in the invoke's own
 * response and shows the answer in place of the card, so clicks ask for the
 * card back; an automatic refresh (`card.refresh`) asks only for the card.
 */
export type TeamsEventHandler = (event: InboundEvent, answer: Answer) => Promise<Outcome>;

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

  /** The handler's answer; a failure becomes a refusal with its reference, never a crash. */
  const handle = async (event: InboundEvent, answer: Answer = {}): Promise<Outcome> => {
    try {
      return await deps.onEvent(event, answer);
    } catch (e) {
      return refusalOf(e, deps.logger, { deliveryKey: event.deliveryKey });
    }
  };
  /** A card outcome as it is, a line as a one-line message, nothing as nothing. */
  const messageOf = (outcome: Outcome): Message | undefined => {
    if (outcome.kind === 'card') return outcome.card;
    const reply = outcomeReply(outcome);
    return reply && replyMessage(reply);
  };

  const onMessage = async (context: TurnContext): Promise<void> => {
    const activity = context.activity;
    // Card submissions and file-only messages carry no command.
    if (typeof activity.text !== 'string' || activity.text.trim() === '') return;
    const event = commandEventFrom(activity, deps.clock.now());
    const message = messageOf(await handle(event));
    if (!message) return;
    // Posted into the conversation, so everyone gets the shared view.
    const reply = cardActivity(renderAdaptiveCard(message, await renderOptions(message)), message.fallbackText);
    await withPlatformRetry(() => context.sendActivity(reply), { clock: deps.clock, sleep: deps.sleep });
  };

  const onInvoke = async (context: TurnContext): Promise<InvokeResponse> => {
    const activity = context.activity;
    if (activity.name !== 'adaptiveCard/action') return { status: 501 };
    const event = actionEventFrom(activity, deps.clock.now());
    if (!event) return errorInvokeResponse(400, 'This card action is not one of ours.');
    const refresh = event.actionId === CARD_REFRESH_ACTION_ID;
    const result = await handle(event, { card: true, ...(refresh ? { view: true } : {}) });
    if (refresh) {
      // Universal Actions: a refresh is answered with a card, never a message (a text answer becomes a card).
      const message = messageOf(result) ?? NOTHING_TO_REFRESH;
      return cardInvokeResponse(renderAdaptiveCard(message, await renderOptions(message, event.actor.platformUserId)));
    }
    if (result.kind === 'card') {
      // The answer replaces the card for the clicker only: render their view.
      return cardInvokeResponse(renderAdaptiveCard(result.card, await renderOptions(result.card, event.actor.platformUserId)));
    }
    const reply = outcomeReply(result);
    return messageInvokeResponse(reply ? replyLine(reply) : 'Received.');
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
