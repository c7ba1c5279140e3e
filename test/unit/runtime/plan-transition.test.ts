import { initialTransition, setup, transition, type AnyStateMachine } from 'xstate';
import { planTransition } from '../../../bot/runtime/plan-transition';
import type { PersistedWorkflow } from '../../../bot/runtime/persisted-workflow';
import type { WorkflowDefinition } from '../../../bot/runtime/workflow-definition';
import { drillDefinition } from '../../fixtures/workflows/drill-definition';

const NOW = Date.parse('2026-01-01T03:00:00Z');
const actor = { id: 'entra-alice', name: 'Alice' };

function start(definition: WorkflowDefinition, input: unknown) {
  const [snapshot, actions] = initialTransition(definition.machine, input);
  const plan = planTransition({
    workflowId: 'wf', definition, previous: undefined, next: snapshot,
    persistedNext: definition.machine.getPersistedSnapshot(snapshot), actions, now: NOW,
  });
  return { snapshot, plan };
}

function step(definition: WorkflowDefinition, from: ReturnType<typeof start>, event: { type: string; [k: string]: unknown }, now: number) {
  const [snapshot, actions] = transition(definition.machine, from.snapshot, event);
  const plan = planTransition({
    workflowId: 'wf', definition, previous: from.plan.persisted, next: snapshot,
    persistedNext: definition.machine.getPersistedSnapshot(snapshot), actions, now,
  });
  return { snapshot, plan };
}

describe('planTransition', () => {
  it('turns an after: delay into a timer due at now + delay and remembers it', () => {
    const { plan } = start(drillDefinition, { expiryMs: 90_000 });
    expect(plan.timerPuts).toEqual([{ workflowId: 'wf', sendId: 'xstate.after.expiry.drill.open', dueAt: NOW + 90_000, event: { type: 'xstate.after.expiry.drill.open' } }]);
    expect(plan.persisted.timers).toEqual({ 'xstate.after.expiry.drill.open': NOW + 90_000 });
  });

  it('deletes the timer when the state is left, and schedules it afresh on re-entry', () => {
    const started = start(drillDefinition, { expiryMs: 90_000 });
    const claimed = step(drillDefinition, started, { type: 'claim', actor }, NOW + 1_000);
    expect(claimed.plan.timerDeletes).toEqual(['xstate.after.expiry.drill.open']);
    expect(claimed.plan.persisted.timers).toEqual({});

    const released = step(drillDefinition, claimed, { type: 'release', actor }, NOW + 2_000);
    expect(released.plan.timerPuts.map((t) => t.dueAt)).toEqual([NOW + 92_000]);
    expect(released.plan.timerDeletes).toEqual([]);
  });

  it('renders chat effects against the committed context and numbers them per workflow', () => {
    const started = start(drillDefinition, { expiryMs: 90_000 });
    const added = step(drillDefinition, started, { type: 'add', actor }, NOW);
    const addedAgain = step(drillDefinition, added, { type: 'add', actor }, NOW);
    const [first] = added.plan.effects;
    const [second] = addedAgain.plan.effects;
    expect(started.plan.effects[0]?.idempotencyKey).toBe('wf:1');
    expect(first?.idempotencyKey).toBe('wf:2');
    expect(second?.idempotencyKey).toBe('wf:3');
    expect(first?.effect).toMatchObject({ type: 'chat.card', params: { key: 'status', message: { fallbackText: 'count 1' } } });
    expect(second?.effect).toMatchObject({ params: { message: { fallbackText: 'count 2' } } });
  });

  it('refuses a chat effect whose view the definition does not have', () => {
    const definition: WorkflowDefinition = { ...drillDefinition, views: {} };
    expect(() => start(definition, { expiryMs: 1_000 })).toThrow(expect.objectContaining({ detail: expect.objectContaining({ reason: "no view named 'status'" }) }));
  });

  it('writes nothing for a timer raised and cancelled in the same step', () => {
    const machine = setup({}).createMachine({
      initial: 'a',
      states: { a: { on: { go: 'b' } }, b: { always: 'c', after: { 5000: 'a' } }, c: {} },
    });
    const definition: WorkflowDefinition = { kind: 'flash', machine: machine as AnyStateMachine, views: {} };
    const started = start(definition, undefined);
    const moved = step(definition, started, { type: 'go' }, NOW);
    expect(moved.snapshot.value).toBe('c');
    expect(moved.plan.timerPuts).toEqual([]);
    expect(moved.plan.timerDeletes).toEqual([]);
  });

  it('drops every pending timer when the workflow closes', () => {
    const machine = setup({}).createMachine({
      type: 'parallel',
      states: {
        work: { initial: 'on', states: { on: { on: { stop: 'off' } }, off: { type: 'final' } } },
        reminder: { initial: 'waiting', states: { waiting: { after: { 60_000: 'waiting' } } } },
      },
    });
    const definition: WorkflowDefinition = {
      kind: 'reminded', machine: machine as AnyStateMachine, views: {},
      isClosed: ({ value }) => (value as { work: string }).work === 'off',
    };
    const started = start(definition, undefined);
    const stopped = step(definition, started, { type: 'stop' }, NOW);
    expect(stopped.plan.closed).toBe(true);
    expect(stopped.plan.timerDeletes).toEqual(Object.keys(started.plan.persisted.timers));
    expect(stopped.plan.persisted.timers).toEqual({});
  });

  it('consumes a fired timer even when the machine takes no transition for it', () => {
    const started = start(drillDefinition, { expiryMs: 90_000 });
    const previous: PersistedWorkflow = started.plan.persisted;
    const [snapshot, actions] = transition(drillDefinition.machine, started.snapshot, { type: 'unrelated' });
    const plan = planTransition({
      workflowId: 'wf', definition: drillDefinition, previous, next: snapshot,
      persistedNext: drillDefinition.machine.getPersistedSnapshot(snapshot), actions, now: NOW,
      consumedTimer: 'xstate.after.expiry.drill.open',
    });
    expect(plan.timerDeletes).toEqual(['xstate.after.expiry.drill.open']);
    expect(plan.persisted.timers).toEqual({});
  });
});
