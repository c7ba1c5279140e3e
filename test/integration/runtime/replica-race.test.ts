import { ManualClock } from '../../../bot/ports/clock';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND } from '../../fixtures/workflows/drill-definition';
import type { DrillContext } from '../../fixtures/workflows/drill-machine';
import { buildRuntime, EXPIRY_MS, home, T0 } from '../../unit/runtime/runtime-harness';

const person = (n: number) => ({ id: `entra-${n}`, name: `Person ${n}` });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Two bot replicas, each with its own connection pool, on one PostgreSQL database. */
describeEachStorage(
  'two runtimes racing on one PostgreSQL',
  (db) => {
    async function replicas(options: { timerLeaseMs?: number } = {}) {
      const clock = new ManualClock(T0);
      return [buildRuntime(db().storage, { clock, ...options }), buildRuntime(await db().openAnother(), { clock, ...options })] as const;
    }

    it('applies 20 concurrent events exactly once each, none lost, none doubled', async () => {
      const [a, b] = await replicas();
      await a.runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });

      const results = await Promise.all(range(20).map((i) => (i % 2 ? a : b).runtime.send('wf-1', { type: 'add', actor: person(i) })));

      expect(results.every((r) => r.changed)).toBe(true);
      expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual(range(20).map((i) => i + 2));
      expect((await a.runtime.get<DrillContext>('wf-1'))?.context.count).toBe(20);
      const keys = await db().query<{ idempotency_key: string }>('SELECT idempotency_key FROM outbox ORDER BY id');
      expect(new Set(keys.map((k) => k.idempotency_key)).size).toBe(21);
      expect((await db().storage.listAudit({ workflowId: 'wf-1' })).filter((e) => e.type === 'workflow.event')).toHaveLength(20);
    });

    it('lets exactly one of 20 concurrent claims win; the others change nothing', async () => {
      const [a, b] = await replicas();
      await a.runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home });

      const results = await Promise.all(
        range(20).map((i) => (i % 2 ? a : b).runtime.send('wf-1', { type: 'claim', actor: person(i) }, { actor: { entraId: person(i).id } })),
      );

      const winners = results.flatMap((r, i) => (r.changed ? [i] : []));
      expect(winners).toHaveLength(1);
      expect(results.filter((r) => !r.changed).every((r) => r.reason === 'ignored')).toBe(true);
      const view = await b.runtime.get<DrillContext>('wf-1');
      expect(view).toMatchObject({ state: 'claimed', row: { version: 2 } });
      expect(view?.context.claimedBy).toBe(person(winners[0] as number).id);
      const audit = await db().storage.listAudit({ workflowId: 'wf-1' });
      expect(audit.filter((e) => e.type === 'workflow.event')).toHaveLength(1);
      expect(audit.filter((e) => e.type === 'workflow.event.ignored')).toHaveLength(19);
    });

    it.each([
      ['while each holds its claim', 60_000],
      ['even when their claims run out at once', 0],
    ])('fires the same due timers once when both replicas tick %s', async (_label, timerLeaseMs) => {
      const [a, b] = await replicas({ timerLeaseMs });
      for (const i of range(6)) await a.runtime.start(DRILL_KIND, `wf-${i}`, { expiryMs: EXPIRY_MS }, { home });
      a.clock.advance(EXPIRY_MS);

      const fired = await Promise.all([a.timers.tick(), b.timers.tick()]);

      expect(fired.reduce((x, y) => x + y, 0)).toBe(6);
      const views = await a.runtime.list(DRILL_KIND);
      expect(views.map((v) => [v.row.id, v.state])).toEqual(range(6).map((i) => [`wf-${i}`, 'expired']));
      const timerAudits = (await db().storage.listAudit({})).filter((e) => e.type === 'workflow.timer');
      expect(timerAudits.map((e) => e.workflowId).sort()).toEqual(range(6).map((i) => `wf-${i}`));
      expect(await db().storage.nextTimerDue()).toBeUndefined();
    });
  },
  { dialects: ['postgres'] },
);
