import type { types } from '@slack/bolt';
import type { Message, Tone } from '../../bot/messages/message';
import { renderButtons } from './block-kit-buttons';
import { mrkdwn, plain, renderContentBlock } from './block-kit-content';
import { SLACK_LIMITS } from './block-kit-limits';
import { escapeWithin } from './mrkdwn-text';

export interface BlockKitMessage {
  /** Notification and fallback text (escaped mrkdwn). */
  text: string;
  blocks: types.KnownBlock[];
}

export const TONE_EMOJI: Record<Tone, string> = {
  info: 'ℹ️',
  good: '✅',
  warning: '⚠️',
  danger: '🚨',
};

/**
 * The neutral message as Block Kit. Pure. Every string from the model is
 * escaped, so nothing a user typed can mention, ping or hide a link; URLs
 * come only from link blocks and link buttons and must be http(s). Within
 * Slack's 50-block limit the controls (inputs, buttons) and the context line
 * always survive; body blocks past the budget are replaced by one notice.
 */
export function renderBlockKit(message: Message): BlockKitMessage {
  const label = message.header?.label ? `[${message.header.label}] ` : '';
  const header: types.KnownBlock[] = message.header
    ? [{ type: 'header', text: plain(`${TONE_EMOJI[message.header.tone ?? 'info']} ${label}${message.header.title}`, SLACK_LIMITS.headerText) }]
    : [];
  const { inputs, actions } = renderButtons(message.buttons ?? []);
  const context: types.KnownBlock[] =
    message.context && message.context.trim() !== '' ? [{ type: 'context', elements: [mrkdwn(escapeWithin(message.context, SLACK_LIMITS.textObject))] }] : [];

  const controls = [...inputs, ...actions];
  const budget = Math.max(SLACK_LIMITS.blocksPerMessage - header.length - controls.length - context.length, 1);
  const body = fitBody(message.blocks.flatMap(renderContentBlock), budget);
  const blocks = [...header, ...body, ...controls, ...context].slice(0, SLACK_LIMITS.blocksPerMessage);

  const fallback = `${label}${message.fallbackText.trim() === '' ? (message.header?.title ?? '') : message.fallbackText}`;
  return { text: escapeWithin(fallback.trim() === '' ? 'breakglass' : fallback, SLACK_LIMITS.fallbackText), blocks };
}

function fitBody(body: types.KnownBlock[], budget: number): types.KnownBlock[] {
  if (body.length <= budget) return body;
  const kept = body.slice(0, budget - 1);
  const hidden = body.length - kept.length;
  return [...kept, { type: 'context', elements: [mrkdwn(`… ${hidden} more block${hidden === 1 ? '' : 's'} not shown (Slack allows ${SLACK_LIMITS.blocksPerMessage} per message).`)] }];
}
