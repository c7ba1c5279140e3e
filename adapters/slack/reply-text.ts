import type { Reply } from '../../bot/messages/message';
import { escapeSlackText, escapeWithin } from './mrkdwn-text';

/** A one-line reply as Slack text: escaped, capped, with the correlation id people quote to support. */
export function replyText(reply: Reply): string {
  const ref = reply.correlationId ? ` (ref ${escapeSlackText(reply.correlationId.slice(0, 40))})` : '';
  return escapeWithin(reply.text.trim() === '' ? '-' : reply.text, 3000 - ref.length) + ref;
}
