import type { ActionEvent, CommandEvent } from '../../bot/core/inbound-event';
import type { MessageRef, Place } from '../../bot/core/platform';
import { isUrlButtonAction, parseInputBlockId, routedActionId } from './action-ids';
import { slackTextToPlain } from './mrkdwn-text';

/**
 * Pure translations from Slack payloads (already signature-checked by Bolt)
 * to neutral InboundEvents. Shapes are typed loosely on purpose: the payload
 * comes from outside, so every field is checked before use.
 */

export interface SlashCommandPayload {
  trigger_id?: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  text?: string;
}

export interface BlockActionsPayload {
  user?: { id?: string; name?: string; username?: string };
  channel?: { id?: string };
  container?: { channel_id?: string; message_ts?: string; [key: string]: unknown };
  message?: { ts?: string; thread_ts?: string; blocks?: unknown[]; [key: string]: unknown };
  state?: { values?: Record<string, Record<string, { value?: string | null } | undefined> | undefined> };
  actions?: Array<{ action_id?: string; value?: string; action_ts?: string; text?: { text?: string } }>;
}

export interface MessageLikeEvent {
  type?: string;
  subtype?: string;
  user?: string;
  bot_id?: string;
  text?: string;
  channel?: string;
  channel_type?: string;
  ts?: string;
  thread_ts?: string;
}

const slackPlace = (conversationId: string, threadId?: string): Place => ({ platform: 'slack', conversationId, ...(threadId ? { threadId } : {}) });

export function commandFromSlash(body: SlashCommandPayload, receivedAt: number): CommandEvent | undefined {
  const triggerId = str(body?.trigger_id);
  const userId = str(body?.user_id);
  const channelId = str(body?.channel_id);
  if (!triggerId || !userId || !channelId) return undefined;
  const userName = str(body.user_name);
  return {
    type: 'command',
    deliveryKey: `slack:command:${triggerId}`,
    actor: { platform: 'slack', platformUserId: userId, ...(userName ? { displayName: userName } : {}) },
    place: slackPlace(channelId),
    receivedAt,
    text: slackTextToPlain(str(body.text) ?? '').trim(),
  };
}

/** Text addressed to the bot by @mention or DM, with the bot's own mention removed. */
export function commandFromMessage(
  event: MessageLikeEvent,
  eventId: string | undefined,
  botUserId: string | undefined,
  receivedAt: number,
): CommandEvent | undefined {
  const userId = str(event?.user);
  const channel = str(event?.channel);
  if (!eventId || !userId || !channel || event.bot_id || event.subtype) return undefined;
  if (event.type === 'message' && event.channel_type !== 'im') return undefined;
  const ownMention = botUserId && /^[UW][A-Z0-9]+$/.test(botUserId) ? new RegExp(`\\s*<@${botUserId}(?:\\|[^>]*)?>\\s*`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>\s*/;
  const text = slackTextToPlain((str(event.text) ?? '').replace(ownMention, ' ')).trim();
  const threadTs = str(event.thread_ts);
  return {
    type: 'command',
    deliveryKey: `slack:event:${eventId}`,
    actor: { platform: 'slack', platformUserId: userId },
    place: slackPlace(channel, threadTs),
    receivedAt,
    text,
  };
}

export type ActionTranslation =
  | { kind: 'event'; event: ActionEvent }
  /** A required box next to the button was left empty; tell the clicker, deliver nothing. */
  | { kind: 'needs-input'; label: string }
  | { kind: 'ignore' };

export function actionFromBlockActions(body: BlockActionsPayload, receivedAt: number): ActionTranslation {
  const action = Array.isArray(body?.actions) ? body.actions[0] : undefined;
  const actionId = str(action?.action_id);
  const actionTs = str(action?.action_ts);
  const userId = str(body?.user?.id);
  const channelId = str(body?.channel?.id) ?? str(body?.container?.channel_id);
  if (!action || !actionId || !actionTs || !userId || !channelId) return { kind: 'ignore' };
  if (isUrlButtonAction(actionId)) return { kind: 'ignore' };

  const { inputs, missing } = readInputs(body, actionId);
  if (missing) return { kind: 'needs-input', label: missing };

  const messageTs = str(body.container?.message_ts) ?? str(body.message?.ts);
  const threadTs = str(body.message?.thread_ts);
  const message: MessageRef | undefined = messageTs
    ? { platform: 'slack', conversationId: channelId, messageId: messageTs, ...(threadTs ? { threadId: threadTs } : {}) }
    : undefined;
  const displayName = str(body.user?.name) ?? str(body.user?.username);
  return {
    kind: 'event',
    event: {
      type: 'action',
      deliveryKey: `slack:action:${actionTs}:${userId}`,
      actor: { platform: 'slack', platformUserId: userId, ...(displayName ? { displayName } : {}) },
      place: slackPlace(channelId, threadTs),
      receivedAt,
      actionId: routedActionId(actionId),
      value: str(action.value) ?? '',
      ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
      ...(message ? { message } : {}),
    },
  };
}

/**
 * Only the boxes that belong to the clicked button are read, so text typed
 * for another button never travels with this click. Required boxes are
 * known from the card itself (`optional: false` on the input block).
 */
function readInputs(body: BlockActionsPayload, slackActionId: string): { inputs: Record<string, string>; missing?: string } {
  const inputs: Record<string, string> = {};
  const values = body.state?.values;
  for (const [blockId, byAction] of Object.entries(typeof values === 'object' && values !== null ? values : {})) {
    const owner = parseInputBlockId(blockId);
    if (!owner || owner.actionId !== slackActionId || typeof byAction !== 'object' || byAction === null) continue;
    const value = str(byAction[owner.inputId]?.value);
    if (value !== undefined && value.trim() !== '') inputs[owner.inputId] = value.trim();
  }
  const blocks = body.message?.blocks;
  for (const block of Array.isArray(blocks) ? blocks : []) {
    if (!isRequiredInputBlock(block)) continue;
    const owner = parseInputBlockId(block.block_id);
    if (owner && owner.actionId === slackActionId && !(owner.inputId in inputs)) {
      const label = str(block.label?.text);
      return { inputs, missing: label ? slackTextToPlain(label) : owner.inputId };
    }
  }
  return { inputs };
}

function isRequiredInputBlock(block: unknown): block is { block_id: string; label?: { text?: unknown } } {
  if (typeof block !== 'object' || block === null) return false;
  const b = block as { type?: unknown; block_id?: unknown; optional?: unknown };
  return b.type === 'input' && typeof b.block_id === 'string' && b.optional !== true;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
