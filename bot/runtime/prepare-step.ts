import type { EventObject, StateValue } from 'xstate';
import { sameJson } from '../shared/same-json';
import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { Place } from '../core/platform';
import type { Storage, StorageTx, TimerRow, WorkflowRow, WorkflowStatus } from '../ports/storage';
import { auditPayload } from './audit-payload';
import { deliveryLane } from './delivery-lane';
import { decodeWorkflow, restoreMachineSnapshot } from './persisted-workflow';
import { planTransition, type TransitionPlan } from './plan-transition';
import { pureTransition } from './pure-transition';
import type { WorkflowDefinition } from './workflow-definition';
import { workflowAuditEntry } from './workflow-audit';
import type { SendMeta, SendResult } from './workflow-types';

/** Thrown inside a step's transaction when another writer moved the workflow since it was read. */
export const CONFLICT: unique symbol = Symbol('conflict');

export function conflictOrThrow(error: unknown): typeof CONFLICT {
  if (error === CONFLICT) return CONFLICT;
  throw error;
}

/** The writes of one step, for a transaction, and what follows once they commit. */
export interface PreparedStep {
  /** Throws CONFLICT when another writer moved the workflow since it was read. */
  write(tx: StorageTx): Promise<SendResult>;
  afterCommit(): Promise<void>;
}

export function statusOf(plan: TransitionPlan): WorkflowStatus {
  return plan.closed ? 'closed' : plan.dormant ? 'dormant' : 'active';
}

export interface StepDeps {
  storage: Pick<Storage, 'appendAudit'>;
  clock: Clock;
  logger: Logger;
  definition(kind: string): WorkflowDefinition;
  /** After a step's transaction committed: logs, the commit hook, the outbox. */
  committed(workflowId: string, version: number, plan: TransitionPlan): Promise<void>;
}

/** A plan's effects (outbox), cancelled and new timers, inside the step's transaction. */
export async function writePlan(tx: StorageTx, workflowId: string, plan: TransitionPlan, now: number, home: Place | undefined): Promise<void> {
  if (plan.effects.length > 0) {
    await tx.enqueueEffects(
      plan.effects.map((e) => ({ workflowId, idempotencyKey: e.idempotencyKey, effect: e.effect, nextAttemptAt: now, createdAt: now, ...deliveryLane(e.effect, { workflowId, home }) })),
    );
  }
  for (const sendId of plan.timerDeletes) await tx.deleteTimer(workflowId, sendId);
  for (const timer of plan.timerPuts) await tx.putTimer(timer);
}

/**
 * Works out what an event does to a workflow, without writing: either the
 * answer that nothing changes, or the writes to make in a transaction and
 * what to do once they have committed.
 */
export async function prepareStep(deps: StepDeps, row: WorkflowRow, event: EventObject, meta: SendMeta, timer: TimerRow | undefined): Promise<{ unchanged: SendResult } | PreparedStep> {
  const unchanged = (reason: NonNullable<SendResult['reason']>, state: StateValue) => ({
    unchanged: { changed: false, workflowId: row.id, version: row.version, state, status: row.status, reason },
  });
  const definition = deps.definition(row.kind);
  const stored = decodeWorkflow(row.id, row.snapshot);
  const snapshot = restoreMachineSnapshot(definition.machine, stored.machine);
  if (row.status === 'closed') return unchanged('closed', snapshot.value);
  if (timer && stored.timers[timer.sendId] !== timer.dueAt) {
    deps.logger.debug({ workflowId: row.id, sendId: timer.sendId, dueAt: timer.dueAt }, 'timer was cancelled or replaced; not firing');
    return unchanged('stale-timer', snapshot.value);
  }

  const now = deps.clock.now();
  const [next, actions] = pureTransition(definition.machine, snapshot, event);
  const persistedNext = definition.machine.getPersistedSnapshot(next);
  const plan = planTransition({
    // Timers set while a timer fires count from its due time, so a chain of
    // escalations keeps the schedule the cards promised even after downtime.
    workflowId: row.id, definition, previous: stored, next, persistedNext, actions, now: timer ? timer.dueAt : now, consumedTimer: timer?.sendId,
  });
  // Compared canonically: PostgreSQL jsonb hands objects back in its own key order.
  const changed = !sameJson(persistedNext, definition.machine.getPersistedSnapshot(snapshot)) ||
    plan.effects.length > 0 || plan.timerPuts.length > 0 || plan.timerDeletes.length > 0;
  const eventData = { kind: row.kind, event: auditPayload(event), state: snapshot.value };

  if (!changed && !meta.deliveryKey) {
    // A person's click the machine refused (stale card, self-approval) is worth a trace.
    if (meta.actor) await deps.storage.appendAudit(workflowAuditEntry(meta.actor, row.id, now, 'workflow.event.ignored', eventData));
    return unchanged('ignored', snapshot.value);
  }

  const version = row.version + 1;
  const status = statusOf(plan);
  return {
    write: async (tx) => {
      if (meta.deliveryKey && !(await tx.recordDelivery(meta.deliveryKey, now))) return unchanged('duplicate', snapshot.value).unchanged;
      const auditType = meta.auditType ?? 'workflow.event';
      if (!changed) {
        await tx.appendAudit(workflowAuditEntry(meta.actor, row.id, now, `${auditType}.ignored`, eventData));
        return unchanged('ignored', snapshot.value).unchanged;
      }
      if (!(await tx.updateWorkflow(row.id, row.version, { snapshot: plan.persisted, status, updatedAt: now, summary: definition.summarize?.(next.context) }))) throw CONFLICT;
      await writePlan(tx, row.id, plan, deps.clock.now(), (row.home ?? undefined) as Place | undefined);
      await tx.appendAudit(workflowAuditEntry(meta.actor, row.id, now, auditType, { ...eventData, version }));
      if (!sameJson(snapshot.value, next.value) || status !== row.status) {
        await tx.appendAudit(workflowAuditEntry(meta.actor, row.id, now, 'workflow.state', { kind: row.kind, from: snapshot.value, to: next.value, status, version }));
      }
      return { changed: true, workflowId: row.id, version, state: next.value, status };
    },
    afterCommit: () => deps.committed(row.id, version, plan),
  };
}
