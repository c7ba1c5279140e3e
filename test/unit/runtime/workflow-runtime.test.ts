import { BreakglassError } from '../../../bot/core/errors';
import type { Storage, StorageTx } from '../../../bot/ports/storage';
import { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import { describeEachStorage } from '../../support/storages';
import { DRILL_KIND, drillDefinition } from '../../fixtures/workflows/drill-definition';
import type { DrillContext } from '../../fixtures/workflows/drill-machine';
import { alice, aliceAudit, buildRuntime, capturingLogger, EXPIRY_MS, fallbackTexts, home, T0 } from './runtime-harness';

const EXPIRY_TIMER = 'xstate.after.expiry.drill.open';

describeEachStorage('WorkflowRuntime', (db) => {
  async function started(options: Parameters<typeof buildRuntime>[1] = {}) {
    const harness = buildRuntime(db().storage, options);
    await harness.runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS }, { home, actor: aliceAudit });
    return harness;
  }

  it('starts a workflow: snapshot, pending timer, first card and an audit entry, all stored', async () => {
    const { runtime, performed } = await started();

    const view = await runtime.get<DrillContext>('wf-1');
    expect(view).toMatchObject({ state: 'open', context: { count: 0 }, home, row: { kind: DRILL_KIND, version: 1, status: 'active' } });
    expect(view?.timers).toEqual([{ sendId: EXPIRY_TIMER, dueAt: T0 + EXPIRY_MS }]);
    expect(await db().storage.nextTimerDue()).toBe(T0 + EXPIRY_MS);

    await runtime.outbox.drain();
    expect(performed.map((p) => [p.effect.type, p.context.idempotencyKey, p.context.home])).toEqual([['chat.card', 'wf-1:1', home]]);
    expect(fallbackTexts(performed)).toEqual(['count 0']);

    const audit = await db().storage.listAudit({ workflowId: 'wf-1' });
    expect(audit.map((a) => [a.type, a.actorEntraId, a.actorPlatformId])).toEqual([
      ['workflow.started', 'entra-alice', 'U-ALICE'],
      ['effect.done', 'system', null],
    ]);
  });

  it('refuses to start a second workflow with the same id', async () => {
    const { runtime } = await started();
    await expect(runtime.start(DRILL_KIND, 'wf-1', { expiryMs: EXPIRY_MS })).rejects.toMatchObject({ code: 'workflow.conflict' });
  });

  it('applies an event, bumps the version and audits the event and the state change', async () => {
    const { runtime, clock } = await started();
    clock.advance(60_000);

    const result = await runtime.send('wf-1', { type: 'claim', actor: alice }, { actor: aliceAudit, auditType: 'drill.claim' });

    expect(result).toEqual({ changed: true, workflowId: 'wf-1', version: 2, state: 'claimed', status: 'active' });
    expect((await runtime.get<DrillContext>('wf-1'))?.context.claimedBy).toBe('entra-alice');
    const audit = await db().storage.listAudit({ workflowId: 'wf-1' });
    expect(audit.slice(1).map((a) => ({ type: a.type, at: a.at, actor: a.actorEntraId, data: a.data }))).toEqual([
      { type: 'drill.claim', at: T0 + 60_000, actor: 'entra-alice', data: expect.objectContaining({ event: { type: 'claim', actor: alice }, state: 'open', version: 2, actorName: 'Alice' }) },
      { type: 'workflow.state', at: T0 + 60_000, actor: 'entra-alice', data: expect.objectContaining({ from: 'open', to: 'claimed', status: 'active' }) },
    ]);
  });

  it('changes nothing for an event the machine ignores, and audits a person\'s refused click', async () => {
    const { runtime } = await started();
    await runtime.outbox.drain();
    const auditBefore = (await db().storage.listAudit({})).length;

    const fromPerson = await runtime.send('wf-1', { type: 'finish', actor: alice }, { actor: aliceAudit });
    const fromSystem = await runtime.send('wf-1', { type: 'finish', actor: alice });

    expect(fromPerson).toMatchObject({ changed: false, reason: 'ignored', version: 1, state: 'open' });
    expect(fromSystem).toMatchObject({ changed: false, reason: 'ignored', version: 1 });
    expect((await db().storage.getWorkflow('wf-1'))?.version).toBe(1);
    expect(await db().storage.pendingEffectCount()).toBe(0);
    const audit = await db().storage.listAudit({});
    expect(audit.slice(auditBefore).map((a) => [a.type, a.actorEntraId])).toEqual([['workflow.event.ignored', 'entra-alice']]);
  });

  it('deletes the pending timer when the state is left and schedules a new one on return', async () => {
    const { runtime, clock } = await started();

    clock.advance(60_000);
    await runtime.send('wf-1', { type: 'claim', actor: alice });
    expect((await runtime.get('wf-1'))?.timers).toEqual([]);
    expect(await db().storage.nextTimerDue()).toBeUndefined();

    clock.advance(60_000);
    await runtime.send('wf-1', { type: 'release', actor: alice });
    expect((await runtime.get('wf-1'))?.timers).toEqual([{ sendId: EXPIRY_TIMER, dueAt: T0 + 120_000 + EXPIRY_MS }]);
    expect(await db().storage.nextTimerDue()).toBe(T0 + 120_000 + EXPIRY_MS);
  });

  it('stores each card with the message as it was at commit, not as the context is later', async () => {
    const { runtime, performed } = await started();
    await runtime.outbox.drain();
    // Each update is queued before the next send changes the context, and sent after it.
    const send = async (type: 'add' | 'claim') => {
      await runtime.send('wf-1', { type, actor: alice });
      await runtime.outbox.drain();
    };
    await send('add');
    await send('add');
    await send('claim');

    expect(fallbackTexts(performed)).toEqual(['count 0', 'count 1', 'count 2', 'count 2']);
    expect(performed.map((p) => p.context.idempotencyKey)).toEqual(['wf-1:1', 'wf-1:2', 'wf-1:3', 'wf-1:4']);
  });

  it('skips a card update that a newer update of the same card superseded before it ran (a card shows its last state)', async () => {
    const { runtime, performed } = await started();
    await runtime.send('wf-1', { type: 'add', actor: alice });
    await runtime.send('wf-1', { type: 'add', actor: alice });
    await runtime.send('wf-1', { type: 'claim', actor: alice });

    await runtime.outbox.drain();

    // Four updates of one card were queued; only the newest runs, showing the state as of its commit.
    expect(performed.map((p) => p.context.idempotencyKey)).toEqual(['wf-1:4']);
    expect(fallbackTexts(performed)).toEqual(['count 2']);
    expect(await db().storage.pendingEffectCount()).toBe(0);
  });

  it('closes a workflow that reaches a final state and ignores events after that', async () => {
    const { runtime } = await started();
    await runtime.send('wf-1', { type: 'claim', actor: alice });
    const finished = await runtime.send('wf-1', { type: 'finish', actor: alice });

    expect(finished).toMatchObject({ changed: true, state: 'finished', status: 'closed' });
    expect(await runtime.send('wf-1', { type: 'add', actor: alice })).toMatchObject({ changed: false, reason: 'closed' });
    expect((await runtime.list(DRILL_KIND, 'closed')).map((w) => w.row.id)).toEqual(['wf-1']);
    expect(await runtime.list(DRILL_KIND, 'active')).toEqual([]);
  });

  it('applies an event carrying a delivery key once, however often it arrives', async () => {
    const { runtime } = await started();
    const first = await runtime.send('wf-1', { type: 'add', actor: alice }, { deliveryKey: 'slack:evt-1' });
    const repeat = await runtime.send('wf-1', { type: 'add', actor: alice }, { deliveryKey: 'slack:evt-1' });

    expect(first.changed).toBe(true);
    expect(repeat).toMatchObject({ changed: false, reason: 'duplicate' });
    expect((await runtime.get<DrillContext>('wf-1'))?.context.count).toBe(1);
  });

  it('reloads and retries when another writer moved the version in between', async () => {
    const { runtime } = await started();
    const rival = buildRuntime(db().storage).runtime;
    // The rival commits right after this runtime has read the snapshot, once.
    let interfered = false;
    const storage = interceptTransactions(db().storage, async () => {
      if (interfered) return;
      interfered = true;
      await rival.send('wf-1', { type: 'add', actor: alice });
    });
    const racing = new WorkflowRuntime({ storage, clock: buildRuntime(db().storage).clock, definitions: [drillDefinition], logger: capturingLogger().logger, effectHandlers: {}, autoDrain: false });

    const result = await racing.send('wf-1', { type: 'add', actor: alice });

    expect(interfered).toBe(true);
    expect(result).toMatchObject({ changed: true, version: 3 });
    expect((await runtime.get<DrillContext>('wf-1'))?.context.count).toBe(2);
    const keys = (await db().query<{ idempotency_key: string }>('SELECT idempotency_key FROM outbox ORDER BY id')).map((r) => r.idempotency_key);
    expect(keys).toEqual(['wf-1:1', 'wf-1:2', 'wf-1:3']);
  });

  it('gives up with workflow.conflict when the version keeps moving', async () => {
    await started();
    const storage: Storage = Object.create(db().storage, {
      transaction: { value: <T>(fn: (tx: StorageTx) => Promise<T>) => db().storage.transaction((tx) => fn(Object.create(tx, { updateWorkflow: { value: async () => false } }) as StorageTx)) },
    }) as Storage;
    const loser = new WorkflowRuntime({ storage, clock: buildRuntime(db().storage).clock, definitions: [drillDefinition], logger: capturingLogger().logger, effectHandlers: {}, maxConflictRetries: 3 });

    const failure = await loser.send('wf-1', { type: 'add', actor: alice }).catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(BreakglassError);
    expect(failure).toMatchObject({ code: 'workflow.conflict', detail: expect.objectContaining({ attempts: 3 }) });
    expect((await db().storage.getWorkflow('wf-1'))?.version).toBe(1);
    expect(await db().storage.pendingEffectCount()).toBe(1); // only the start's card: the failed attempts left nothing
  });

  it('reports a workflow that does not exist', async () => {
    const { runtime } = buildRuntime(db().storage);
    await expect(runtime.send('nope', { type: 'add' })).rejects.toMatchObject({ code: 'workflow.not_found' });
    expect(await runtime.get('nope')).toBeUndefined();
  });

  it('drains the outbox by itself after a commit when autoDrain is on', async () => {
    let seen: (key: string) => void = () => undefined;
    const performedKey = new Promise<string>((resolve) => {
      seen = resolve;
    });
    const { runtime } = await started({ autoDrain: true, handlers: { 'chat.card': (_effect, context) => seen(context.idempotencyKey) } });
    await expect(performedKey).resolves.toBe('wf-1:1');
    await runtime.outbox.stop(); // let the background drain finish before the database goes
  });
});

/** A storage whose transactions first run `before` (the storage's methods stay bound to the real one). */
function interceptTransactions(storage: Storage, before: () => Promise<void>): Storage {
  return Object.create(storage, {
    transaction: {
      value: async <T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> => {
        await before();
        return storage.transaction(fn);
      },
    },
  }) as Storage;
}
