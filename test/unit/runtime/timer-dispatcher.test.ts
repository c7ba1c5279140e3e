import type { TimerRow } from '../../../bot/ports/storage';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND } from '../../fixtures/workflows/drill-definition';
import { alice, buildRuntime, EXPIRY_MS, fallbackTexts, home, T0 } from './runtime-harness';

const EXPIRY_TIMER = 'xstate.after.expiry.drill.open';

describeEachStorage('TimerDispatcher', (db) => {
  it('fires a timer at its due time, not a millisecond before, and only once', async () => {
    const { runtime, timers, clock, performed } = buildRuntime(db().storage);
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });

    clock.advance(EXPIRY_MS - 1);
    expect(await timers.tick()).toBe(0);
    expect((await runtime.get('wf-1'))?.state).toBe('open');

    clock.advance(1);
    expect(await timers.tick()).toBe(1);
    expect(await runtime.get('wf-1')).toMatchObject({ state: 'expired', row: { status: 'closed' }, timers: [] });

    clock.advance(EXPIRY_MS);
    expect(await timers.tick()).toBe(0);
    await runtime.outbox.drain();
    expect(fallbackTexts(performed)).toEqual(['count 0', 'expired']);
    const timerAudits = (await db().storage.listAudit({ workflowId: 'wf-1' })).filter((a) => a.type === 'workflow.timer');
    expect(timerAudits.map((a) => [a.at, a.actorEntraId])).toEqual([[T0 + EXPIRY_MS, 'system']]);
  });

  it('never fires a timer whose state was left before it fell due', async () => {
    const { runtime, timers, clock } = buildRuntime(db().storage);
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    await runtime.send('wf-1', { type: 'claim', actor: alice });

    clock.advance(EXPIRY_MS * 2);
    expect(await timers.tick()).toBe(0);
    expect((await runtime.get('wf-1'))?.state).toBe('claimed');
  });

  it('ignores a claimed timer that was cancelled and rescheduled while it was held', async () => {
    const { runtime, timers, clock } = buildRuntime(db().storage);
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    clock.advance(EXPIRY_MS);
    // A replica claims the timer at its due time...
    const [claimed] = await db().storage.claimDueTimers(clock.now(), 10, 60_000);
    // ...but before it fires, the workflow leaves `open` and comes back, which schedules the same send id anew.
    await runtime.send('wf-1', { type: 'claim', actor: alice });
    await runtime.send('wf-1', { type: 'release', actor: alice });

    const late = await runtime.fireTimer(claimed as TimerRow);

    expect(late).toMatchObject({ changed: false, reason: 'stale-timer', state: 'open' });
    expect((await runtime.get('wf-1'))?.timers).toEqual([{ sendId: EXPIRY_TIMER, dueAt: T0 + 2 * EXPIRY_MS }]);
    clock.advance(EXPIRY_MS - 1);
    expect(await timers.tick()).toBe(0);
    clock.advance(1);
    expect(await timers.tick()).toBe(1);
    expect((await runtime.get('wf-1'))?.state).toBe('expired');
  });

  it('fires a timer once when two dispatchers both got hold of it (a lease ran out mid-fire)', async () => {
    const { runtime, clock } = buildRuntime(db().storage);
    const replica = buildRuntime(db().storage, { clock }).runtime;
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    clock.advance(EXPIRY_MS);
    const [first] = await db().storage.claimDueTimers(clock.now(), 10, 1_000);
    clock.advance(1_000);
    const [second] = await db().storage.claimDueTimers(clock.now(), 10, 1_000);
    // The same timer, under a newer claim token.
    expect({ ...second, claimedUntil: 0 }).toEqual({ ...first, claimedUntil: 0 });
    expect(second!.claimedUntil).toBeGreaterThan(first!.claimedUntil!);

    const results = await Promise.all([runtime.fireTimer(first as TimerRow), replica.fireTimer(second as TimerRow)]);

    expect(results.map((r) => r.changed).sort()).toEqual([false, true]);
    expect(await db().storage.claimDueTimers(clock.now() + EXPIRY_MS, 10, 1_000)).toEqual([]);
    const timerAudits = (await db().storage.listAudit({ workflowId: 'wf-1' })).filter((a) => a.type === 'workflow.timer');
    expect(timerAudits).toHaveLength(1);
  });

  it('keeps timers across a restart: a new runtime on the same database fires them on time', async () => {
    const before = buildRuntime(db().storage);
    await before.runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    await before.runtime.start(DRILL_KIND, 'wf-2', { expiryMs: 2 * EXPIRY_MS }, { home });

    // The process is gone; a new one opens the database with its own clock. (SQLite allows one
    // process per file, so there the new runtime shares the handle; crash-restart.test.ts restarts for real.)
    const reopened = db().dialect === 'sqlite' ? db().storage : await db().openAnother();
    const after = buildRuntime(reopened);
    after.clock.set(T0 + EXPIRY_MS);
    expect(await after.timers.tick()).toBe(1);
    expect((await after.runtime.get('wf-1'))?.state).toBe('expired');
    expect((await after.runtime.get('wf-2'))?.state).toBe('open');

    after.clock.set(T0 + 2 * EXPIRY_MS);
    expect(await after.timers.tick()).toBe(1);
    expect((await after.runtime.list(DRILL_KIND, 'closed')).map((w) => w.row.id)).toEqual(['wf-1', 'wf-2']);
  });

  it('fires a burst of timers that fall due together, each once, with each one\'s effects', async () => {
    const { runtime, timers, clock, performed } = buildRuntime(db().storage);
    const ids = Array.from({ length: 30 }, (_, i) => `wf-${String(i).padStart(2, '0')}`);
    for (const id of ids) await runtime.start(DRILL_KIND, id, { expiryMs: EXPIRY_MS }, { home });

    clock.advance(EXPIRY_MS);
    expect(await timers.tick()).toBe(30);
    expect(await timers.tick()).toBe(0);
    await runtime.outbox.drain();

    expect((await runtime.list(DRILL_KIND, 'closed')).map((w) => w.row.id)).toEqual(ids);
    expect(fallbackTexts(performed).filter((t) => t === 'expired')).toHaveLength(30);
    const timerAudits = (await db().storage.listAudit({})).filter((a) => a.type === 'workflow.timer');
    expect(timerAudits.map((a) => a.workflowId).sort()).toEqual(ids);
  });

  it('a burst whose batch lost a race to one workflow is rolled back whole, and every timer still fires once', async () => {
    let raced = false;
    const storage = db().storage;
    // Another replica moves wf-05 on after the batch has read it and before the batch writes.
    const racing = Object.create(storage, {
      listWorkflows: {
        value: async (filter: Parameters<typeof storage.listWorkflows>[0]) => {
          const rows = await storage.listWorkflows(filter);
          if (filter.ids && !raced) {
            raced = true;
            await db().exec("UPDATE workflows SET version = version + 1 WHERE id = 'wf-05'");
          }
          return rows;
        },
      },
    }) as typeof storage;
    const { runtime, timers, clock } = buildRuntime(racing);
    const ids = Array.from({ length: 12 }, (_, i) => `wf-${String(i).padStart(2, '0')}`);
    for (const id of ids) await runtime.start(DRILL_KIND, id, { expiryMs: EXPIRY_MS }, { home });

    clock.advance(EXPIRY_MS);
    expect(await timers.tick()).toBe(12);
    expect(raced).toBe(true);
    expect((await runtime.list(DRILL_KIND, 'closed')).map((w) => w.row.id)).toEqual(ids);
    const timerAudits = (await storage.listAudit({})).filter((a) => a.type === 'workflow.timer');
    expect(timerAudits.map((a) => a.workflowId).sort()).toEqual(ids);
  });

  it('a timer that cannot fire holds back no other, and is tried again shortly, not after its lease', async () => {
    const { runtime, timers, clock } = buildRuntime(db().storage, { timerLeaseMs: 60_000 });
    for (const id of ['wf-1', 'wf-2', 'wf-3']) await runtime.start(DRILL_KIND, id, { expiryMs: EXPIRY_MS }, { home });
    const [good] = await db().query<{ snapshot: string }>("SELECT snapshot FROM workflows WHERE id = 'wf-2'");
    await db().exec("UPDATE workflows SET snapshot = ? WHERE id = 'wf-2'", [JSON.stringify({ format: 'something else' })]);

    clock.advance(EXPIRY_MS);
    expect(await timers.tick()).toBe(2);
    expect((await runtime.list(DRILL_KIND, 'closed')).map((w) => w.row.id)).toEqual(['wf-1', 'wf-3']);

    // Whatever broke it is mended; the timer is tried again 5 s later.
    await db().exec("UPDATE workflows SET snapshot = ? WHERE id = 'wf-2'", [typeof good!.snapshot === 'string' ? good!.snapshot : JSON.stringify(good!.snapshot)]);
    clock.advance(4_999);
    expect(await timers.tick()).toBe(0);
    clock.advance(1);
    expect(await timers.tick()).toBe(1);
    expect((await runtime.get('wf-2'))?.state).toBe('expired');
  });

  it('drops a timer whose workflow no longer exists instead of retrying it forever', async () => {
    const { timers } = buildRuntime(db().storage);
    await db().storage.transaction((tx) => tx.putTimer({ workflowId: 'gone', sendId: 's1', dueAt: T0, event: { type: 'x' } }));

    expect(await timers.tick()).toBe(0);
    expect(await db().storage.nextTimerDue()).toBeUndefined();
  });

  it('polls on its own once started, and stops when asked', async () => {
    const { runtime, timers, clock } = buildRuntime(db().storage);
    await runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });
    clock.advance(EXPIRY_MS);
    jest.useFakeTimers({ doNotFake: ['Date', 'hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout'] });
    try {
      timers.start(1_000);
      jest.advanceTimersByTime(999);
      await timers.stop();
      expect((await runtime.get('wf-1'))?.state).toBe('open');

      timers.start(1_000);
      jest.advanceTimersByTime(1_000);
      await timers.stop(); // waits for the poll that just began
      expect((await runtime.get('wf-1'))?.state).toBe('expired');
    } finally {
      jest.useRealTimers();
    }
  });
});
