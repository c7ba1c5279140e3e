import { BreakglassError } from '../../../bot/core/errors';
import type { Storage } from '../../../bot/ports/storage';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND } from '../../fixtures/workflows/drill-definition';
import type { DrillContext } from '../../fixtures/workflows/drill-machine';
import { buildRuntime, EXPIRY_MS, home } from '../../unit/runtime/runtime-harness';

/** The storage as the runtime sees it, with a switch that makes every call fail the way a lost database does. */
function flaky(storage: Storage): { storage: Storage; down: (on: boolean) => void } {
  let isDown = false;
  const lost = () => new BreakglassError('storage.unavailable', 'Cannot use the PostgreSQL database; check DATABASE_URL and that PostgreSQL is running.');
  const proxy = new Proxy(storage, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => (isDown ? Promise.reject(lost()) : (value as (...a: unknown[]) => unknown).apply(target, args));
    },
  });
  return { storage: proxy, down: (on) => (isDown = on) };
}

/**
 * The database goes away while an effect runs, after the effect was claimed
 * and before its result could be written. Once the database answers again the
 * same process hands the claim back and runs the effect at once, instead of
 * leaving the workflow's messages stuck behind a claim for the whole lease.
 */
describeEachStorage('an effect caught by a database outage', (db) => {
  it('runs again as soon as the database is back, not after its one-minute claim runs out', async () => {
    const { storage, down } = flaky(db().storage);
    let calls = 0;
    const { runtime } = buildRuntime(storage, {
      outbox: { leaseMs: 60_000 },
      handlers: {
        'graph.call': (effect) => {
          calls += 1;
          if (calls === 1) down(true); // the database is lost while Graph answers
          return { type: `graph.${(effect.params as { op: string }).op}.succeeded`, result: {}, tag: (effect.params as { tag?: string }).tag };
        },
      },
    });
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    await runtime.outbox.drain();
    await runtime.send('wf-1', { type: 'ping', tag: 'p1' });

    await expect(runtime.outbox.drain()).rejects.toMatchObject({ code: 'storage.unavailable' });
    down(false);

    expect(await runtime.outbox.drain()).toBe(1);
    expect(calls).toBe(2);
    expect((await runtime.get<DrillContext>('wf-1'))?.context.pings).toEqual(['p1']);
    expect(await db().storage.pendingEffectCount()).toBe(0);
  });
});
