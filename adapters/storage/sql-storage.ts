import type { AuditKey } from '../../bot/audit/audit-hash';
import type {
  AuditEntry,
  AuditEntryInput,
  CardRefRow,
  InboundClaim,
  LaneFilter,
  OutboxRow,
  Storage,
  StorageTx,
  TimerRow,
  WorkflowFilter,
  WorkflowRow,
  WorkflowStatus,
  WorkflowUpdate,
  WorkflowChange,
  WorkflowSummaryRow,
  PruneCutoffs,
} from '../../bot/ports/storage';
import { runMigrations } from './migrate';
import type { SqlDriver, SqlValue } from './sql-driver';
import {
  fromJsonText,
  homeKey,
  toAuditEntry,
  toJsonText,
  toOutboxRow,
  toTimerRow,
  toWorkflowRow,
  toWorkflowSummaryRow,
  type AuditRecord,
  type OutboxRecord,
  type TimerRecord,
  type WorkflowRecord,
} from './sql-rows';
import { SqlStorageTx } from './sql-storage-tx';
import { WriteBuffer } from './write-buffer';

/** How many superseded card updates claimLaneHead skips at the head of a lane before it stops looking. */
const SUPERSEDE_STEPS = 8;

/** Error text kept on an outbox row; the full error goes to the log. */
const MAX_ERROR_LENGTH = 2000;

/** The Storage port over either database: one set of queries, the driver speaks the dialect. */
export class SqlStorage implements Storage {
  readonly dialect: Storage['dialect'];
  /** Writes made outside a transaction run one statement at a time on the driver. */
  private readonly direct: SqlStorageTx;

  constructor(
    readonly sql: SqlDriver,
    private readonly auditKey?: AuditKey,
  ) {
    this.dialect = sql.dialect.name;
    this.direct = new SqlStorageTx(sql, sql.dialect, auditKey);
  }

  async migrate(): Promise<void> {
    await runMigrations(this.sql);
  }

  close(): Promise<void> {
    return this.sql.close();
  }

  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T> {
    return this.sql.transaction(async (ex) => {
      const tx = new SqlStorageTx(ex, this.sql.dialect, this.auditKey, new WriteBuffer());
      const result = await fn(tx);
      await tx.flush();
      return result;
    });
  }

  insertWorkflow(row: WorkflowRow): Promise<void> {
    return this.direct.insertWorkflow(row);
  }

  updateWorkflow(id: string, expectedVersion: number, next: WorkflowChange): Promise<boolean> {
    return this.direct.updateWorkflow(id, expectedVersion, next);
  }

  updateWorkflows(updates: readonly WorkflowUpdate[]): Promise<number> {
    return this.direct.updateWorkflows(updates);
  }

  async enqueueEffects(rows: Array<Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'lastError'>>): Promise<void> {
    await this.transaction((tx) => tx.enqueueEffects(rows));
  }

  putTimer(row: TimerRow): Promise<void> {
    return this.direct.putTimer(row);
  }

  deleteTimer(workflowId: string, sendId: string): Promise<void> {
    return this.direct.deleteTimer(workflowId, sendId);
  }

  appendAudit(entry: AuditEntryInput): Promise<AuditEntry> {
    // Reading the head and writing the entry must be one transaction, or two appenders fork the chain.
    return this.transaction((tx) => tx.appendAudit(entry));
  }

  recordDelivery(key: string, at: number): Promise<boolean> {
    return this.direct.recordDelivery(key, at);
  }

  async getWorkflow(id: string): Promise<WorkflowRow | undefined> {
    const [row] = await this.sql.query<WorkflowRecord>('SELECT * FROM workflows WHERE id = ?', [id]);
    return row && toWorkflowRow(row);
  }

  async listWorkflows(filter: WorkflowFilter): Promise<WorkflowRow[]> {
    return (await this.selectWorkflows('*', filter)).map(toWorkflowRow);
  }

  async listWorkflowSummaries(filter: WorkflowFilter): Promise<WorkflowSummaryRow[]> {
    const columns = 'id, kind, version, status, home, created_at, updated_at, summary, CASE WHEN summary IS NULL THEN snapshot END AS snapshot';
    return (await this.selectWorkflows(columns, filter)).map(toWorkflowSummaryRow);
  }

  private selectWorkflows(columns: string, filter: WorkflowFilter): Promise<WorkflowRecord[]> {
    const where = new Where().eq('kind', filter.kind).eq('status', filter.status);
    if (filter.home) where.eq('home_key', homeKey(filter.home) ?? '');
    where.cmp('updated_at', '>=', filter.updatedSince);
    if (filter.ids) where.raw(filter.ids.length === 0 ? '1 = 0' : `id IN (${filter.ids.map(() => '?').join(', ')})`, [...filter.ids]);
    if (filter.after) where.raw('(created_at > ? OR (created_at = ? AND id > ?))', [filter.after.createdAt, filter.after.createdAt, filter.after.id]);
    const limit = filter.limit !== undefined ? ` LIMIT ${Math.max(1, Math.floor(filter.limit))}` : '';
    return this.sql.query<WorkflowRecord>(`SELECT ${columns} FROM workflows${where.sql()} ORDER BY created_at, id${limit}`, where.params);
  }

  async countWorkflows(filter: { kind?: string; status?: WorkflowStatus }): Promise<number> {
    const where = new Where().eq('kind', filter.kind).eq('status', filter.status);
    const [row] = await this.sql.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM workflows${where.sql()}`, where.params);
    return Number(row?.n ?? 0);
  }

  async claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRow[]> {
    // A CTE, as in claimDueEffects: the pick runs once, so a claim never takes more than `limit` rows.
    const rows = await this.sql.query<TimerRecord>(
      `WITH picked AS (
         SELECT workflow_id, send_id FROM timers
         WHERE due_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
         ORDER BY due_at, workflow_id, send_id LIMIT ?${this.sql.dialect.forUpdateSkipLocked})
       UPDATE timers SET claimed_until = ?
       WHERE (workflow_id, send_id) IN (SELECT workflow_id, send_id FROM picked)
       RETURNING workflow_id, send_id, due_at, event, claimed_until`,
      [now, now, limit, now + leaseMs],
    );
    // RETURNING has no defined order.
    return rows.map(toTimerRow).sort((a, b) => a.dueAt - b.dueAt || a.workflowId.localeCompare(b.workflowId) || a.sendId.localeCompare(b.sendId));
  }

  async retryTimerAt(timer: Pick<TimerRow, 'workflowId' | 'sendId' | 'dueAt' | 'claimedUntil'>, at: number): Promise<void> {
    // Fenced by the claim's token: a replica whose lease ran out must not shorten the claim of the one that took over.
    const fence = timer.claimedUntil == null ? 'claimed_until IS NOT NULL' : 'claimed_until = ?';
    await this.sql.exec(`UPDATE timers SET claimed_until = ? WHERE workflow_id = ? AND send_id = ? AND due_at = ? AND ${fence}`, [
      at,
      timer.workflowId,
      timer.sendId,
      timer.dueAt,
      ...(timer.claimedUntil == null ? [] : [timer.claimedUntil]),
    ]);
  }

  async claimInbound(key: string, at: number, staleBefore: number): Promise<InboundClaim> {
    if ((await this.sql.exec('INSERT INTO inbound (delivery_key, claimed_at) VALUES (?, ?) ON CONFLICT (delivery_key) DO NOTHING', [key, at])) === 1) return { claimed: true };
    // Taken over only if nobody answered and the claim is stale: the process that claimed it died mid-way.
    const takenOver = await this.sql.exec('UPDATE inbound SET claimed_at = ? WHERE delivery_key = ? AND answered_at IS NULL AND claimed_at < ?', [at, key, staleBefore]);
    if (takenOver === 1) return { claimed: true };
    const [row] = await this.sql.query<{ answer: string | null }>('SELECT answer FROM inbound WHERE delivery_key = ?', [key]);
    return row?.answer ? { claimed: false, answer: row.answer } : { claimed: false };
  }

  async answerInbound(key: string, answer: string | null, at: number): Promise<void> {
    await this.sql.exec('UPDATE inbound SET answered_at = ?, answer = ? WHERE delivery_key = ?', [at, answer, key]);
  }

  async prune(cutoffs: PruneCutoffs): Promise<number> {
    await this.sql.exec('DELETE FROM inbound WHERE claimed_at < ?', [cutoffs.deliveriesBefore]);
    const deliveries = await this.sql.exec('DELETE FROM inbox WHERE received_at < ?', [cutoffs.deliveriesBefore]);
    const effects = await this.sql.exec("DELETE FROM outbox WHERE status IN ('done', 'superseded') AND created_at < ?", [cutoffs.effectsBefore]);
    const workflows = cutoffs.endedWorkflowsBefore === undefined ? 0 : await this.removeEndedWorkflows(cutoffs.endedWorkflowsBefore);
    return deliveries + effects + workflows;
  }

  /** See prune: ended long ago, and nothing scheduled or queued that could still wake it. */
  private removeEndedWorkflows(before: number): Promise<number> {
    const ended = `SELECT id FROM workflows w WHERE status IN ('closed', 'dormant') AND updated_at < ?
      AND NOT EXISTS (SELECT 1 FROM timers t WHERE t.workflow_id = w.id)
      AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.workflow_id = w.id AND o.status = 'pending')`;
    return this.sql.transaction(async (tx) => {
      const ids = (await tx.query<{ id: string }>(`${ended}${this.sql.dialect.forUpdate}`, [before])).map((r) => r.id);
      for (let i = 0; i < ids.length; i += 500) {
        const chunk = ids.slice(i, i + 500);
        const list = chunk.map(() => '?').join(', ');
        await tx.exec(`DELETE FROM card_refs WHERE workflow_id IN (${list})`, chunk);
        await tx.exec(`DELETE FROM outbox WHERE workflow_id IN (${list}) AND status IN ('done', 'superseded')`, chunk);
        await tx.exec(`DELETE FROM workflows WHERE id IN (${list})`, chunk);
      }
      return ids.length;
    });
  }

  async releaseOrphanedClaims(): Promise<number> {
    if (!this.sql.dialect.singleWriter) return 0;
    return this.sql.transaction(async (ex) => {
      const timers = await ex.exec('UPDATE timers SET claimed_until = NULL WHERE claimed_until IS NOT NULL');
      const effects = await ex.exec("UPDATE outbox SET claimed_until = NULL WHERE status = 'pending' AND claimed_until IS NOT NULL");
      return timers + effects;
    });
  }

  async claimDueEffects(now: number, limit: number, leaseMs: number, lanes?: LaneFilter): Promise<OutboxRow[]> {
    const pool = lanes ? ` AND o.lane ${lanes.exclude ? 'NOT LIKE' : 'LIKE'} ?` : '';
    const poolParams = lanes ? [`${lanes.prefix}%`] : [];
    // A card shows only its last state: an unclaimed update with a newer one queued behind it never runs.
    await this.sql.exec(
      `UPDATE outbox SET status = 'superseded'
       WHERE status = 'pending' AND supersede_key IS NOT NULL AND (claimed_until IS NULL OR claimed_until <= ?)
         AND EXISTS (SELECT 1 FROM outbox newer WHERE newer.workflow_id = outbox.workflow_id AND newer.supersede_key = outbox.supersede_key
                       AND newer.status = 'pending' AND newer.id > outbox.id AND newer.lane = outbox.lane)`,
      [now],
    );
    // The pick is a CTE: PostgreSQL runs a locking CTE once, whereas an `IN (subquery … LIMIT n SKIP LOCKED)`
    // may be re-run by the planner and then claims more than n rows.
    const rows = await this.sql.query<OutboxRecord>(
      `WITH picked AS (
         SELECT o.id FROM outbox o
         WHERE o.status = 'pending' AND o.next_attempt_at <= ? AND (o.claimed_until IS NULL OR o.claimed_until <= ?)${pool}
           AND NOT EXISTS (SELECT 1 FROM outbox earlier WHERE earlier.lane = o.lane AND earlier.status = 'pending' AND earlier.id < o.id)
         ORDER BY o.id LIMIT ?${this.sql.dialect.forUpdateSkipLocked})
       UPDATE outbox SET claimed_until = ?, attempts = attempts + 1
       WHERE status = 'pending' AND id IN (SELECT id FROM picked)
       RETURNING id, workflow_id, idempotency_key, effect, status, attempts, next_attempt_at, last_error, created_at, claimed_until, lane, supersede_key`,
      [now, now, ...poolParams, limit, now + leaseMs],
    );
    return rows.map(toOutboxRow).sort((a, b) => a.id - b.id);
  }

  async claimLaneHead(lane: string, now: number, leaseMs: number): Promise<OutboxRow | undefined> {
    const head = "(SELECT h.id FROM outbox h WHERE h.lane = ? AND h.status = 'pending' ORDER BY h.id LIMIT 1)";
    // The head may be a card update a newer one of the same card has replaced: skip those first (a few at most).
    for (let skipped = 0; skipped < SUPERSEDE_STEPS; skipped++) {
      const changed = await this.sql.exec(
        `UPDATE outbox SET status = 'superseded'
         WHERE id = ${head} AND supersede_key IS NOT NULL AND (claimed_until IS NULL OR claimed_until <= ?)
           AND EXISTS (SELECT 1 FROM outbox newer WHERE newer.workflow_id = outbox.workflow_id AND newer.supersede_key = outbox.supersede_key
                         AND newer.status = 'pending' AND newer.id > outbox.id AND newer.lane = outbox.lane)`,
        [lane, now],
      );
      if (changed === 0) break;
    }
    // Only the head, never the row behind it: a head claimed elsewhere or waiting for its retry holds the lane.
    // PostgreSQL re-checks the WHERE on a row another claim changed meanwhile, so two claims cannot both win it.
    const [row] = await this.sql.query<OutboxRecord>(
      `UPDATE outbox SET claimed_until = ?, attempts = attempts + 1
       WHERE id = ${head} AND status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until <= ?)
       RETURNING id, workflow_id, idempotency_key, effect, status, attempts, next_attempt_at, last_error, created_at, claimed_until, lane, supersede_key`,
      [now + leaseMs, lane, now, now],
    );
    return row ? toOutboxRow(row) : undefined;
  }

  async renewEffectClaim(id: number, claimedUntil: number, until: number): Promise<number | undefined> {
    // Never shorter than the claim it replaces, so the new token always differs from the old one.
    const token = Math.max(until, claimedUntil + 1);
    const renewed = await this.sql.exec("UPDATE outbox SET claimed_until = ? WHERE id = ? AND status = 'pending' AND claimed_until = ?", [token, id, claimedUntil]);
    return renewed === 1 ? token : undefined;
  }

  // The claim's `claimed_until` is its fencing token: a later claim of the same row is made
  // strictly later, so it always writes a different value, and a late hand-back from the
  // earlier owner matches no row and changes nothing.
  async completeEffect(id: number, claimedUntil?: number): Promise<boolean> {
    const fence = claimedUntil === undefined ? '' : ' AND claimed_until = ?';
    const params = claimedUntil === undefined ? [id] : [id, claimedUntil];
    return (await this.sql.exec(`UPDATE outbox SET status = 'done', claimed_until = NULL WHERE id = ?${fence}`, params)) > 0;
  }

  async failEffect(id: number, error: string, nextAttemptAt: number, dead: boolean, claimedUntil?: number): Promise<boolean> {
    const fence = claimedUntil === undefined ? '' : ' AND claimed_until = ?';
    const params = [dead ? 'dead' : 'pending', error.slice(0, MAX_ERROR_LENGTH), nextAttemptAt, id, ...(claimedUntil === undefined ? [] : [claimedUntil])];
    return (await this.sql.exec(`UPDATE outbox SET status = ?, last_error = ?, next_attempt_at = ?, claimed_until = NULL WHERE id = ?${fence}`, params)) > 0;
  }

  async pendingEffectCount(): Promise<number> {
    const [row] = await this.sql.query<{ n: number }>("SELECT COUNT(*) AS n FROM outbox WHERE status = 'pending'");
    return row?.n ?? 0;
  }

  async nextTimerDue(): Promise<number | undefined> {
    const [row] = await this.sql.query<{ due: number | null }>(
      'SELECT MIN(CASE WHEN claimed_until IS NOT NULL AND claimed_until > due_at THEN claimed_until ELSE due_at END) AS due FROM timers',
    );
    return row?.due ?? undefined;
  }

  async listAudit(filter: { since?: number; until?: number; workflowId?: string }): Promise<AuditEntry[]> {
    const where = new Where().cmp('at', '>=', filter.since).cmp('at', '<', filter.until).eq('workflow_id', filter.workflowId);
    const rows = await this.sql.query<AuditRecord>(`SELECT * FROM audit${where.sql()} ORDER BY seq`, where.params);
    return rows.map(toAuditEntry);
  }

  async getAuditHead(): Promise<{ seq: number; hash: string }> {
    const [head] = await this.sql.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit_head WHERE id = 1');
    if (!head) throw new Error('audit_head row is missing; the audit table was not migrated');
    return { seq: head.seq, hash: head.hash };
  }

  async putCardRef(row: CardRefRow): Promise<void> {
    await this.sql.exec(
      'INSERT INTO card_refs (workflow_id, card_key, ref) VALUES (?, ?, ?) ON CONFLICT (workflow_id, card_key) DO UPDATE SET ref = excluded.ref',
      [row.workflowId, row.key, toJsonText(row.ref)],
    );
  }

  async getCardRef(workflowId: string, key: string): Promise<unknown | undefined> {
    const [row] = await this.sql.query<{ ref: string }>('SELECT ref FROM card_refs WHERE workflow_id = ? AND card_key = ?', [workflowId, key]);
    return row && fromJsonText(row.ref);
  }

  async putConversationRef(key: string, ref: unknown): Promise<void> {
    await this.sql.exec('INSERT INTO conversation_refs (ref_key, ref) VALUES (?, ?) ON CONFLICT (ref_key) DO UPDATE SET ref = excluded.ref', [
      key,
      toJsonText(ref),
    ]);
  }

  async getConversationRef(key: string): Promise<unknown | undefined> {
    const [row] = await this.sql.query<{ ref: string }>('SELECT ref FROM conversation_refs WHERE ref_key = ?', [key]);
    return row && fromJsonText(row.ref);
  }

  async putIdentity(platform: string, platformUserId: string, entraObjectId: string, source: string, mappedAt = Date.now()): Promise<void> {
    await this.sql.exec(
      `INSERT INTO identities (platform, platform_user_id, entra_object_id, source, mapped_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (platform, platform_user_id) DO UPDATE SET entra_object_id = excluded.entra_object_id, source = excluded.source, mapped_at = excluded.mapped_at`,
      [platform, platformUserId, entraObjectId, source, mappedAt],
    );
  }

  async getIdentity(platform: string, platformUserId: string, mappedSince = 0): Promise<string | undefined> {
    const [row] = await this.sql.query<{ entra_object_id: string }>(
      'SELECT entra_object_id FROM identities WHERE platform = ? AND platform_user_id = ? AND mapped_at >= ?',
      [platform, platformUserId, mappedSince],
    );
    return row?.entra_object_id;
  }

  async getWatermark(name: string): Promise<string | undefined> {
    const [row] = await this.sql.query<{ value: string }>('SELECT value FROM watermarks WHERE name = ?', [name]);
    return row?.value;
  }

  async setWatermark(name: string, value: string): Promise<void> {
    await this.sql.exec('INSERT INTO watermarks (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value', [name, value]);
  }

  async recordAlert(dedupeKey: string, at: number, windowMs?: number): Promise<boolean> {
    // Without a window the key never expires: nothing recorded is older than MIN_SAFE_INTEGER.
    const staleBefore = windowMs === undefined ? Number.MIN_SAFE_INTEGER : at - windowMs;
    const changed = await this.sql.exec(
      `INSERT INTO alerts (dedupe_key, recorded_at) VALUES (?, ?)
       ON CONFLICT (dedupe_key) DO UPDATE SET recorded_at = excluded.recorded_at WHERE alerts.recorded_at < ?`,
      [dedupeKey, at, staleBefore],
    );
    return changed === 1;
  }

  async acquireLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    const changed = await this.sql.exec(
      `INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`,
      [name, owner, now + ttlMs, now],
    );
    return changed === 1;
  }
}

/** A WHERE clause from optional filters; absent values add nothing. */
class Where {
  private readonly clauses: string[] = [];
  readonly params: SqlValue[] = [];

  eq(column: string, value: string | undefined): this {
    return this.cmp(column, '=', value);
  }

  cmp(column: string, op: '=' | '>=' | '<', value: string | number | undefined): this {
    if (value !== undefined) {
      this.clauses.push(`${column} ${op} ?`);
      this.params.push(value);
    }
    return this;
  }

  raw(clause: string, params: SqlValue[]): this {
    this.clauses.push(clause);
    this.params.push(...params);
    return this;
  }

  sql(): string {
    return this.clauses.length === 0 ? '' : ` WHERE ${this.clauses.join(' AND ')}`;
  }
}
