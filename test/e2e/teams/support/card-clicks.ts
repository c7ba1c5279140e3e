import type { Activity } from 'botbuilder';
import type { ConnectorCall } from '../../../fakes/fake-bot-connector';
import { cardAction, type TeamsUser, type TeamsWorld } from '../../../fixtures/teams/teams-activities';

/** The parts of an Adaptive Card the tests read; the card is what the bot put on the wire. */
export interface WireCard {
  type: string;
  body?: WireElement[];
  actions?: WireAction[];
  refresh?: { action: { verb: string; data: Record<string, unknown> }; userIds: string[] };
}
interface WireElement {
  type: string;
  actions?: WireAction[];
  items?: WireElement[];
  id?: string;
}
interface WireAction {
  type: string;
  title: string;
  verb?: string;
  data?: Record<string, unknown>;
  card?: WireCard;
}

/** The Adaptive Card attached to a Bot Connector send/update. */
export function cardOf(call: ConnectorCall | undefined): WireCard {
  const attachments = call?.body.attachments as Array<{ contentType: string; content: WireCard }> | undefined;
  const attachment = attachments?.[0];
  if (attachment?.contentType !== 'application/vnd.microsoft.card.adaptive') throw new Error(`no Adaptive Card in ${JSON.stringify(call?.body).slice(0, 300)}`);
  return attachment.content;
}

/** The card an `adaptiveCard/action` invoke answered with. */
export function invokeCard(body: unknown): WireCard {
  const response = body as { statusCode?: number; type?: string; value?: unknown };
  if (response.type !== 'application/vnd.microsoft.card.adaptive') throw new Error(`invoke answered ${JSON.stringify(body).slice(0, 300)}`);
  return response.value as WireCard;
}

/** Everything a reader sees on the card, as one string (for "mentions X" assertions). */
export function cardText(card: WireCard): string {
  return JSON.stringify(card.body ?? []);
}

/** Titles of the buttons a viewer of this card can press (including those behind a ShowCard). */
export function buttonTitles(card: WireCard): string[] {
  return allActions(card).map((a) => a.title);
}

function allActions(card: WireCard): WireAction[] {
  const fromBody = (elements: WireElement[] = []): WireAction[] => elements.flatMap((e) => [...(e.actions ?? []), ...fromBody(e.items)]);
  return [...(card.actions ?? []), ...fromBody(card.body)];
}

/**
 * What Teams sends when `user` presses the button titled `title`: the
 * Action.Execute verb and data, with typed input values merged into data
 * under the inputs' ids (as Teams does for inputs of a ShowCard).
 */
export function press(card: WireCard, title: string, typed: Record<string, string> = {}): { verb: string; data: Record<string, unknown> } {
  const action = allActions(card).find((a) => a.title === title);
  if (!action) throw new Error(`no button "${title}" on the card; it has ${JSON.stringify(buttonTitles(card))}`);
  if (action.type === 'Action.Execute') return { verb: action.verb!, data: { ...action.data } };
  if (action.type === 'Action.ShowCard' && action.card) {
    const inner = action.card.actions?.find((a) => a.type === 'Action.Execute');
    const inputs = (action.card.body ?? []).filter((e) => e.type === 'Input.Text' && e.id);
    const data: Record<string, unknown> = { ...inner?.data };
    for (const input of inputs) {
      const key = Object.keys(typed).find((k) => input.id!.endsWith(`.${k}`));
      if (key) data[input.id!] = typed[key];
    }
    return { verb: inner!.verb!, data };
  }
  throw new Error(`"${title}" is a ${action.type}, not a button the bot answers`);
}

/** A click on a card in a channel thread (root = the thread's first message). */
export function channelClick(world: TeamsWorld, channelId: string, user: TeamsUser, action: { verb: string; data: Record<string, unknown> }, card: { messageId: string; threadRootId?: string }): Activity {
  return cardAction({ ...world, channelId }, user, action, card);
}

let counter = 1_767_300_000_000;

/** A click on a card in the user's 1:1 chat with the bot (a DM the bot sent). */
export function personalClick(world: TeamsWorld, user: TeamsUser, conversationId: string, action: { verb: string; data: Record<string, unknown> }, messageId: string): Activity {
  return {
    channelId: 'msteams',
    serviceUrl: world.serviceUrl,
    timestamp: new Date().toISOString(),
    from: { id: user.teamsId, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: `28:${world.appId}`, name: world.botName },
    locale: 'en-US',
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: `f:${counter++}`,
    replyToId: messageId,
    value: { action: { type: 'Action.Execute', id: 'action-id', verb: action.verb, data: action.data }, trigger: 'manual' },
    conversation: { conversationType: 'personal', tenantId: world.tenantId, id: conversationId, isGroup: false },
    channelData: { tenant: { id: world.tenantId }, source: { name: 'message' } },
  } as unknown as Activity;
}
