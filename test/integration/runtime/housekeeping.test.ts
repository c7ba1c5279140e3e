import { silentLogger } from '../../../bot/core/logger';
import { ManualClock } from '../../../bot/ports/clock';
import { DELIVERY_KEYS_KEPT_MS, DONE_EFFECTS_KEPT_MS, pruneOldRows } from '../../../bot/runtime/housekeeping';
import { describeEachStorage } from '../../support/storages';

const T0 = Date.parse('2026-03-01T09:00:00Z');
const DAY = 86_400_000;

describeEachStorage('housekeeping', (db) => {
  // One workflow each: a workflow's effects are handed out one at a time, in order.
  const effect = (seq: number, createdAt: number) => ({
    workflowId: `wf-${seq}`,
    idempotencyKey: `wf-${seq}:1`,
    effect: { type: 'chat.notice', params: { seq } },
    nextAttemptAt: createdAt,
    createdAt,
  });

  it('forgets delivery keys after a week, so the inbox stops growing, and still refuses a recent repeat', async () => {
    const { storage } = db();
    await storage.recordDelivery('slack:old', T0);
    await storage.recordDelivery('slack:recent', T0 + 6 * DAY);
    const clock = new ManualClock(T0 + DELIVERY_KEYS_KEPT_MS + 1);

    expect(await pruneOldRows({ storage, clock, logger: silentLogger })).toBe(1);
    expect(await storage.recordDelivery('slack:recent', clock.now())).toBe(false);
    expect(await storage.recordDelivery('slack:old', clock.now())).toBe(true);
  });

  it('removes effects done over 30 days ago, and keeps pending and dead ones', async () => {
    const { storage } = db();
    await storage.enqueueEffects([effect(1, T0), effect(2, T0), effect(3, T0), effect(4, T0 + 29 * DAY)]);
    const claimed = new Map((await storage.claimDueEffects(T0 + 29 * DAY, 10, 60_000)).map((r) => [r.workflowId, r.id]));
    await storage.completeEffect(claimed.get('wf-1')!);
    await storage.failEffect(claimed.get('wf-2')!, 'gave up', T0, true);
    await storage.completeEffect(claimed.get('wf-4')!);
    await storage.failEffect(claimed.get('wf-3')!, 'Slack answered 503', T0 + 30 * DAY, false);

    expect(await pruneOldRows({ storage, clock: new ManualClock(T0 + DONE_EFFECTS_KEPT_MS + 1), logger: silentLogger })).toBe(1);
    const left = await db().query<{ idempotency_key: string; status: string }>('SELECT idempotency_key, status FROM outbox ORDER BY id');
    expect(left.map((r) => `${r.idempotency_key} ${r.status}`)).toEqual(['wf-2:1 dead', 'wf-3:1 pending', 'wf-4:1 done']);
  });
});
