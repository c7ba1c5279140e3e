import { withPlatformRetry } from '../../../adapters/teams/outbound-retry';
import { isBreakglassError, type BreakglassError } from '../../../bot/core/errors';
import { ManualClock } from '../../../bot/ports/clock';

/** Shaped like @azure/core-rest-pipeline's RestError, which the Bot Connector client throws. */
function restError(statusCode: number, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error(`status ${statusCode}`), { name: 'RestError', statusCode, response: { status: statusCode, headers: { get: (n: string) => headers[n] } } });
}

function failing(errors: unknown[]) {
  let calls = 0;
  return {
    calls: () => calls,
    op: async () => {
      const e = errors[calls++];
      if (e) throw e;
      return 'sent';
    },
  };
}

function deps(policy = { maxAttempts: 6, baseDelayMs: 1000, maxDelayMs: 30_000 }) {
  const clock = new ManualClock(0);
  const sleeps: number[] = [];
  return { clock, sleeps, deps: { clock, random: () => 0, policy, sleep: async (ms: number) => void (sleeps.push(ms), clock.advance(ms)) } };
}

describe('withPlatformRetry', () => {
  test.each([429, 412, 502, 503, 504])('%d is retried with exponential backoff until it succeeds', async (status) => {
    const { sleeps, deps: d } = deps();
    const f = failing([restError(status), restError(status), restError(status)]);
    await expect(withPlatformRetry(f.op, d)).resolves.toBe('sent');
    expect(f.calls()).toBe(4);
    // Jitter pinned to its minimum: half of 1 s, 2 s, 4 s.
    expect(sleeps).toEqual([500, 1000, 2000]);
  });

  test('Retry-After (seconds) wins over a shorter backoff', async () => {
    const { sleeps, deps: d } = deps();
    const f = failing([restError(429, { 'retry-after': '30' })]);
    await withPlatformRetry(f.op, d);
    expect(sleeps).toEqual([30_000]);
  });

  test('Retry-After as an HTTP date is read relative to the clock', async () => {
    const { sleeps, deps: d } = deps();
    const f = failing([restError(503, { 'retry-after': new Date(12_000).toUTCString() })]);
    await withPlatformRetry(f.op, d);
    expect(sleeps).toEqual([12_000]);
  });

  test('backoff is capped', async () => {
    const { sleeps, deps: d } = deps({ maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 });
    const f = failing(Array.from({ length: 6 }, () => restError(504)));
    await withPlatformRetry(f.op, d);
    expect(Math.max(...sleeps)).toBe(2500);
  });

  test('network resets are retried too', async () => {
    const { deps: d } = deps();
    const f = failing([Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })]);
    await expect(withPlatformRetry(f.op, d)).resolves.toBe('sent');
  });

  test.each([
    [400, 'platform.unavailable'],
    [401, 'platform.unauthorized'],
    [403, 'platform.unauthorized'],
    [404, 'platform.unavailable'],
  ])('%d is not retried: it fails at once as %s, with no retry time', async (status, code) => {
    const { sleeps, deps: d } = deps();
    const f = failing([restError(status)]);
    const error = (await withPlatformRetry(f.op, d).catch((e: unknown) => e)) as BreakglassError;
    expect(isBreakglassError(error) && error.code).toBe(code);
    expect(error.retryAt).toBeUndefined();
    expect(f.calls()).toBe(1);
    expect(sleeps).toEqual([]);
  });

  test('when attempts run out a throttled call says when to try again', async () => {
    const { clock, deps: d } = deps({ maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 30_000 });
    const f = failing(Array.from({ length: 5 }, () => restError(429)));
    const error = (await withPlatformRetry(f.op, d).catch((e: unknown) => e)) as BreakglassError;
    expect(error.code).toBe('platform.throttled');
    expect(error.retryAt).toBe(clock.now() + 2000);
    expect(f.calls()).toBe(3);
  });

  test('a failed sign-in for the bot token is reported as such', async () => {
    const { deps: d } = deps();
    const f = failing([Object.assign(new Error('AADSTS7000215'), { name: 'AuthenticationRequiredError' })]);
    await expect(withPlatformRetry(f.op, d)).rejects.toMatchObject({ code: 'platform.unauthorized' });
  });
});
