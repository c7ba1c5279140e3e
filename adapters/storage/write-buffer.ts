import { canonicalJson } from '../../bot/shared/canonical-json';
import type { AuditEntry, OutboxRow, TimerRow } from '../../bot/ports/storage';
import type { SqlExecutor, SqlValue } from './sql-driver';
import { toJsonText } from './sql-rows';

type OutboxInsert = Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'lastError'>;

/** Rows per statement: far below SQLite's and PostgreSQL's parameter limits (32,766 / 65,535) at 10 columns. */
const ROWS_PER_STATEMENT = 200;

/**
 * The write-only part of one transaction (outbox rows, timer changes, audit
 * entries), held back and sent as one multi-row statement per table when the
 * transaction's step has finished. A batch of 50 timers made ~300 statements,
 * each a round trip on PostgreSQL and a separate call on SQLite; now it makes
 * one UPDATE per workflow plus a handful. Nothing in a transaction reads these
 * tables back, except the audit head, which is chained here in memory.
 */
export class WriteBuffer {
  private readonly outbox: OutboxInsert[] = [];
  /** Last change per (workflow, send id) wins, as it would statement by statement. */
  private readonly timers = new Map<string, { workflowId: string; sendId: string; put?: TimerRow }>();
  private readonly audit: AuditEntry[] = [];
  /** The chain head as of this transaction's last buffered entry (read once, locked, from the table). */
  auditHead: { seq: number; hash: string } | undefined;
  private flushed = false;

  enqueue(rows: readonly OutboxInsert[]): void {
    this.open();
    this.outbox.push(...rows);
  }

  putTimer(row: TimerRow): void {
    this.open();
    this.timers.set(timerKey(row.workflowId, row.sendId), { workflowId: row.workflowId, sendId: row.sendId, put: row });
  }

  deleteTimer(workflowId: string, sendId: string): void {
    this.open();
    this.timers.set(timerKey(workflowId, sendId), { workflowId, sendId });
  }

  appendAudit(entry: AuditEntry): void {
    this.open();
    this.audit.push(entry);
    this.auditHead = { seq: entry.seq, hash: entry.hash };
  }

  /** Sends everything held, inside the transaction, before it commits. The buffer takes nothing after. */
  async flush(sql: SqlExecutor): Promise<void> {
    this.open();
    this.flushed = true;
    for (const rows of chunks(this.outbox)) {
      await sql.exec(
        `INSERT INTO outbox (workflow_id, idempotency_key, effect, status, attempts, next_attempt_at, created_at, lane, supersede_key)
         VALUES ${rows.map(() => "(?, ?, ?, 'pending', 0, ?, ?, ?, ?)").join(', ')} ON CONFLICT (idempotency_key) DO NOTHING`,
        rows.flatMap((r): SqlValue[] => [r.workflowId, r.idempotencyKey, toJsonText(r.effect), r.nextAttemptAt, r.createdAt, r.lane ?? `workflow:${r.workflowId}`, r.supersedeKey ?? null]),
      );
    }
    const changes = [...this.timers.values()];
    for (const rows of chunks(changes.filter((t) => !t.put))) {
      await sql.exec(
        `DELETE FROM timers WHERE (workflow_id, send_id) IN (VALUES ${rows.map(() => '(?, ?)').join(', ')})`,
        rows.flatMap((t) => [t.workflowId, t.sendId]),
      );
    }
    for (const rows of chunks(changes.flatMap((t) => (t.put ? [t.put] : [])))) {
      await sql.exec(
        `INSERT INTO timers (workflow_id, send_id, due_at, event, claimed_until) VALUES ${rows.map(() => '(?, ?, ?, ?, NULL)').join(', ')}
         ON CONFLICT (workflow_id, send_id) DO UPDATE SET due_at = excluded.due_at, event = excluded.event, claimed_until = NULL`,
        rows.flatMap((r): SqlValue[] => [r.workflowId, r.sendId, r.dueAt, toJsonText(r.event)]),
      );
    }
    for (const rows of chunks(this.audit)) {
      await sql.exec(
        `INSERT INTO audit (seq, at, actor_entra_id, actor_platform_id, workflow_id, type, data, key_id, prev_hash, hash)
         VALUES ${rows.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`,
        rows.flatMap((e): SqlValue[] => [
          e.seq, e.at, e.actorEntraId ?? null, e.actorPlatformId ?? null, e.workflowId ?? null, e.type, canonicalJson(e.data), e.keyId ?? null, e.prevHash, e.hash,
        ]),
      );
    }
    if (this.auditHead && this.audit.length > 0) {
      await sql.exec('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [this.auditHead.seq, this.auditHead.hash]);
    }
  }

  private open(): void {
    // A write after the flush would be dropped without a word: refuse it, as the drivers refuse a stale handle.
    if (this.flushed) throw new Error('This transaction handle was used after its transaction ended.');
  }
}

function timerKey(workflowId: string, sendId: string): string {
  return JSON.stringify([workflowId, sendId]);
}

/** Rows of a multi-row statement, ROWS_PER_STATEMENT at a time. */
export function chunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return out;
}
