import type { Context, Middleware } from '@microsoft/microsoft-graph-client';
import type { Logger } from '../../bot/core/logger';
import type { Clock } from '../../bot/ports/clock';
import { retryAfterMs } from './retry-after';
import { apiFamily, localThrottleResponse, ThrottleGate } from './throttle-gate';

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /**
   * The longest the adapter waits in-process before a retry. A longer
   * Retry-After is not slept on: the call fails with graph.throttled and its
   * retryAt, and the workflow reschedules itself.
   */
  maxInProcessWaitMs: number;
  /** First backoff when the answer has no Retry-After; doubles each retry. */
  baseBackoffMs: number;
  /** Abort an attempt that has not answered in this long. */
  timeoutMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 3, maxInProcessWaitMs: 5_000, baseBackoffMs: 500, timeoutMs: 30_000 };

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const RETRYABLE = new Set([429, 503, 504]);

/** Transport failures, named so the error mapper can tell them from Graph's answers. */
export class GraphTransportError extends Error {
  constructor(
    readonly kind: 'timeout' | 'network',
    cause: unknown,
  ) {
    super(kind === 'timeout' ? 'Microsoft Graph did not answer in time' : 'Could not reach Microsoft Graph', { cause });
    this.name = kind === 'timeout' ? 'GraphTimeout' : 'GraphNetworkError';
  }
}

/**
 * Replaces the SDK's RetryHandler (which sleeps up to its own limits with real
 * timers): honours Retry-After on 429/503/504 within a bounded number of
 * retries and a cap on any single wait, with an injectable sleep so tests
 * never wait. Requests that change things (POST) are retried only on 429,
 * which Graph guarantees it did not process; a 5xx or a dropped connection
 * after a POST may have done the work, so the caller reconciles instead.
 */
export class ThrottleRetryMiddleware implements Middleware {
  private next?: Middleware;
  /** Shared by every request of this client: one app, one tenant. */
  private readonly gate = new ThrottleGate();

  constructor(
    private readonly policy: RetryPolicy,
    private readonly sleep: Sleep,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('ThrottleRetryMiddleware needs a next middleware');
    const method = (context.options?.method ?? 'GET').toUpperCase();
    const idempotent = method === 'GET' || method === 'HEAD';
    const family = apiFamily(urlOf(context));
    for (let attempt = 0; ; attempt++) {
      const blocked = this.gate.remaining(family, this.clock.now());
      if (blocked > this.policy.maxInProcessWaitMs) {
        context.response = localThrottleResponse(blocked);
        return;
      }
      if (blocked > 0) await this.sleep(blocked);
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), this.policy.timeoutMs);
      timer.unref?.();
      context.options = { ...context.options, signal: controller.signal };
      try {
        await this.next.execute(context);
      } catch (e) {
        const failure = new GraphTransportError(controller.signal.aborted ? 'timeout' : 'network', e);
        if (!idempotent || attempt >= this.policy.maxRetries) throw failure;
        const wait = this.backoff(attempt);
        this.logger.warn({ url: urlOf(context), attempt, waitMs: wait, err: failure.name }, 'Graph request failed in transport; retrying');
        await this.sleep(wait);
        continue;
      } finally {
        clearTimeout(timer);
      }
      const response = context.response;
      if (!response || !RETRYABLE.has(response.status)) return;
      if (!idempotent && response.status !== 429) return;
      const asked = retryAfterMs(response.headers.get('retry-after'), this.clock.now());
      if (asked !== undefined && (asked > this.policy.maxInProcessWaitMs || attempt >= this.policy.maxRetries)) this.gate.block(family, this.clock.now() + asked);
      if (attempt >= this.policy.maxRetries) return;
      const wait = asked ?? this.backoff(attempt);
      if (wait > this.policy.maxInProcessWaitMs) return;
      this.logger.warn({ url: urlOf(context), status: response.status, attempt, waitMs: wait }, 'Graph asked us to back off; retrying');
      await response.arrayBuffer().catch(() => undefined);
      await this.sleep(wait);
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.policy.baseBackoffMs * 2 ** attempt, this.policy.maxInProcessWaitMs);
  }
}

function urlOf(context: Context): string {
  const raw = typeof context.request === 'string' ? context.request : context.request.url;
  // Paths and ids only: Graph query strings can hold user names.
  return raw.split('?')[0] ?? raw;
}
