/**
 * The one storage port. adapters/storage implements it twice (SQLite,
 * PostgreSQL) and one contract suite runs against both. Times are epoch ms.
 * JSON columns are passed as plain objects; implementations serialise.
 */

/**
 * 'closed' is finished for good: every later event is dropped. 'dormant' is
 * ended for now but still takes events (a closed incident can be reopened):
 * neither open nor gone, so open-workflow counts leave it out.
 */
export type WorkflowStatus = 'active' | 'dormant' | 'closed';

export interface WorkflowRow {
  id: string;
  kind: string; // a workflow kind, as spelled in workflows/*/kind.ts
  version: number; // compare-and-set guard, starts at 1
  status: WorkflowStatus;
  snapshot: unknown; // xstate persisted snapshot
  /** Where the workflow lives: Place JSON (platform, conversation, thread). */
  home: unknown;
  createdAt: number;
  updatedAt: number;
  /**
   * What listings need of the workflow, written with every step by its kind (WorkflowDefinition.summarize)
   * so that a listing reads this small column, not every snapshot. Absent for kinds without one.
   */
  summary?: unknown;
}

export interface OutboxRow {
  id: number;
  workflowId: string;
  /** `workflowId:seq`, unique: the idempotency key handed to the effect. */
  idempotencyKey: string;
  effect: { type: string; params: unknown };
  /**
   * The queue the row waits in (see bot/runtime/delivery-lane.ts): only the oldest pending row of
   * each lane is handed out. Absent: `workflow:<id>`, one lane for the whole workflow.
   */
  lane?: string;
  /** A pending row is superseded (never run) once a newer pending row of its lane has the same key. */
  supersedeKey?: string | null;
  /** 'superseded': a newer row with the same supersedeKey made it pointless before it ran. */
  status: 'pending' | 'done' | 'dead' | 'superseded';
  attempts: number;
  nextAttemptAt: number;
  lastError?: string | null;
  createdAt: number;
  /** Set on claimed rows: the lease's end, which doubles as the claim's fencing token. */
  claimedUntil?: number | null;
}

export interface TimerRow {
  workflowId: string;
  /** xstate send id, unique per workflow. */
  sendId: string;
  dueAt: number;
  event: { type: string; [k: string]: unknown };
  /** Set on claimed timers: the lease's end, the claim's fencing token (see retryTimerAt). */
  claimedUntil?: number | null;
}

export interface AuditEntryInput {
  at: number;
  /** Entra object id, platform id, or 'system'. */
  actorEntraId?: string | null;
  actorPlatformId?: string | null;
  workflowId?: string | null;
  type: string;
  data: Record<string, unknown>;
}

export interface AuditEntry extends AuditEntryInput {
  seq: number;
  /** The HMAC key the entry was chained with; null/absent for legacy sha256-only entries. */
  keyId?: string | null;
  prevHash: string;
  hash: string;
}

export interface WorkflowFilter {
  kind?: string;
  status?: WorkflowStatus;
  /** Living in this conversation (any thread of it); indexed. */
  home?: { platform: string; conversationId: string };
  /** Keyset paging: only rows after this one in (createdAt, id) order, and at most `limit` of them. */
  after?: { createdAt: number; id: string };
  /** Only these ids (one query for a batch of timers instead of one round trip each). */
  ids?: readonly string[];
  /** Changed at or after this time (epoch ms); indexed with kind and status. */
  updatedSince?: number;
  limit?: number;
}

export interface CardRefRow {
  workflowId: string;
  key: string;
  ref: unknown; // MessageRef JSON
}

export interface PruneCutoffs {
  deliveriesBefore: number;
  effectsBefore: number;
  endedWorkflowsBefore?: number;
}

/** One compare-and-set of a workflow row. */
export interface WorkflowUpdate {
  id: string;
  expectedVersion: number;
  next: WorkflowChange;
}

/** What a step changes in a workflow row. */
export type WorkflowChange = Pick<WorkflowRow, 'snapshot' | 'status' | 'updatedAt' | 'summary'>;

/** A listed workflow without its snapshot; `snapshot` only on rows written before summaries existed. */
export type WorkflowSummaryRow = Omit<WorkflowRow, 'snapshot'> & { snapshot?: unknown };

export interface StorageTx {
  /** Throws BreakglassError('workflow.conflict') when a workflow with this id exists. */
  insertWorkflow(row: WorkflowRow): Promise<void>;
  /** false when the stored version is not `expectedVersion` (someone else won). */
  updateWorkflow(id: string, expectedVersion: number, next: WorkflowChange): Promise<boolean>;
  /**
   * updateWorkflow for several workflows in one statement (a batch of timers): resolves to how
   * many were at their expected version and changed; fewer than given means someone else won.
   */
  updateWorkflows(updates: readonly WorkflowUpdate[]): Promise<number>;
  /** A row whose idempotencyKey is already queued is skipped, so a replayed step cannot double an effect. */
  enqueueEffects(rows: Array<Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'lastError'>>): Promise<void>;
  /** Insert or replace by (workflowId, sendId). */
  putTimer(row: TimerRow): Promise<void>;
  deleteTimer(workflowId: string, sendId: string): Promise<void>;
  /** Appends and chains: computes prevHash/hash inside the transaction. */
  appendAudit(entry: AuditEntryInput): Promise<AuditEntry>;
  /** true the first time a delivery key is seen; false for a repeat. */
  recordDelivery(key: string, at: number): Promise<boolean>;
}

/** Lanes whose name starts with `prefix` (or, with `exclude`, every other lane). */
export interface LaneFilter {
  prefix: string;
  exclude?: boolean;
}

/** What the inbound inbox knows about a delivery key (see bot/core/inbox.ts). */
export type InboundClaim = { claimed: true } | { claimed: false; answer?: string };

export interface Storage extends StorageTx {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Claims an inbound delivery before any handler runs: claimed the first time, or when an
   * earlier claim is older than `staleBefore` and never answered (its process died); otherwise
   * not claimed, with the stored answer if there is one.
   */
  claimInbound(key: string, at: number, staleBefore: number): Promise<InboundClaim>;
  /** Records the answer given to a claimed delivery (JSON, or null when there was none). */
  answerInbound(key: string, answer: string | null, at: number): Promise<void>;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * All writes inside happen atomically or not at all. Inside `fn` use only `tx`: the storage
   * itself would wait for this very transaction (SQLite refuses such a call outright).
   */
  transaction<T>(fn: (tx: StorageTx) => Promise<T>): Promise<T>;

  getWorkflow(id: string): Promise<WorkflowRow | undefined>;
  listWorkflows(filter: WorkflowFilter): Promise<WorkflowRow[]>;
  /** As listWorkflows, reading each row's summary instead of its snapshot (listings such as `elevations`). */
  listWorkflowSummaries(filter: WorkflowFilter): Promise<WorkflowSummaryRow[]>;
  /** How many listWorkflows would return, without reading them (metrics). */
  countWorkflows(filter: { kind?: string; status?: WorkflowStatus }): Promise<number>;

  /**
   * Claim up to `limit` due timers for `leaseMs` (PostgreSQL: SKIP LOCKED), earliest first.
   * A claimed timer is not handed out again until its lease runs out; putTimer clears the claim.
   */
  claimDueTimers(now: number, limit: number, leaseMs: number): Promise<TimerRow[]>;
  /**
   * Shortens a claim on this timer (same due time) so it is handed out again at `at`; a timer since
   * replaced or fired is left alone, and so is one claimed again since (the claim's `claimedUntil` differs).
   */
  retryTimerAt(timer: Pick<TimerRow, 'workflowId' | 'sendId' | 'dueAt' | 'claimedUntil'>, at: number): Promise<void>;
  /**
   * Claim up to `limit` pending effects whose nextAttemptAt has come, for `leaseMs`.
   * Per lane only the oldest pending effect is handed out, so a lane's effects run in order even
   * across replicas while lanes never wait for each other. Unclaimed rows superseded by a newer
   * row of their workflow (same lane and supersedeKey) are marked 'superseded' first. `lanes`
   * limits the claim to lanes with (or without) a prefix. `attempts` counts claims, this one included.
   */
  claimDueEffects(now: number, limit: number, leaseMs: number, lanes?: LaneFilter): Promise<OutboxRow[]>;
  /**
   * Claims the oldest pending row of one lane if it is due and unclaimed (never a row behind it):
   * what the outbox asks when an effect of that lane has just finished, instead of scanning every
   * lane again. Superseded card updates at the head are marked and passed over first.
   */
  claimLaneHead(lane: string, now: number, leaseMs: number): Promise<OutboxRow | undefined>;
  /**
   * Extends the claim on a row to `until`, only if `claimedUntil` is still its token (this process
   * still owns it). Returns the new token, or undefined when the claim was lost: the row is
   * someone else's now and must not be run or handed back by this process.
   */
  renewEffectClaim(id: number, claimedUntil: number, until: number): Promise<number | undefined>;
  /**
   * With `claimedUntil` (the claim's token) only the current owner's hand-back is accepted:
   * false, and no change, when the lease ran out and the row was claimed again or finished.
   */
  completeEffect(id: number, claimedUntil?: number): Promise<boolean>;
  /** Records the error; the effect is retried at `nextAttemptAt`, or never again when `dead`. Fenced like completeEffect. */
  failEffect(id: number, error: string, nextAttemptAt: number, dead: boolean, claimedUntil?: number): Promise<boolean>;
  pendingEffectCount(): Promise<number>;
  /**
   * Forgets what no longer needs remembering: delivery keys first seen before `deliveriesBefore`
   * (platforms stop retrying long before), and effects done before `effectsBefore` (the audit log
   * keeps their record). Dead effects stay for whoever investigates them. Workflows that ended
   * (closed or dormant), last changed before `endedWorkflowsBefore`, with no timer and no effect
   * still to run, are removed with their card references: listings and lookups stop carrying them,
   * and their audit entries stay. Returns rows removed.
   */
  prune(cutoffs: PruneCutoffs): Promise<number>;
  /**
   * At start, hands back timer and effect claims no live process can hold, so work a crashed
   * process had claimed runs now rather than when its lease ends. Only SQLite can know (one
   * process per file); PostgreSQL replicas wait out the lease. Returns how many were released.
   */
  releaseOrphanedClaims(): Promise<number>;
  /** When the next timer can be claimed (its due time, or its lease end if one holds it). */
  nextTimerDue(): Promise<number | undefined>;

  /** Entries by seq; `since` inclusive, `until` exclusive (epoch ms). */
  listAudit(filter: { since?: number; until?: number; workflowId?: string }): Promise<AuditEntry[]>;
  /** The last appended entry's seq and hash (0 and 64 zeros before the first): catches entries cut off the end. */
  getAuditHead(): Promise<{ seq: number; hash: string }>;

  putCardRef(row: CardRefRow): Promise<void>;
  getCardRef(workflowId: string, key: string): Promise<unknown | undefined>;

  putConversationRef(key: string, ref: unknown): Promise<void>;
  getConversationRef(key: string): Promise<unknown | undefined>;

  /** mappedAt: epoch ms the mapping was checked (default now). */
  putIdentity(platform: string, platformUserId: string, entraObjectId: string, source: string, mappedAt?: number): Promise<void>;
  /** Only a mapping checked at or after mappedSince (epoch ms); older ones are due a re-check. */
  getIdentity(platform: string, platformUserId: string, mappedSince?: number): Promise<string | undefined>;

  getWatermark(name: string): Promise<string | undefined>;
  setWatermark(name: string, value: string): Promise<void>;

  /**
   * true if this alert key is new (then records it at `at`); false for a repeat. With `windowMs`,
   * a key last recorded more than windowMs before `at` counts as new again.
   */
  recordAlert(dedupeKey: string, at: number, windowMs?: number): Promise<boolean>;

  /** A named lease (one monitor poller per tenant). true when held by `owner`. */
  acquireLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
}
