import type { InvokeResponse } from 'botbuilder';
import type { Message, Reply } from '../../bot/messages/message';
import { replyLine } from '../../bot/messages/message-text';
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from './adaptive-card-types';

/**
 * Answers to `adaptiveCard/action` invokes in the Universal Actions shape:
 * HTTP 200 with `{statusCode, type, value}`. A card replaces the clicked card
 * for the clicker; a message shows as a short notice; an error says why.
 */
export function cardInvokeResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

export function messageInvokeResponse(text: string): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text } };
}

/** Universal Actions documents 200, 400, 401 (sign-in), 412 and 500; a refusal is a 400 with the reason. */
export function errorInvokeResponse(statusCode: 400 | 500, message: string): InvokeResponse {
  const code = statusCode === 400 ? 'BadRequest' : 'InternalError';
  return { status: 200, body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } } };
}

/** A one-line reply, its reference included once, for places that take a neutral message. */
export function replyMessage(reply: Reply): Message {
  const text = replyLine(reply);
  return { blocks: [{ kind: 'text', text }], fallbackText: text };
}
