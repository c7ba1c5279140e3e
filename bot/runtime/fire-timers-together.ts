import type { EventObject } from 'xstate';
import type { Logger } from '../core/logger';
import type { Storage, TimerRow, WorkflowRow } from '../ports/storage';
import { DeferredUpdates } from './deferred-updates';
import { CONFLICT, type PreparedStep } from './prepare-step';
import { TimeSlice } from './time-slice';
import type { SendMeta, SendResult } from './workflow-types';

export const TIMER_META: SendMeta = { auditType: 'workflow.timer' };

/** A timer happens at its due time, however late the dispatcher got to it. */
export function timerEvent(timer: TimerRow): EventObject {
  return { ...timer.event, at: timer.dueAt } as EventObject;
}

export interface TimerBatchDeps {
  storage: Pick<Storage, 'listWorkflows' | 'transaction'>;
  logger: Logger;
  prepare(row: WorkflowRow, event: EventObject, meta: SendMeta, timer: TimerRow): Promise<{ unchanged: SendResult } | PreparedStep>;
}

/**
 * Timers of different workflows (their locks held by the caller) in one
 * transaction; undefined when it did not commit, and the caller fires each on
 * its own (see WorkflowRuntime.fireTimers).
 */
export async function fireTimersTogether(deps: TimerBatchDeps, timers: TimerRow[]): Promise<Map<TimerRow, SendResult> | undefined> {
  const results = new Map<TimerRow, SendResult>();
  const steps: Array<{ timer: TimerRow; step: PreparedStep }> = [];
  const slice = new TimeSlice('timers');
  try {
    // One query for the batch: on PostgreSQL a round trip per timer was most of a burst's lateness.
    const rows = new Map((await deps.storage.listWorkflows({ ids: timers.map((t) => t.workflowId) })).map((r) => [r.id, r]));
    for (const timer of timers) {
      await slice.pause();
      const row = rows.get(timer.workflowId);
      if (!row) return undefined; // fireTimer reports it as not found
      const step = await deps.prepare(row, timerEvent(timer), TIMER_META, timer);
      if ('unchanged' in step) results.set(timer, step.unchanged);
      else steps.push({ timer, step });
    }
    await deps.storage.transaction(async (tx) => {
      const updates = new DeferredUpdates(tx);
      for (const { timer, step } of steps) results.set(timer, await step.write(updates.tx));
      if (!(await updates.apply())) throw CONFLICT;
    });
  } catch (error) {
    deps.logger.debug({ timers: timers.length, err: error === CONFLICT ? 'conflict' : error }, 'timers could not fire together; firing each on its own');
    return undefined;
  }
  for (const { timer, step } of steps) {
    if (results.get(timer)?.changed) await step.afterCommit();
    await slice.pause();
  }
  return results;
}
