import { initialTransition, transition, type AnyMachineSnapshot, type EventObject, type StateValue } from 'xstate';
import { canonicalJson } from '../shared/canonical-json';
import { BreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Place } from '../core/platform';
import type { Clock } from '../ports/clock';
import type { EffectHandlers } from './effect-handler';
import { auditPayload } from './audit-payload';
import { KeyedMutex } from './keyed-mutex';
import { SnapshotCache } from './snapshot-cache';
import { deliveryLane } from './delivery-lane';
import { TimeSlice } from './time-slice';
import { OutboxRunner, type OutboxPolicy } from './outbox-runner';
import { decodeWorkflow, restoreMachineSnapshot } from './persisted-workflow';
import { planTransition, type TransitionPlan } from './plan-transition';
import type { AuditEntryInput, Storage, StorageTx, TimerRow, WorkflowFilter, WorkflowRow, WorkflowStatus } from '../ports/storage';
import type { WorkflowDefinition } from './workflow-definition';

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

/** What just committed; `onCommit` sees it before any of its effects run. */
export interface CommitInfo {
  workflowId: string;
  version: number;
  effects: number;
  timersSet: number;
  timersCancelled: number;
}

export interface WorkflowRuntimeOptions {
  storage: Storage;
  clock: Clock;
  definitions: WorkflowDefinition[];
  logger: Logger;
  effectHandlers: EffectHandlers;
  outbox?: Partial<OutboxPolicy>;
  /** Start draining the outbox after every commit that enqueued effects (default true). */
  autoDrain?: boolean;
  /**
   * Compare-and-set attempts before a send gives up with `workflow.conflict` (default 25).
   * Each lost attempt means another replica committed, so the workflow moved on; replicas
   * that keep sending to one workflow can make one of them lose several times in a row.
   */
  maxConflictRetries?: number;
  /** Called after each commit, before its effects are triggered (metrics, crash tests). */
  onCommit?: (commit: CommitInfo) => void | Promise<void>;
}

/** Rows per listing page (see listWhere). */
const LIST_PAGE = 100;

const CONFLICT: unique symbol = Symbol('conflict');

function conflictOrThrow(error: unknown): typeof CONFLICT {
  if (error === CONFLICT) return CONFLICT;
  throw error;
}

/** The writes of one step, for a transaction, and what follows once they commit. */
interface PreparedStep {
  /** Throws CONFLICT when another writer moved the workflow since it was read. */
  write(tx: StorageTx): Promise<SendResult>;
  afterCommit(): Promise<void>;
}

function statusOf(plan: TransitionPlan): WorkflowStatus {
  return plan.closed ? 'closed' : plan.dormant ? 'dormant' : 'active';
}

const TIMER_META: SendMeta = { auditType: 'workflow.timer' };

/** A timer happens at its due time, however late the dispatcher got to it. */
function timerEvent(timer: TimerRow): EventObject {
  return { ...timer.event, at: timer.dueAt } as EventObject;
}

function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }),
    (reason: unknown) => ({ status: 'rejected', reason }),
  );
}

/**
 * Hosts the workflow machines durably. Every event goes: load snapshot ->
 * xstate's pure `transition()` -> one transaction writing the snapshot
 * (compare-and-set on version), the effects (outbox), timers and audit
 * entries -> outbox drain. Nothing that matters lives only in memory.
 */
export class WorkflowRuntime {
  readonly outbox: OutboxRunner;
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly locks = new KeyedMutex();
  private readonly listed = new SnapshotCache();
  private readonly autoDrain: boolean;
  private readonly maxConflictRetries: number;
  private readonly onCommit: WorkflowRuntimeOptions['onCommit'];

  constructor(options: WorkflowRuntimeOptions) {
    this.storage = options.storage;
    this.clock = options.clock;
    this.logger = options.logger;
    this.autoDrain = options.autoDrain ?? true;
    this.maxConflictRetries = options.maxConflictRetries ?? 25;
    this.onCommit = options.onCommit;
    for (const definition of options.definitions) {
      if (this.definitions.has(definition.kind)) throw new Error(`workflow kind '${definition.kind}' is defined twice`);
      this.definitions.set(definition.kind, definition);
    }
    this.outbox = new OutboxRunner({
      storage: options.storage,
      clock: options.clock,
      logger: options.logger,
      handlers: options.effectHandlers,
      policy: options.outbox,
      deliver: (workflowId, event, meta) => this.send(workflowId, event, meta),
    });
  }

  /** Creates a workflow and runs its initial state's entry actions. */
  async start(kind: string, id: string, input: unknown, meta: StartMeta = {}): Promise<SendResult> {
    const definition = this.definition(kind);
    return this.locks.run(id, async () => {
      if (await this.storage.getWorkflow(id)) {
        throw new BreakglassError('workflow.conflict', 'That workflow already exists.', { detail: { workflowId: id, kind } });
      }
      const now = this.clock.now();
      const [snapshot, actions] = initialTransition(definition.machine, input);
      const plan = planTransition({
        workflowId: id,
        definition,
        previous: undefined,
        next: snapshot,
        persistedNext: definition.machine.getPersistedSnapshot(snapshot),
        actions,
        now,
      });
      this.warnUnsupported(id, plan);
      const status = statusOf(plan);
      await this.storage.transaction(async (tx) => {
        await tx.insertWorkflow({ id, kind, version: 1, status, snapshot: plan.persisted, home: meta.home ?? null, createdAt: now, updatedAt: now });
        await this.writePlan(tx, id, plan, meta.home);
        await tx.appendAudit(
          this.auditEntry(meta.actor, id, now, meta.auditType ?? 'workflow.started', { kind, state: snapshot.value, input: auditPayload(input) }),
        );
      });
      await this.afterCommit(id, 1, plan);
      return { changed: true, workflowId: id, version: 1, state: snapshot.value, status };
    });
  }

  /** Sends one event to a workflow. An event the machine ignores changes nothing. */
  send<E extends EventObject>(workflowId: string, event: E, meta: SendMeta = {}): Promise<SendResult> {
    return this.locks.run(workflowId, () => this.apply(workflowId, event, meta, undefined));
  }

  /**
   * Fires a claimed timer row. It only counts if the workflow still has this
   * timer pending with this due time; otherwise it was cancelled or replaced
   * after the claim, and firing it would be wrong.
   */
  fireTimer(timer: TimerRow): Promise<SendResult> {
    return this.locks.run(timer.workflowId, () => this.apply(timer.workflowId, timerEvent(timer), TIMER_META, timer));
  }

  /**
   * Fires claimed timers, the first of each workflow together in one
   * transaction: a burst of due timers then costs one commit (one fsync on
   * SQLite), not one each. When that transaction cannot commit (another
   * replica moved a workflow, or one timer's step fails) each is fired on its
   * own, so one bad timer never holds back the others. Results are in row order.
   */
  async fireTimers(timers: TimerRow[]): Promise<Array<PromiseSettledResult<SendResult>>> {
    const together = new Map<string, TimerRow>();
    for (const timer of timers) if (!together.has(timer.workflowId)) together.set(timer.workflowId, timer);
    const batch = [...together.values()];
    const joint = batch.length > 1 ? await this.locks.runAll([...together.keys()], () => this.fireTogether(batch)) : undefined;
    const results: Array<PromiseSettledResult<SendResult>> = [];
    const slice = new TimeSlice('timers');
    for (const timer of timers) {
      const done = joint?.get(timer);
      results.push(done ? { status: 'fulfilled', value: done } : await settle(this.fireTimer(timer)));
      await slice.pause();
    }
    return results;
  }

  async get<TContext = unknown>(workflowId: string): Promise<WorkflowView<TContext> | undefined> {
    const row = await this.storage.getWorkflow(workflowId);
    return row ? this.view<TContext>(row) : undefined;
  }

  /**
   * `where` sees each stored row (id, home, status, times) before its snapshot is
   * restored: restoring is the costly part, so narrow on those fields here.
   */
  async list<TContext = unknown>(kind?: string, status?: WorkflowStatus, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    return this.listWhere({ kind, status }, where);
  }

  /** As list, narrowed in the database (e.g. to one conversation). */
  async listWhere<TContext = unknown>(filter: WorkflowFilter, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    const views: Array<WorkflowView<TContext>> = [];
    // A page at a time, yielding between pages: reading and parsing a thousand open requests in one go
    // would hold every ack waiting behind it (bench workload 4).
    const slice = new TimeSlice();
    let after = filter.after;
    for (;;) {
      const rows = await this.storage.listWorkflows({ ...filter, ...(after ? { after } : {}), limit: LIST_PAGE });
      for (const row of where ? rows.filter(where) : rows) views.push(this.view<TContext>(row));
      if (rows.length < LIST_PAGE) return views;
      const last = rows[rows.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
      await slice.pause();
    }
  }

  private view<TContext>(row: WorkflowRow): WorkflowView<TContext> {
    const stored = this.listed.decode(row);
    const machine = this.definition(row.kind).machine;
    const persisted = stored.machine as { value: StateValue; context: TContext };
    let restored: AnyMachineSnapshot | undefined;
    return {
      row,
      state: persisted.value,
      context: persisted.context,
      // Restoring through xstate costs far more than reading the stored JSON, and listings of every open request only read.
      get snapshot() {
        return (restored ??= restoreMachineSnapshot(machine, stored.machine));
      },
      home: (row.home ?? undefined) as Place | undefined,
      timers: Object.entries(stored.timers).map(([sendId, dueAt]) => ({ sendId, dueAt })),
    };
  }

  private async apply(workflowId: string, event: EventObject, meta: SendMeta, timer: TimerRow | undefined): Promise<SendResult> {
    for (let attempt = 1; ; attempt++) {
      const row = await this.storage.getWorkflow(workflowId);
      if (!row) {
        throw new BreakglassError('workflow.not_found', 'That workflow no longer exists.', { detail: { workflowId, event: event.type } });
      }
      const outcome = await this.tryApply(row, event, meta, timer);
      if (outcome !== CONFLICT) return outcome;
      if (attempt >= this.maxConflictRetries) {
        throw new BreakglassError('workflow.conflict', 'Someone else changed this at the same moment; please try again.', {
          detail: { workflowId, event: event.type, attempts: attempt },
        });
      }
      this.logger.debug({ workflowId, event: event.type, attempt }, 'workflow version moved; reloading');
    }
  }

  private async tryApply(row: WorkflowRow, event: EventObject, meta: SendMeta, timer: TimerRow | undefined): Promise<SendResult | typeof CONFLICT> {
    const step = await this.prepare(row, event, meta, timer);
    if ('unchanged' in step) return step.unchanged;
    const outcome = await this.storage.transaction((tx) => step.write(tx)).catch(conflictOrThrow);
    if (outcome !== CONFLICT && outcome.changed) await step.afterCommit();
    return outcome;
  }

  /** Timers of different workflows in one transaction; undefined when it did not commit (see fireTimers). */
  private async fireTogether(timers: TimerRow[]): Promise<Map<TimerRow, SendResult> | undefined> {
    const results = new Map<TimerRow, SendResult>();
    const steps: Array<{ timer: TimerRow; step: PreparedStep }> = [];
    const slice = new TimeSlice('timers');
    try {
      // One query for the batch: on PostgreSQL a round trip per timer was most of a burst's lateness.
      const rows = new Map((await this.storage.listWorkflows({ ids: timers.map((t) => t.workflowId) })).map((r) => [r.id, r]));
      for (const timer of timers) {
        await slice.pause();
        const row = rows.get(timer.workflowId);
        if (!row) return undefined; // fireTimer reports it as not found
        const step = await this.prepare(row, timerEvent(timer), TIMER_META, timer);
        if ('unchanged' in step) results.set(timer, step.unchanged);
        else steps.push({ timer, step });
      }
      await this.storage.transaction(async (tx) => {
        for (const { timer, step } of steps) results.set(timer, await step.write(tx));
      });
    } catch (error) {
      this.logger.debug({ timers: timers.length, err: error === CONFLICT ? 'conflict' : error }, 'timers could not fire together; firing each on its own');
      return undefined;
    }
    for (const { timer, step } of steps) {
      if (results.get(timer)?.changed) await step.afterCommit();
      await slice.pause();
    }
    return results;
  }

  /**
   * Works out what an event does to a workflow, without writing: either the
   * answer that nothing changes, or the writes to make in a transaction and
   * what to do once they have committed.
   */
  private async prepare(row: WorkflowRow, event: EventObject, meta: SendMeta, timer: TimerRow | undefined): Promise<{ unchanged: SendResult } | PreparedStep> {
    const unchanged = (reason: NonNullable<SendResult['reason']>, state: StateValue) => ({
      unchanged: { changed: false, workflowId: row.id, version: row.version, state, status: row.status, reason },
    });
    const definition = this.definition(row.kind);
    const stored = decodeWorkflow(row.id, row.snapshot);
    const snapshot = restoreMachineSnapshot(definition.machine, stored.machine);
    if (row.status === 'closed') return unchanged('closed', snapshot.value);
    if (timer && stored.timers[timer.sendId] !== timer.dueAt) {
      this.logger.debug({ workflowId: row.id, sendId: timer.sendId, dueAt: timer.dueAt }, 'timer was cancelled or replaced; not firing');
      return unchanged('stale-timer', snapshot.value);
    }

    const now = this.clock.now();
    const [next, actions] = transition(definition.machine, snapshot, event);
    const persistedNext = definition.machine.getPersistedSnapshot(next);
    const plan = planTransition({
      // Timers set while a timer fires count from its due time, so a chain of
      // escalations keeps the schedule the cards promised even after downtime.
      workflowId: row.id, definition, previous: stored, next, persistedNext, actions, now: timer ? timer.dueAt : now, consumedTimer: timer?.sendId,
    });
    // Compared canonically: PostgreSQL jsonb hands objects back in its own key order.
    const changed = canonicalJson(persistedNext) !== canonicalJson(definition.machine.getPersistedSnapshot(snapshot)) ||
      plan.effects.length > 0 || plan.timerPuts.length > 0 || plan.timerDeletes.length > 0;
    const eventData = { kind: row.kind, event: auditPayload(event), state: snapshot.value };

    if (!changed && !meta.deliveryKey) {
      // A person's click the machine refused (stale card, self-approval) is worth a trace.
      if (meta.actor) await this.storage.appendAudit(this.auditEntry(meta.actor, row.id, now, 'workflow.event.ignored', eventData));
      return unchanged('ignored', snapshot.value);
    }

    const version = row.version + 1;
    const status = statusOf(plan);
    return {
      write: async (tx) => {
        if (meta.deliveryKey && !(await tx.recordDelivery(meta.deliveryKey, now))) return unchanged('duplicate', snapshot.value).unchanged;
        const auditType = meta.auditType ?? 'workflow.event';
        if (!changed) {
          await tx.appendAudit(this.auditEntry(meta.actor, row.id, now, `${auditType}.ignored`, eventData));
          return unchanged('ignored', snapshot.value).unchanged;
        }
        if (!(await tx.updateWorkflow(row.id, row.version, { snapshot: plan.persisted, status, updatedAt: now }))) throw CONFLICT;
        await this.writePlan(tx, row.id, plan, (row.home ?? undefined) as Place | undefined);
        await tx.appendAudit(this.auditEntry(meta.actor, row.id, now, auditType, { ...eventData, version }));
        if (canonicalJson(snapshot.value) !== canonicalJson(next.value) || status !== row.status) {
          await tx.appendAudit(this.auditEntry(meta.actor, row.id, now, 'workflow.state', { kind: row.kind, from: snapshot.value, to: next.value, status, version }));
        }
        return { changed: true, workflowId: row.id, version, state: next.value, status };
      },
      afterCommit: async () => {
        this.warnUnsupported(row.id, plan);
        await this.afterCommit(row.id, version, plan);
      },
    };
  }

  private async writePlan(tx: StorageTx, workflowId: string, plan: TransitionPlan, home: Place | undefined): Promise<void> {
    if (plan.effects.length > 0) {
      const nextAttemptAt = this.clock.now();
      await tx.enqueueEffects(
        plan.effects.map((e) => ({ workflowId, idempotencyKey: e.idempotencyKey, effect: e.effect, nextAttemptAt, createdAt: nextAttemptAt, ...deliveryLane(e.effect, { workflowId, home }) })),
      );
    }
    for (const sendId of plan.timerDeletes) await tx.deleteTimer(workflowId, sendId);
    for (const timer of plan.timerPuts) await tx.putTimer(timer);
  }

  private async afterCommit(workflowId: string, version: number, plan: TransitionPlan): Promise<void> {
    this.logger.debug({ workflowId, version, effects: plan.effects.length, timersSet: plan.timerPuts.length }, 'workflow committed');
    if (this.onCommit) {
      // The transition is committed whatever the hook does; its failure must not look like the send's.
      try {
        await this.onCommit({ workflowId, version, effects: plan.effects.length, timersSet: plan.timerPuts.length, timersCancelled: plan.timerDeletes.length });
      } catch (err) {
        this.logger.error({ workflowId, version, err }, 'onCommit hook failed');
      }
    }
    if (this.autoDrain && plan.effects.length > 0) this.outbox.trigger();
  }

  private auditEntry(actor: AuditActor | undefined, workflowId: string, at: number, type: string, data: Record<string, unknown>): AuditEntryInput {
    return {
      at,
      actorEntraId: actor ? (actor.entraId ?? null) : 'system',
      actorPlatformId: actor?.platformId ?? null,
      workflowId,
      type,
      data: actor?.name ? { ...data, actorName: actor.name } : data,
    };
  }

  private warnUnsupported(workflowId: string, plan: TransitionPlan): void {
    if (plan.unsupported.length > 0) this.logger.warn({ workflowId, actions: plan.unsupported }, 'machine used actions the runtime does not run');
  }

  private definition(kind: string): WorkflowDefinition {
    const definition = this.definitions.get(kind);
    if (!definition) throw new BreakglassError('internal', 'That kind of workflow is not available.', { detail: { kind } });
    return definition;
  }
}
