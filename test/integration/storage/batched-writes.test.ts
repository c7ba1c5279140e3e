import type { SqlDriver, SqlExecutor } from '../../../adapters/storage/sql-driver';
import { SqlStorage } from '../../../adapters/storage/sql-storage';
import { verifyAuditChain } from '../../../bot/audit/verify-audit-chain';
import type { Storage, StorageTx, TimerRow } from '../../../bot/ports/storage';
import { describeEachStorage } from '../../support/storages';

/**
 * A transaction holds its outbox, timer and audit writes and sends them as
 * multi-row statements when its step ends (adapters/storage/write-buffer.ts).
 * These pin down that the result is what statement-by-statement writing gave,
 * and that a batch of timers costs a handful of statements, not hundreds.
 */

const T0 = Date.parse('2026-03-01T09:00:00Z');

function timer(workflowId: string, sendId: string, dueAt: number): TimerRow {
  return { workflowId, sendId, dueAt, event: { type: `xstate.after.${sendId}` } };
}

/** The same database, with every statement counted. */
function counting(driver: SqlDriver): { driver: SqlDriver; statements: string[] } {
  const statements: string[] = [];
  const count = (ex: SqlExecutor): SqlExecutor => ({
    query: (sql, params) => (statements.push(sql), ex.query(sql, params)),
    exec: (sql, params) => (statements.push(sql), ex.exec(sql, params)),
  });
  return {
    statements,
    driver: {
      dialect: driver.dialect,
      ...count(driver),
      transaction: (fn) => driver.transaction((ex) => fn(count(ex))),
      close: () => driver.close(),
    },
  };
}

/** What one timer's step writes (runtime prepare/writePlan): one page, the fired timer consumed, the next one set, two audit entries. */
async function fireOne(tx: StorageTx, i: number): Promise<void> {
  const id = `wf-${i}`;
  await tx.enqueueEffects([{ workflowId: id, idempotencyKey: `${id}:1`, effect: { type: 'chat.notice', params: { i } }, nextAttemptAt: T0, createdAt: T0 }]);
  await tx.deleteTimer(id, 'ack');
  await tx.putTimer(timer(id, 'escalate', T0 + 60_000));
  await tx.appendAudit({ at: T0, workflowId: id, type: 'workflow.timer', data: { i } });
  await tx.appendAudit({ at: T0, workflowId: id, type: 'workflow.state', data: { i } });
}

describeEachStorage('batched transaction writes', (current) => {
  let s: Storage;
  beforeEach(() => {
    s = current().storage;
  });

  it('a batch of 250 timers writes everything, chains its 500 audit entries after the existing ones, in a handful of statements', async () => {
    await s.appendAudit({ at: T0 - 1, type: 'before', data: {} });
    for (let i = 0; i < 250; i += 1) await s.putTimer(timer(`wf-${i}`, 'ack', T0));
    const { driver, statements } = counting((s as SqlStorage).sql);
    const counted = new SqlStorage(driver);
    await counted.transaction(async (tx) => {
      for (let i = 0; i < 250; i += 1) await fireOne(tx, i);
    });
    // Head read + per table (250 rows, 200 a statement): outbox 2, timer deletes 2, timer puts 2, audit 3, head 1.
    // Statement by statement it was 250 × 8 = 2,000.
    expect(statements.length).toBeLessThanOrEqual(12);

    const audit = await s.listAudit({});
    expect(audit.map((e) => e.seq)).toEqual(Array.from({ length: 501 }, (_, i) => i + 1));
    expect(verifyAuditChain(audit).ok).toBe(true);
    expect(await s.getAuditHead()).toEqual({ seq: 501, hash: audit[500]!.hash });
    expect(await s.pendingEffectCount()).toBe(250);
    const timers = await current().query<{ send_id: string }>('SELECT DISTINCT send_id FROM timers');
    expect(timers.map((t) => t.send_id)).toEqual(['escalate']);
    expect(await s.nextTimerDue()).toBe(T0 + 60_000);
  });

  it('the last change to a timer in a transaction wins, as statement by statement', async () => {
    await s.putTimer(timer('wf-1', 'a', T0));
    await s.transaction(async (tx) => {
      await tx.deleteTimer('wf-1', 'a');
      await tx.putTimer(timer('wf-1', 'a', T0 + 5)); // consumed, then set again
      await tx.putTimer(timer('wf-1', 'b', T0 + 1));
      await tx.deleteTimer('wf-1', 'b'); // set, then cancelled
      await tx.putTimer(timer('wf-1', 'c', T0 + 2));
      await tx.putTimer(timer('wf-1', 'c', T0 + 3)); // rescheduled
    });
    const rows = await current().query<{ send_id: string; due_at: number | string }>('SELECT send_id, due_at FROM timers ORDER BY send_id');
    expect(rows.map((r) => [r.send_id, Number(r.due_at)])).toEqual([
      ['a', T0 + 5],
      ['c', T0 + 3],
    ]);
  });

  it('an idempotency key queued twice in one transaction, or already queued, is one effect', async () => {
    const row = { workflowId: 'wf-1', idempotencyKey: 'wf-1:1', effect: { type: 'chat.notice', params: {} }, nextAttemptAt: T0, createdAt: T0 };
    await s.enqueueEffects([row]);
    await s.transaction(async (tx) => {
      await tx.enqueueEffects([row, { ...row, idempotencyKey: 'wf-1:2' }]);
      await tx.enqueueEffects([{ ...row, idempotencyKey: 'wf-1:2' }]);
    });
    expect(await s.pendingEffectCount()).toBe(2);
  });

  it('a handle kept past its transaction refuses writes instead of dropping them', async () => {
    let kept: StorageTx | undefined;
    await s.transaction(async (tx) => {
      kept = tx;
      await tx.putTimer(timer('wf-1', 'a', T0));
    });
    await expect(kept!.putTimer(timer('wf-1', 'late', T0))).rejects.toThrow(/after its transaction ended/);
    await expect(kept!.appendAudit({ at: T0, type: 'late', data: {} })).rejects.toThrow();
    expect(await current().query('SELECT send_id FROM timers')).toHaveLength(1);
  });

  it('two transactions appending at once keep one chain (the head is locked from the first append to commit)', async () => {
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        s.transaction(async (tx) => {
          await tx.appendAudit({ at: T0, type: 'a', data: { i } });
          await new Promise((r) => setTimeout(r, 5));
          await tx.appendAudit({ at: T0, type: 'b', data: { i } });
        }),
      ),
    );
    const audit = await s.listAudit({});
    expect(audit).toHaveLength(12);
    expect(verifyAuditChain(audit).ok).toBe(true);
  });
});
