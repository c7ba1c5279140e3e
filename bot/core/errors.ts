import { randomUUID } from 'node:crypto';

/**
 * Every failure a user can see has a code. The user gets `userMessage` plus the
 * correlation id; the log gets `detail` and the cause. Never put a secret in either.
 */
export type ErrorCode =
  | 'config.invalid'
  | 'command.unknown'
  | 'command.malformed'
  | 'authz.denied'
  | 'identity.unmapped'
  | 'workflow.not_found'
  | 'workflow.conflict'
  | 'workflow.rejected'
  | 'graph.throttled'
  | 'graph.unavailable'
  | 'graph.forbidden'
  | 'graph.not_found'
  | 'graph.bad_request'
  | 'graph.conflict'
  | 'graph.unauthorized'
  | 'platform.unauthorized'
  | 'platform.throttled'
  | 'platform.unavailable'
  | 'storage.unavailable'
  | 'storage.locked'
  | 'rate_limited'
  | 'internal';

export class BreakglassError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly correlationId: string;
  readonly detail?: Record<string, unknown>;
  /** For throttling: when the caller may try again (epoch ms). */
  readonly retryAt?: number;

  constructor(
    code: ErrorCode,
    userMessage: string,
    options: { detail?: Record<string, unknown>; cause?: unknown; retryAt?: number; correlationId?: string } = {},
  ) {
    super(`${code}: ${userMessage}`, { cause: options.cause });
    this.name = 'BreakglassError';
    this.code = code;
    this.userMessage = userMessage;
    this.correlationId = options.correlationId ?? newCorrelationId();
    this.detail = options.detail;
    this.retryAt = options.retryAt;
  }
}

export function newCorrelationId(): string {
  return randomUUID().slice(0, 8);
}

export function isBreakglassError(e: unknown): e is BreakglassError {
  return e instanceof BreakglassError;
}

/** Wrap anything thrown into a BreakglassError without leaking its text to users. */
export function toBreakglassError(e: unknown): BreakglassError {
  if (isBreakglassError(e)) return e;
  return new BreakglassError('internal', 'Something went wrong on our side; nothing was changed.', { cause: e });
}

/**
 * A person's mistake (a typo, a missing argument, an incident that is not
 * there): logged at INFO without a stack, since nothing is broken.
 */
export function isUserMistake(code: ErrorCode): boolean {
  return code === 'command.unknown' || code === 'command.malformed' || code === 'workflow.not_found' || code === 'workflow.rejected' || code === 'rate_limited';
}
