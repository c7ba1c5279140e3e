import type { Reply } from '../../bot/messages/message';
import { escapeSlackText, escapeWithin } from './mrkdwn-text';

/** A one-line reply as Slack text: escaped, capped, with the correlation id people quote to support. */
export function replyText(reply: Reply): string {
  // The core's refusals already end with their reference; say it once.
  const said = reply.correlationId !== undefined && reply.text.includes(`(ref ${reply.correlationId})`);
  const ref = reply.correlationId && !said ? ` (ref ${escapeSlackText(reply.correlationId.slice(0, 40))})` : '';
  return escapeWithin(reply.text.trim() === '' ? '-' : reply.text, 3000 - ref.length) + ref;
}
