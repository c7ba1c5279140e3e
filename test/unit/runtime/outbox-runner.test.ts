import { BreakglassError } from '../../../bot/core/errors';
import type { EffectContext } from '../../../bot/runtime/effect-handler';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND } from '../../fixtures/workflows/drill-definition';
import type { DrillContext } from '../../fixtures/workflows/drill-machine';
import { buildRuntime, capturingLogger, EXPIRY_MS, home, T0 } from './runtime-harness';

const POLICY = { maxAttempts: 4, baseDelayMs: 1_000, maxDelayMs: 60_000 };

describeEachStorage('OutboxRunner', (db) => {
  async function withPing(options: Parameters<typeof buildRuntime>[1]) {
    const harness = buildRuntime(db().storage, { outbox: POLICY, ...options });
    await harness.runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    await harness.runtime.outbox.drain(); // the start's card
    await harness.runtime.send('wf-1', { type: 'ping', tag: 'p1' });
    return harness;
  }

  it('sends the event a handler returns back into the workflow, once', async () => {
    const { runtime, performed } = await withPing({});

    expect(await runtime.outbox.drain()).toBe(1);

    expect(performed.at(-1)?.effect).toEqual({ type: 'graph.call', params: { op: 'ping', args: {}, tag: 'p1' } });
    expect((await runtime.get<DrillContext>('wf-1'))?.context.pings).toEqual(['p1']);
    expect(await db().storage.pendingEffectCount()).toBe(0);
    const types = (await db().storage.listAudit({ workflowId: 'wf-1' })).map((a) => a.type);
    expect(types.filter((t) => t === 'effect.result')).toHaveLength(1);
  });

  it('retries a failing effect with growing backoff and the same idempotency key', async () => {
    const attempts: Array<{ at: number; context: EffectContext }> = [];
    const { runtime, clock } = await withPing({
      handlers: {
        'graph.call': (_effect, context) => {
          attempts.push({ at: clock.now(), context });
          if (attempts.length < 3) throw new BreakglassError('graph.unavailable', 'Microsoft Graph is not answering.');
          return { type: 'graph.ping.succeeded', result: {}, tag: 'p1' };
        },
      },
    });
    const start = clock.now();

    await runtime.outbox.drain();
    clock.advance(999);
    await runtime.outbox.drain();
    clock.advance(1);
    await runtime.outbox.drain();
    clock.advance(1_999);
    await runtime.outbox.drain();
    expect(attempts).toHaveLength(2);
    clock.advance(1);
    await runtime.outbox.drain();

    expect(attempts.map((a) => [a.at - start, a.context.attempt, a.context.idempotencyKey])).toEqual([
      [0, 1, 'wf-1:2'],
      [1_000, 2, 'wf-1:2'],
      [3_000, 3, 'wf-1:2'],
    ]);
    expect((await runtime.get<DrillContext>('wf-1'))?.context.pings).toEqual(['p1']);
  });

  it('waits as long as a throttled service asks before retrying', async () => {
    let calls = 0;
    const { runtime, clock } = await withPing({
      handlers: {
        'graph.call': () => {
          calls += 1;
          if (calls === 1) throw new BreakglassError('graph.throttled', 'Microsoft Graph asked us to slow down.', { retryAt: T0 + 30_000 });
        },
      },
    });
    await runtime.outbox.drain();
    clock.set(T0 + 29_999);
    await runtime.outbox.drain();
    expect(calls).toBe(1);
    clock.set(T0 + 30_000);
    await runtime.outbox.drain();
    expect(calls).toBe(2);
  });

  it('gives up after the last attempt: row dead, workflow told with effect.failed, error logged', async () => {
    const log = capturingLogger();
    let calls = 0;
    const { runtime, clock } = await withPing({
      logger: log.logger,
      handlers: {
        'graph.call': () => {
          calls += 1;
          throw new Error('socket hang up');
        },
      },
    });

    for (let i = 0; i < 10; i++) {
      await runtime.outbox.drain();
      clock.advance(POLICY.maxDelayMs);
    }

    expect(calls).toBe(POLICY.maxAttempts);
    expect((await runtime.get<DrillContext>('wf-1'))?.context.failures).toEqual(['p1']);
    const [row] = await db().query<{ status: string; last_error: string }>("SELECT status, last_error FROM outbox WHERE idempotency_key = 'wf-1:2'");
    expect(row).toEqual({ status: 'dead', last_error: 'internal: socket hang up' });
    const failedAudit = (await db().storage.listAudit({ workflowId: 'wf-1' })).filter((a) => a.type === 'effect.failed');
    expect(failedAudit.map((a) => a.data.event)).toEqual([
      { type: 'effect.failed', effectType: 'graph.call', idempotencyKey: 'wf-1:2', at: expect.any(Number), tag: 'p1', error: { code: 'internal', message: 'socket hang up' } },
    ]);
    expect(log.lines().filter((l) => l.msg === 'effect gave up; telling the workflow')).toEqual([
      expect.objectContaining({ level: 50, workflowId: 'wf-1', idempotencyKey: 'wf-1:2', attempt: POLICY.maxAttempts }),
    ]);
  });

  it('gives up at once on an error no retry can fix', async () => {
    let calls = 0;
    const { runtime } = await withPing({
      handlers: {
        'graph.call': () => {
          calls += 1;
          throw new BreakglassError('graph.forbidden', 'The bot lacks the Graph permission for this.');
        },
      },
    });
    await runtime.outbox.drain();
    expect(calls).toBe(1);
    expect((await runtime.get<DrillContext>('wf-1'))?.context.failures).toEqual(['p1']);
    expect(await db().storage.pendingEffectCount()).toBe(0);
  });

  it('reports an effect nobody handles instead of leaving it queued', async () => {
    const { runtime } = await withPing({ handlers: { 'graph.call': undefined } });
    await runtime.outbox.drain();
    expect((await runtime.get<DrillContext>('wf-1'))?.context.failures).toEqual(['p1']);
    expect(await db().storage.pendingEffectCount()).toBe(0);
  });

  it('does not deliver a result twice when the effect runs again after its result landed', async () => {
    // As after a crash between delivering the result and marking the row done.
    const { runtime } = await withPing({});
    const result = { type: 'graph.ping.succeeded', result: {}, tag: 'p1' };
    const first = await runtime.send('wf-1', result, { deliveryKey: 'effect:wf-1:2', auditType: 'effect.result' });
    await runtime.outbox.drain();
    expect(first.changed).toBe(true);
    expect((await runtime.get<DrillContext>('wf-1'))?.context.pings).toEqual(['p1']);
  });
});
