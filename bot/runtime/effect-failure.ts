import { isBreakglassError } from '../core/errors';

/** Error text kept on an outbox row and sent to the workflow; the full error goes to the log. */
const MAX_ERROR_CHARS = 500;

/** A failed effect as its row and its workflow see it: the error code and one sentence, never a stack. */
export function describeError(error: unknown): { code: string; message: string } {
  if (isBreakglassError(error)) return { code: error.code, message: error.userMessage };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: message.slice(0, MAX_ERROR_CHARS) };
}

/** The seq part of an idempotency key (`workflowId:seq`). */
export function sequenceOf(idempotencyKey: string): number {
  return Number(idempotencyKey.slice(idempotencyKey.lastIndexOf(':') + 1));
}
