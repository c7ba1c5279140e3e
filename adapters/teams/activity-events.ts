import type { Activity } from 'botbuilder';
import type { ActionEvent, CommandEvent } from '../../bot/core/inbound-event';
import type { Actor, Place } from '../../bot/core/platform';
import { INPUT_KEY } from './adaptive-card-renderer';
import { baseConversationId, threadIdOf } from './conversation-keys';
import { commandText } from './mention-text';

/** Typed input longer than this is cut: nothing the bot asks for is an essay. */
const MAX_INPUT_LENGTH = 2000;

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const fromConversation = activity.conversation?.tenantId;
  if (typeof fromConversation === 'string' && fromConversation) return fromConversation;
  const fromChannelData: unknown = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  return typeof fromChannelData === 'string' && fromChannelData ? fromChannelData : undefined;
}

/**
 * The signed-in user: Entra object id when Teams sends one, else the Teams user id (29:…).
 * from.aadObjectId is the Bot Framework's Entra claim for the sender (set by Teams on
 * signed activities), so it is passed as the Entra id too: a person configured only by
 * entraObjectId is then recognised on Teams.
 */
export function actorOf(activity: Activity): Actor {
  const aad = activity.from.aadObjectId;
  const actor: Actor = { platform: 'teams', platformUserId: aad || activity.from.id };
  if (aad) actor.entraObjectId = aad.toLowerCase();
  if (activity.from.name) actor.displayName = activity.from.name;
  return actor;
}

export function placeOf(activity: Activity): Place {
  const place: Place = { platform: 'teams', conversationId: baseConversationId(activity.conversation.id) };
  const threadId = threadIdOf(activity.conversation.id);
  if (threadId) place.threadId = threadId;
  const tenantId = tenantOf(activity);
  if (tenantId) place.tenantId = tenantId;
  return place;
}

/**
 * Teams re-sends an activity with the same id when it got no timely answer; ids are unique
 * only within a conversation, so the key carries both. No id, no key (nothing to recognise).
 */
function deliveryKeyOf(activity: Activity): string {
  return activity.id ? `teams:${activity.conversation?.id ?? ''}:${activity.id}` : '';
}

export function commandEventFrom(activity: Activity, receivedAt: number): CommandEvent {
  return { type: 'command', deliveryKey: deliveryKeyOf(activity), actor: actorOf(activity), place: placeOf(activity), receivedAt, text: commandText(activity) };
}

interface ExecuteInvokeValue {
  action?: { type?: unknown; verb?: unknown; data?: unknown };
  trigger?: unknown;
}

/**
 * An `adaptiveCard/action` invoke (a click on Action.Execute, or Teams'
 * automatic refresh) as an ActionEvent; undefined when it is not one of ours.
 */
export function actionEventFrom(activity: Activity, receivedAt: number): ActionEvent | undefined {
  const value = activity.value as ExecuteInvokeValue | undefined;
  const action = value?.action;
  if (!action || action.type !== 'Action.Execute' || typeof action.verb !== 'string' || action.verb === '') return undefined;
  const data = action.data && typeof action.data === 'object' ? (action.data as Record<string, unknown>) : {};

  const inputs: Record<string, string> = {};
  for (const [key, raw] of Object.entries(data)) {
    const id = INPUT_KEY.exec(key)?.[1];
    if (id && typeof raw === 'string') inputs[id] = raw.slice(0, MAX_INPUT_LENGTH);
  }

  const place = placeOf(activity);
  const event: ActionEvent = {
    type: 'action',
    deliveryKey: deliveryKeyOf(activity),
    actor: actorOf(activity),
    place,
    receivedAt,
    actionId: action.verb,
    value: typeof data.value === 'string' ? data.value : '',
  };
  if (Object.keys(inputs).length > 0) event.inputs = inputs;
  if (activity.replyToId) {
    event.message = { platform: 'teams', conversationId: place.conversationId, messageId: activity.replyToId };
    if (place.threadId) event.message.threadId = place.threadId;
  }
  return event;
}
