import type { Message, Reply } from '../messages/message';
import { isUserMistake, toBreakglassError } from './errors';
import type { Logger } from './logger';

/**
 * What the bot answers one inbound event with. The router returns exactly one;
 * each adapter decides how to show it (Slack: a private line; Teams: a message,
 * or the card itself in an invoke response; playground: a whisper).
 */
export type Outcome =
  /** A private (or channel) line of text. */
  | { kind: 'reply'; text: string; ephemeral: boolean }
  /** A refused or failed request: one plain sentence, and the reference people quote to support. */
  | { kind: 'refusal'; text: string; reference: string }
  /** The clicked workflow's card as it stands now, for platforms that answer a click with the card. */
  | { kind: 'card'; card: Message }
  | { kind: 'nothing' };

export const NOTHING: Outcome = { kind: 'nothing' };

export function replyOutcome(reply: Reply | void): Outcome {
  return reply ? { kind: 'reply', text: reply.text, ephemeral: reply.ephemeral } : NOTHING;
}

/**
 * The one place a thrown error becomes what the user sees: the error's own
 * sentence (never an internal message) and its correlation id, with the
 * detail for the log. A typo is not an incident: INFO and the sentence the
 * user saw, no stack. Refusals (authz) and failures stay WARN with their cause
 * (`describe` trims a platform SDK's error to what is safe to log).
 */
export function refusalOf(e: unknown, logger: Logger, fields: Record<string, unknown> = {}, describe: (e: unknown) => unknown = (x) => x): Extract<Outcome, { kind: 'refusal' }> {
  const err = toBreakglassError(e);
  const logged = { ...fields, code: err.code, correlationId: err.correlationId, detail: err.detail };
  if (isUserMistake(err.code)) logger.info({ ...logged, answer: err.userMessage }, 'request refused');
  else logger[err.code === 'internal' ? 'error' : 'warn']({ err: describe(e), ...logged }, 'request refused');
  return { kind: 'refusal', text: err.userMessage, reference: err.correlationId };
}

/** The line an adapter shows for an outcome, if it is one (a card or nothing is not). */
export function outcomeReply(outcome: Outcome): Reply | undefined {
  if (outcome.kind === 'reply') return { text: outcome.text, ephemeral: outcome.ephemeral };
  if (outcome.kind === 'refusal') return { text: outcome.text, ephemeral: true, correlationId: outcome.reference };
  return undefined;
}
