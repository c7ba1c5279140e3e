import type { ConnectorCall, FakeBotConnector } from '../../../fakes/fake-bot-connector';
import type { Bot } from '../../../../app/create-bot';
import { cardOf, cardText, type WireCard } from './card-clicks';

/** Where the bot keeps a card it posted: the message id Teams gave it (what a click's replyToId names). */
export async function postedMessageId(bot: Bot, workflowId: string, cardKey: string): Promise<string> {
  const ref = (await bot.storage.getCardRef(workflowId, cardKey)) as { messageId?: string } | undefined;
  if (!ref?.messageId) throw new Error(`the bot has not posted ${cardKey} of ${workflowId}`);
  return ref.messageId;
}

/** The card as everyone sees it now: the last update of that message, else the first post matching `posted`. */
export function shownCard(connector: FakeBotConnector, messageId: string, posted: (call: ConnectorCall) => boolean): WireCard {
  const update = connector.calls.filter((c) => c.kind === 'update' && c.activityId === messageId).at(-1);
  return cardOf(update ?? connector.calls.find((c) => (c.kind === 'send' || c.kind === 'createConversation') && posted(c)));
}

/** The checklist's first post (the close report, posted later, lists the steps too). */
export function isChecklistPost(call: ConnectorCall): boolean {
  return call.kind === 'send' && /Break glass: /.test(cardText(cardOf(call))) && cardText(cardOf(call)).includes('1. Notify key managers');
}

/** Calls since index `from` of one kind into one conversation. */
export function callsInto(connector: FakeBotConnector, from: number, kind: ConnectorCall['kind'], conversationId: string): ConnectorCall[] {
  return connector.calls.slice(from).filter((c) => c.kind === kind && c.conversationId === conversationId);
}
