import { isEffect } from '../../workflows/effects';
import { BreakglassError } from '../core/errors';
import type { WorkflowDefinition } from './workflow-definition';
import type { TimerRow } from '../ports/storage';
import { encodeWorkflow, type PersistedWorkflow } from './persisted-workflow';

/** An action as xstate's pure `transition()` hands it back. */
export interface ExecutableAction {
  type: string;
  params?: unknown;
}

export interface PlannedEffect {
  idempotencyKey: string;
  effect: { type: string; params: unknown };
}

/** Everything one transition writes besides the snapshot itself. */
export interface TransitionPlan {
  effects: PlannedEffect[];
  timerPuts: TimerRow[];
  timerDeletes: string[];
  persisted: PersistedWorkflow;
  closed: boolean;
  /** Ended for now, still taking events (see WorkflowStatus). */
  dormant: boolean;
  /** Action types the runtime does not act on (e.g. a delayed sendTo): logged, not run. */
  unsupported: string[];
}

export interface PlanInput {
  workflowId: string;
  definition: WorkflowDefinition;
  /** undefined when the workflow is being started. */
  previous: PersistedWorkflow | undefined;
  next: { status: string; value: unknown; context: unknown };
  persistedNext: unknown;
  actions: readonly ExecutableAction[];
  now: number;
  /** A timer that fired with this transition: it is used up whatever the machine does. */
  consumedTimer?: string;
}

interface RaiseParams {
  event: { type: string; [k: string]: unknown };
  id?: string;
  delay?: number;
}

/**
 * Turns the actions of one transition into outbox rows, timer writes and the
 * next persisted workflow. Pure, so the runtime can recompute it on every
 * compare-and-set retry.
 */
export function planTransition(input: PlanInput): TransitionPlan {
  const { workflowId, definition, previous, next, actions, now } = input;
  let effectSeq = previous?.effectSeq ?? 0;
  const timers: Record<string, number> = { ...(previous?.timers ?? {}) };
  // Net change per send id, applied in action order: raise-then-cancel in
  // one macrostep writes nothing; cancel-then-raise (re-entry) replaces.
  const timerChanges = new Map<string, TimerRow | null>();
  const effects: PlannedEffect[] = [];
  const unsupported: string[] = [];

  if (input.consumedTimer !== undefined) {
    delete timers[input.consumedTimer];
    timerChanges.set(input.consumedTimer, null);
  }

  actions.forEach((action, index) => {
    if (action.type === 'xstate.raise') {
      const params = action.params as RaiseParams;
      if (typeof params.delay !== 'number') return; // xstate already handled an immediate raise
      const sendId = params.id ?? `delayed.${effectSeq}.${index}`;
      const row: TimerRow = { workflowId, sendId, dueAt: now + params.delay, event: params.event };
      timers[sendId] = row.dueAt;
      timerChanges.set(sendId, row);
    } else if (action.type === 'xstate.cancel') {
      const { sendId } = action.params as { sendId: string };
      delete timers[sendId];
      timerChanges.set(sendId, null);
    } else if (isEffect(action)) {
      effectSeq += 1;
      effects.push({ idempotencyKey: `${workflowId}:${effectSeq}`, effect: renderEffect(workflowId, definition, action, next.context) });
    } else if (action.type === 'xstate.sendTo' || action.type === 'xstate.sendParent') {
      unsupported.push(action.type);
    }
  });

  const closed = definition.isClosed ? definition.isClosed({ status: next.status, value: next.value }) : next.status === 'done';
  if (closed) {
    for (const sendId of Object.keys(timers)) {
      timerChanges.set(sendId, null);
      delete timers[sendId];
    }
  }

  const timerPuts: TimerRow[] = [];
  const timerDeletes: string[] = [];
  for (const [sendId, change] of timerChanges) {
    if (change) timerPuts.push(change);
    else if (previous && sendId in previous.timers) timerDeletes.push(sendId);
  }

  const dormant = !closed && (definition.isDormant?.({ status: next.status, value: next.value }) ?? false);
  return { effects, timerPuts, timerDeletes, persisted: encodeWorkflow(input.persistedNext, timers, effectSeq), closed, dormant, unsupported };
}

/** Chat effects carry their message, rendered now against the committed context. */
function renderEffect(
  workflowId: string,
  definition: WorkflowDefinition,
  action: { type: string; params: unknown },
  context: unknown,
): { type: string; params: unknown } {
  if (action.type !== 'chat.card' && action.type !== 'chat.notice') return { type: action.type, params: action.params };
  const params = action.params as { view: string; data?: Record<string, unknown> };
  const view = definition.views[params.view];
  if (!view) {
    throw new BreakglassError('internal', 'That workflow could not be updated.', {
      detail: { workflowId, kind: definition.kind, reason: `no view named '${params.view}'` },
    });
  }
  return { type: action.type, params: { ...params, message: view(context, params.data) } };
}
