import type { Logger } from '../../bot/core/logger';
import type { Sleep } from './channel-pacer';
import { classifySlackError, slackRefusal, slackUnavailable } from './slack-errors';

export interface RetryPolicy {
  /** Attempts for 5xx / network / Slack's own "try again" errors before giving up. */
  maxTransientAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxTransientAttempts: 8, baseDelayMs: 500, maxDelayMs: 30_000 };

/**
 * One Web API call, retried the way Slack asks: a 429 waits exactly
 * Retry-After and tries again, however many times it takes (a rate limit is
 * never a reason to drop a message); 5xx and network errors back off
 * exponentially and, after `maxTransientAttempts`, become
 * `platform.unavailable` so the outbox keeps the effect for later. Slack's
 * refusals (channel_not_found, invalid_auth ...) are not retried.
 */
export async function callWithRetry<T>(method: string, call: () => Promise<T>, deps: { sleep: Sleep; logger: Logger; policy: RetryPolicy }): Promise<T> {
  let transientFailures = 0;
  for (;;) {
    try {
      return await call();
    } catch (e) {
      const failure = classifySlackError(e);
      if (failure.kind === 'refused') throw slackRefusal(failure.error, method, e);
      if (failure.kind === 'rate-limited') {
        deps.logger.warn({ method, retryAfterMs: failure.retryAfterMs }, 'Slack rate limit; waiting as asked');
        await deps.sleep(failure.retryAfterMs);
        continue;
      }
      transientFailures += 1;
      if (transientFailures >= deps.policy.maxTransientAttempts) throw slackUnavailable(method, failure.detail, e);
      const delay = Math.min(deps.policy.maxDelayMs, deps.policy.baseDelayMs * 2 ** (transientFailures - 1));
      deps.logger.warn({ method, why: failure.detail, attempt: transientFailures, delayMs: delay }, 'Slack call failed; retrying');
      await deps.sleep(delay);
    }
  }
}
