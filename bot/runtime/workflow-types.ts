import type { AnyMachineSnapshot, StateValue } from 'xstate';
import type { Place } from '../core/platform';
import type { WorkflowRow, WorkflowStatus, WorkflowSummaryRow } from '../ports/storage';

/** Who caused an event, for the audit columns (the machine sees the event's own `actor`). */
export interface AuditActor {
  entraId?: string;
  platformId?: string;
  name?: string;
}

export interface StartMeta {
  actor?: AuditActor;
  /** The conversation the workflow lives in (effects with audience `home`). */
  home?: Place;
  /** Audit entry type for the start, default 'workflow.started'. */
  auditType?: string;
}

export interface SendMeta {
  actor?: AuditActor;
  /** Audit entry type for the event, default 'workflow.event'. */
  auditType?: string;
  /** Applied at most once: a repeat with the same key is a no-op (recorded in the inbox table). */
  deliveryKey?: string;
}

export interface SendResult {
  changed: boolean;
  workflowId: string;
  version: number;
  state: StateValue;
  status: WorkflowStatus;
  /** Why nothing changed. */
  reason?: 'ignored' | 'closed' | 'duplicate' | 'stale-timer';
}

export interface WorkflowView<TContext = unknown> {
  row: WorkflowRow;
  state: StateValue;
  context: TContext;
  /** The restored xstate snapshot: `.can(event)`, `.hasTag(tag)`, `.matches(value)`. */
  snapshot: AnyMachineSnapshot;
  home: Place | undefined;
  /** Pending timers by xstate send id. */
  timers: Array<{ sendId: string; dueAt: number }>;
}

/** One listed workflow's summary (WorkflowDefinition.summarize) and its row without the snapshot. */
export interface SummaryView<TSummary = unknown> {
  row: WorkflowSummaryRow;
  summary: TSummary;
}

/** What just committed; `onCommit` sees it before any of its effects run. */
export interface CommitInfo {
  workflowId: string;
  version: number;
  effects: number;
  timersSet: number;
  timersCancelled: number;
}
