import { setTimeout as sleep } from 'node:timers/promises';
import type { EventObject } from 'xstate';
import type { EffectHandlers } from '../../../bot/runtime/effect-handler';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND } from '../../fixtures/workflows/drill-definition';
import type { DrillContext } from '../../fixtures/workflows/drill-machine';
import { buildRuntime, EXPIRY_MS, home } from './runtime-harness';

const LEASE_MS = 1_000;

/**
 * Two replicas' outboxes on one database with one (manual) clock. Replica A's
 * handler runs longer than the lease it was claimed with: its heartbeat must
 * keep the row, so replica B, draining meanwhile, takes only the other effect.
 */
describeEachStorage('effect leases', (db) => {
  it('a handler running past its first lease keeps its row by renewing; another replica runs only the other effect', async () => {
    const ran: string[] = [];
    const ping = (replica: string, during?: () => Promise<void>): EffectHandlers => ({
      'graph.call': async (effect, context) => {
        ran.push(`${replica} ${context.workflowId}`);
        await during?.();
        return { type: `graph.${effect.params.op}.succeeded`, result: {}, tag: effect.params.tag } as EventObject;
      },
    });
    const b = buildRuntime(db().storage, { outbox: { leaseMs: LEASE_MS, renewEveryMs: 10 }, handlers: ping('b') });
    const { clock } = b;
    const a = buildRuntime(db().storage, {
      clock,
      // One effect at a time: wf-2 waits unclaimed while wf-1's handler runs.
      outbox: { leaseMs: LEASE_MS, renewEveryMs: 10, concurrency: 1 },
      handlers: ping('a', async () => {
        if (ran.length > 1) return;
        // wf-1's handler on A: most of the lease goes by, the heartbeat renews the claim, then the
        // first lease has run out and B drains.
        clock.advance(900);
        await sleep(100);
        clock.advance(200);
        await b.runtime.outbox.drain();
      }),
    });
    for (const id of ['wf-1', 'wf-2']) await a.runtime.start(DRILL_KIND, id, { expiryMs: EXPIRY_MS }, { home });
    await a.runtime.outbox.drain(); // the starts' cards
    for (const id of ['wf-1', 'wf-2']) await a.runtime.send(id, { type: 'ping', tag: `p-${id}` });

    await a.runtime.outbox.drain();

    // Each effect ran once: wf-1 on A (its renewed lease held), wf-2 on B.
    expect(ran).toEqual(['a wf-1', 'b wf-2']);
    for (const id of ['wf-1', 'wf-2']) expect((await a.runtime.get<DrillContext>(id))?.context.pings).toEqual([`p-${id}`]);
    expect(await db().storage.pendingEffectCount()).toBe(0);
  });
});
