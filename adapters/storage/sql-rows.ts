import type { AuditEntry, OutboxRow, TimerRow, WorkflowRow, WorkflowStatus, WorkflowSummaryRow } from '../../bot/ports/storage';

/** Rows as the databases return them (snake_case, JSON as text) and their mapping to the port's types. */

export interface WorkflowRecord {
  id: string;
  kind: string;
  version: number;
  status: string;
  snapshot: string;
  home: string;
  created_at: number;
  updated_at: number;
  summary?: string | null;
}

export interface OutboxRecord {
  id: number;
  workflow_id: string;
  idempotency_key: string;
  effect: string;
  status: string;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  claimed_until?: number | null;
  lane?: string;
  supersede_key?: string | null;
}

export interface TimerRecord {
  workflow_id: string;
  send_id: string;
  due_at: number;
  event: string;
  claimed_until?: number | null;
}

export interface AuditRecord {
  seq: number;
  at: number;
  actor_entra_id: string | null;
  actor_platform_id: string | null;
  workflow_id: string | null;
  type: string;
  data: string;
  prev_hash: string;
  key_id: string | null;
  hash: string;
}

export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJsonText<T>(text: string): T {
  return JSON.parse(text) as T;
}

/** The indexed form of a workflow's home: its platform and conversation (threads share it). */
export function homeKey(home: unknown): string | undefined {
  const place = home as { platform?: unknown; conversationId?: unknown } | null;
  return typeof place?.platform === 'string' && typeof place.conversationId === 'string' ? `${place.platform}|${place.conversationId}` : undefined;
}

/** Every column but the snapshot. */
function workflowFields(r: WorkflowRecord): Omit<WorkflowRow, 'snapshot'> {
  return {
    id: r.id,
    kind: r.kind,
    version: r.version,
    status: r.status as WorkflowStatus,
    home: fromJsonText(r.home),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    ...(r.summary != null ? { summary: fromJsonText(r.summary) } : {}),
  };
}

export function toWorkflowRow(r: WorkflowRecord): WorkflowRow {
  const row = workflowFields(r) as WorkflowRow;
  // Parsed on first read: a listing narrowed on home or status (find an incident by
  // conversation) should not parse every snapshot it then drops.
  let snapshot: unknown;
  let parsed = false;
  Object.defineProperty(row, 'snapshot', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!parsed) {
        snapshot = fromJsonText(r.snapshot);
        parsed = true;
      }
      return snapshot;
    },
    set: (value: unknown) => {
      snapshot = value;
      parsed = true;
    },
  });
  return row;
}

/** A listed row: its summary, and its snapshot only when it has no summary yet (written before migration 8). */
export function toWorkflowSummaryRow(r: WorkflowRecord): WorkflowSummaryRow {
  return { ...workflowFields(r), ...(r.summary == null ? { snapshot: fromJsonText(r.snapshot) } : {}) };
}

export function toOutboxRow(r: OutboxRecord): OutboxRow {
  return {
    id: r.id,
    workflowId: r.workflow_id,
    idempotencyKey: r.idempotency_key,
    effect: fromJsonText(r.effect),
    status: r.status as OutboxRow['status'],
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    createdAt: r.created_at,
    ...(r.claimed_until === undefined ? {} : { claimedUntil: r.claimed_until }),
    ...(r.lane === undefined ? {} : { lane: r.lane, supersedeKey: r.supersede_key ?? null }),
  };
}

export function toTimerRow(r: TimerRecord): TimerRow {
  return {
    workflowId: r.workflow_id,
    sendId: r.send_id,
    dueAt: r.due_at,
    event: fromJsonText(r.event),
    ...(r.claimed_until === undefined ? {} : { claimedUntil: r.claimed_until }),
  };
}

export function toAuditEntry(r: AuditRecord): AuditEntry {
  return {
    seq: r.seq,
    at: r.at,
    actorEntraId: r.actor_entra_id,
    actorPlatformId: r.actor_platform_id,
    workflowId: r.workflow_id,
    type: r.type,
    data: fromJsonText(r.data),
    ...(r.key_id ? { keyId: r.key_id } : {}),
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}
