import { createActor, type AnyMachineSnapshot, type AnyStateMachine, type Snapshot } from 'xstate';
import { BreakglassError } from '../core/errors';

/**
 * What the runtime keeps in `workflows.snapshot`: xstate's persisted snapshot
 * plus the bookkeeping xstate keeps in memory for a live actor.
 *
 * `timers` maps each pending send id to its due time. A timer row claimed by
 * a dispatcher only fires if it still matches this map, so a claim that lost
 * a race (the state was left and re-entered, scheduling the same send id
 * again) can never fire the new timer early.
 *
 * `effectSeq` numbers effects per workflow for the `workflowId:seq`
 * idempotency key; it only grows.
 */
export interface PersistedWorkflow {
  format: 'breakglass.workflow/1';
  machine: unknown;
  timers: Record<string, number>;
  effectSeq: number;
}

export function encodeWorkflow(machine: unknown, timers: Record<string, number>, effectSeq: number): PersistedWorkflow {
  return { format: 'breakglass.workflow/1', machine, timers, effectSeq };
}

export function decodeWorkflow(workflowId: string, stored: unknown): PersistedWorkflow {
  if (
    typeof stored === 'object' && stored !== null &&
    (stored as PersistedWorkflow).format === 'breakglass.workflow/1' &&
    typeof (stored as PersistedWorkflow).timers === 'object' &&
    typeof (stored as PersistedWorkflow).effectSeq === 'number'
  ) {
    return stored as PersistedWorkflow;
  }
  throw new BreakglassError('internal', 'That workflow could not be loaded.', { detail: { workflowId, reason: 'unrecognised snapshot format' } });
}

/**
 * Rebuilds a live snapshot from the persisted one. Going through an unstarted
 * actor uses xstate's own restore (history values included); nothing runs.
 */
export function restoreMachineSnapshot(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
  return createActor(machine, { snapshot: persisted as Snapshot<unknown> }).getSnapshot() as AnyMachineSnapshot;
}
