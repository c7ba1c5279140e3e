import { silentLogger } from '../../../bot/core/logger';
import { ManualClock } from '../../../bot/ports/clock';
import { verifyAuditChain } from '../../../bot/audit/verify-audit-chain';
import type { WorkflowRow, WorkflowStatus } from '../../../bot/ports/storage';
import { DELIVERY_KEYS_KEPT_MS, DONE_EFFECTS_KEPT_MS, ENDED_WORKFLOWS_KEPT_MS, pruneOldRows } from '../../../bot/runtime/housekeeping';
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

  it('removes workflows ended half a year ago with nothing scheduled, and keeps their audit trail whole', async () => {
    const { storage } = db();
    const wf = (id: string, status: WorkflowStatus, updatedAt: number): WorkflowRow => ({ id, kind: 'break-glass', version: 1, status, snapshot: { value: status }, home: null, createdAt: T0, updatedAt });
    const old = T0;
    const cases: Array<[string, WorkflowStatus, number]> = [
      ['closed-old', 'closed', old],
      ['dormant-old', 'dormant', old],
      ['closed-recent', 'closed', T0 + 10 * DAY],
      ['active-old', 'active', old],
      ['closed-old-with-timer', 'closed', old],
      ['closed-old-with-pending-effect', 'closed', old],
    ];
    for (const [id, status, at] of cases) {
      await storage.insertWorkflow(wf(id, status, at));
      await storage.putCardRef({ workflowId: id, key: 'checklist@home', ref: { platform: 'slack', conversationId: 'C1', messageId: '1.1' } });
      await storage.transaction((tx) => tx.appendAudit({ at, workflowId: id, type: 'workflow.started', data: { id } }));
    }
    await storage.putTimer({ workflowId: 'closed-old-with-timer', sendId: 's1', dueAt: T0 + 400 * DAY, event: { type: 'x' } });
    await storage.enqueueEffects([{ ...effect(9, T0), workflowId: 'closed-old-with-pending-effect', idempotencyKey: 'closed-old-with-pending-effect:1' }]);

    const clock = new ManualClock(T0 + ENDED_WORKFLOWS_KEPT_MS + 1);
    expect(await pruneOldRows({ storage, clock, logger: silentLogger })).toBe(2);
    const left = (await db().query<{ id: string }>('SELECT id FROM workflows ORDER BY id')).map((r) => r.id);
    expect(left).toEqual(['active-old', 'closed-old-with-pending-effect', 'closed-old-with-timer', 'closed-recent']);
    expect(await storage.getCardRef('closed-old', 'checklist@home')).toBeUndefined();
    expect(await storage.getCardRef('closed-recent', 'checklist@home')).toBeDefined();
    const audit = await storage.listAudit({});
    expect(audit.map((e) => e.workflowId)).toEqual(cases.map(([id]) => id));
    expect(verifyAuditChain(audit).ok).toBe(true);
  });
});
