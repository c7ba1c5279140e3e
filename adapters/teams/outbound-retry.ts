import { BreakglassError } from '../../bot/core/errors';
import type { Clock } from '../../bot/ports/clock';

/** Teams asks bots to retry 429 with backoff, and 412, 502 and 504 too; 503 is the same kind of transient. */
const RETRYABLE_STATUS = new Set([412, 429, 502, 503, 504]);
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EAI_AGAIN', 'EPIPE']);

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 };

export interface RetryDeps {
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  /** 0 <= r < 1; injected so tests can pin the jitter. */
  random?: () => number;
  policy?: RetryPolicy;
  onRetry?: (info: { attempt: number; status?: number; delayMs: number }) => void;
}

/**
 * Run a Bot Connector call, retrying throttling and transient failures with
 * exponential backoff and jitter (never sooner than a Retry-After). When the
 * attempts run out the error says when to try again, so the outbox can
 * reschedule the effect instead of dropping it.
 */
export async function withPlatformRetry<T>(operation: () => Promise<T>, deps: RetryDeps): Promise<T> {
  const policy = deps.policy ?? DEFAULT_RETRY;
  const random = deps.random ?? Math.random;
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      const status = statusOf(error);
      const retryable = status !== undefined ? RETRYABLE_STATUS.has(status) : RETRYABLE_NETWORK.has(codeOf(error) ?? '');
      const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1)) * (0.5 + random() * 0.5);
      const delayMs = Math.max(retryAfterMs(error, deps.clock.now()) ?? 0, Math.round(backoff));
      if (!retryable || attempt >= policy.maxAttempts) throw toPlatformError(error, status, retryable ? deps.clock.now() + delayMs : undefined);
      deps.onRetry?.({ attempt, status, delayMs });
      await deps.sleep(delayMs);
    }
  }
}

export function statusOf(error: unknown): number | undefined {
  const e = error as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  for (const candidate of [e?.statusCode, e?.response?.status, e?.status]) {
    if (typeof candidate === 'number') return candidate;
  }
  return undefined;
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Retry-After in seconds or as an HTTP date, from a core-rest-pipeline RestError response. */
function retryAfterMs(error: unknown, now: number): number | undefined {
  const headers = (error as { response?: { headers?: unknown } } | undefined)?.response?.headers as
    | { get?: (name: string) => string | undefined }
    | Record<string, string>
    | undefined;
  if (!headers) return undefined;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string>)['retry-after'];
  if (typeof raw !== 'string' || raw.trim() === '') return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

export function toPlatformError(error: unknown, status = statusOf(error), retryAt?: number): BreakglassError {
  const detail = { status, code: codeOf(error) };
  const options = { cause: error, detail, retryAt };
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'AuthenticationError' || name === 'AuthenticationRequiredError' || name === 'CredentialUnavailableError') {
    return new BreakglassError('platform.unauthorized', 'The bot could not sign in to send Teams messages; check its app id and secret.', options);
  }
  if (status === 401 || status === 403) {
    return new BreakglassError('platform.unauthorized', 'Teams refused the bot; check its app registration and that it is installed in this conversation.', options);
  }
  if (status === 404) {
    return new BreakglassError('platform.unavailable', 'Teams could not find that conversation or message; the bot may have been removed from it.', options);
  }
  if (status === 429) return new BreakglassError('platform.throttled', 'Teams is rate-limiting the bot; the message will be sent a little later.', options);
  return new BreakglassError('platform.unavailable', 'Teams did not accept the message right now; it will be retried.', options);
}
