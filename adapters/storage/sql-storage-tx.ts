import { chainAuditEntry, type AuditKey } from '../../bot/audit/audit-hash';
import { canonicalJson } from '../../bot/shared/canonical-json';
import { BreakglassError } from '../../bot/core/errors';
import type { AuditEntry, AuditEntryInput, OutboxRow, StorageTx, TimerRow, WorkflowChange, WorkflowRow, WorkflowUpdate } from '../../bot/ports/storage';
import type { SqlDialect, SqlExecutor, SqlValue } from './sql-driver';
import { homeKey, toJsonText } from './sql-rows';
import { chunks, type WriteBuffer } from './write-buffer';

/** The writes a workflow step makes, over whatever executor it is given (a transaction, or the pool). */
export class SqlStorageTx implements StorageTx {
  constructor(
    private readonly sql: SqlExecutor,
    private readonly dialect: SqlDialect,
    /** Without it entries are chained unkeyed (legacy sha256): only for dev and tests. */
    private readonly auditKey?: AuditKey,
    /** Inside a transaction: outbox, timer and audit writes are held here and sent together at its end. */
    private readonly buffer?: WriteBuffer,
  ) {}

  /** Sends what the buffer holds; the transaction calls it once, after its step and before commit. */
  async flush(): Promise<void> {
    await this.buffer?.flush(this.sql);
  }

  async insertWorkflow(row: WorkflowRow): Promise<void> {
    const inserted = await this.sql.exec(
      `INSERT INTO workflows (id, kind, version, status, snapshot, home, home_key, created_at, updated_at, summary)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`,
      [row.id, row.kind, row.version, row.status, toJsonText(row.snapshot), toJsonText(row.home), homeKey(row.home) ?? null, row.createdAt, row.updatedAt, summaryText(row.summary)],
    );
    if (inserted === 0) {
      throw new BreakglassError('workflow.conflict', 'That workflow already exists; nothing was changed.', { detail: { workflowId: row.id } });
    }
  }

  async updateWorkflow(id: string, expectedVersion: number, next: WorkflowChange): Promise<boolean> {
    const changed = await this.sql.exec(
      'UPDATE workflows SET snapshot = ?, status = ?, updated_at = ?, summary = ?, version = version + 1 WHERE id = ? AND version = ?',
      [toJsonText(next.snapshot), next.status, next.updatedAt, summaryText(next.summary), id, expectedVersion],
    );
    return changed === 1;
  }

  async updateWorkflows(updates: readonly WorkflowUpdate[]): Promise<number> {
    let changed = 0;
    for (const rows of chunks(updates)) {
      // A CTE with named columns reads the same in both dialects; the casts give PostgreSQL the parameters' types.
      changed += await this.sql.exec(
        `WITH v (id, expected, snapshot, status, updated_at, summary) AS (VALUES ${rows.map(() => '(CAST(? AS TEXT), CAST(? AS INTEGER), CAST(? AS TEXT), CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT))').join(', ')})
         UPDATE workflows SET snapshot = v.snapshot, status = v.status, updated_at = v.updated_at, summary = v.summary, version = workflows.version + 1
         FROM v WHERE workflows.id = v.id AND workflows.version = v.expected`,
        rows.flatMap((u): SqlValue[] => [u.id, u.expectedVersion, toJsonText(u.next.snapshot), u.next.status, u.next.updatedAt, summaryText(u.next.summary)]),
      );
    }
    return changed;
  }

  async enqueueEffects(rows: Array<Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'lastError'>>): Promise<void> {
    if (this.buffer) return this.buffer.enqueue(rows);
    for (const row of rows) {
      await this.sql.exec(
        `INSERT INTO outbox (workflow_id, idempotency_key, effect, status, attempts, next_attempt_at, created_at, lane, supersede_key)
         VALUES (?, ?, ?, 'pending', 0, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`,
        [row.workflowId, row.idempotencyKey, toJsonText(row.effect), row.nextAttemptAt, row.createdAt, row.lane ?? `workflow:${row.workflowId}`, row.supersedeKey ?? null],
      );
    }
  }

  async putTimer(row: TimerRow): Promise<void> {
    if (this.buffer) return this.buffer.putTimer(row);
    await this.sql.exec(
      `INSERT INTO timers (workflow_id, send_id, due_at, event, claimed_until) VALUES (?, ?, ?, ?, NULL)
       ON CONFLICT (workflow_id, send_id) DO UPDATE SET due_at = excluded.due_at, event = excluded.event, claimed_until = NULL`,
      [row.workflowId, row.sendId, row.dueAt, toJsonText(row.event)],
    );
  }

  async deleteTimer(workflowId: string, sendId: string): Promise<void> {
    if (this.buffer) return this.buffer.deleteTimer(workflowId, sendId);
    await this.sql.exec('DELETE FROM timers WHERE workflow_id = ? AND send_id = ?', [workflowId, sendId]);
  }

  /** Must run inside a transaction: the head row stays locked until it commits, so appenders queue. */
  async appendAudit(input: AuditEntryInput): Promise<AuditEntry> {
    if (this.buffer) {
      // The head is read (and locked) once per transaction; later entries chain on the buffered one.
      const head = this.buffer.auditHead ?? (await this.readAuditHead());
      const entry = chainAuditEntry(head, input, this.auditKey);
      this.buffer.appendAudit(entry);
      return entry;
    }
    const entry = chainAuditEntry(await this.readAuditHead(), input, this.auditKey);
    await this.sql.exec(
      `INSERT INTO audit (seq, at, actor_entra_id, actor_platform_id, workflow_id, type, data, key_id, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [entry.seq, entry.at, entry.actorEntraId ?? null, entry.actorPlatformId ?? null, entry.workflowId ?? null, entry.type, canonicalJson(entry.data), entry.keyId ?? null, entry.prevHash, entry.hash],
    );
    await this.sql.exec('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1', [entry.seq, entry.hash]);
    return entry;
  }

  private async readAuditHead(): Promise<{ seq: number; hash: string }> {
    const [head] = await this.sql.query<{ seq: number; hash: string }>(`SELECT seq, hash FROM audit_head WHERE id = 1${this.dialect.forUpdate}`);
    if (!head) throw new Error('audit_head row is missing; the audit table was not migrated');
    return head;
  }

  async recordDelivery(key: string, at: number): Promise<boolean> {
    const inserted = await this.sql.exec('INSERT INTO inbox (delivery_key, received_at) VALUES (?, ?) ON CONFLICT (delivery_key) DO NOTHING', [key, at]);
    return inserted === 1;
  }
}

/** A kind without a summary stores NULL (listings then read its snapshot). */
function summaryText(summary: unknown): string | null {
  return summary === undefined ? null : toJsonText(summary);
}
