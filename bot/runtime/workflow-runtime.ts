import { initialTransition, type EventObject } from 'xstate';
import { BreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { Storage, TimerRow, WorkflowFilter, WorkflowRow, WorkflowStatus } from '../ports/storage';
import { auditPayload } from './audit-payload';
import type { EffectHandlers } from './effect-handler';
import { fireTimersTogether, TIMER_META, timerEvent } from './fire-timers-together';
import { KeyedMutex } from './keyed-mutex';
import type { OutboxPolicy } from './outbox-policy';
import { OutboxRunner } from './outbox-runner';
import { TimersFirst } from './timers-first';
import { planTransition, type TransitionPlan } from './plan-transition';
import { CONFLICT, conflictOrThrow, prepareStep, statusOf, writePlan, type StepDeps } from './prepare-step';
import { TimeSlice } from './time-slice';
import { workflowAuditEntry } from './workflow-audit';
import type { WorkflowDefinition } from './workflow-definition';
import type { CommitInfo, SendMeta, SendResult, StartMeta, SummaryView, WorkflowView } from './workflow-types';
import { WorkflowViews } from './workflow-views';

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
 * What one step writes is worked out in prepare-step.ts; reading is
 * workflow-views.ts.
 */
export class WorkflowRuntime {
  readonly outbox: OutboxRunner;
  /** The timer dispatcher fires through this, and the outbox waits for it (see timers-first.ts). */
  readonly timersFirst = new TimersFirst();
  private readonly storage: Storage;
  private readonly clock: Clock;
  private readonly logger: Logger;
  private readonly definitions = new Map<string, WorkflowDefinition>();
  private readonly locks = new KeyedMutex();
  private readonly views: WorkflowViews;
  private readonly steps: StepDeps;
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
    const definition = (kind: string) => this.definition(kind);
    this.views = new WorkflowViews(options.storage, definition);
    this.steps = {
      storage: options.storage,
      clock: options.clock,
      logger: options.logger,
      definition,
      committed: async (workflowId, version, plan) => {
        this.warnUnsupported(workflowId, plan);
        await this.afterCommit(workflowId, version, plan);
      },
    };
    this.outbox = new OutboxRunner({
      storage: options.storage,
      clock: options.clock,
      logger: options.logger,
      handlers: options.effectHandlers,
      policy: options.outbox,
      timersFirst: this.timersFirst,
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
        await tx.insertWorkflow({ id, kind, version: 1, status, snapshot: plan.persisted, home: meta.home ?? null, createdAt: now, updatedAt: now, summary: definition.summarize?.(snapshot.context) });
        await writePlan(tx, id, plan, this.clock.now(), meta.home);
        await tx.appendAudit(workflowAuditEntry(meta.actor, id, now, meta.auditType ?? 'workflow.started', { kind, state: snapshot.value, input: auditPayload(input) }));
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
    const prepare = (row: WorkflowRow, event: EventObject, meta: SendMeta, timer: TimerRow) => prepareStep(this.steps, row, event, meta, timer);
    const joint = batch.length > 1 ? await this.locks.runAll([...together.keys()], () => fireTimersTogether({ storage: this.storage, logger: this.logger, prepare }, batch)) : undefined;
    const results: Array<PromiseSettledResult<SendResult>> = [];
    const slice = new TimeSlice('timers');
    for (const timer of timers) {
      const done = joint?.get(timer);
      results.push(done ? { status: 'fulfilled', value: done } : await settle(this.fireTimer(timer)));
      await slice.pause();
    }
    return results;
  }

  get<TContext = unknown>(workflowId: string): Promise<WorkflowView<TContext> | undefined> {
    return this.views.get<TContext>(workflowId);
  }

  /** See WorkflowViews.list: `where` narrows on stored rows before their snapshots are read. */
  list<TContext = unknown>(kind?: string, status?: WorkflowStatus, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    return this.views.list<TContext>(kind, status, where);
  }

  /** As list, narrowed in the database (e.g. to one conversation). */
  listWhere<TContext = unknown>(filter: WorkflowFilter, where?: (row: WorkflowRow) => boolean): Promise<Array<WorkflowView<TContext>>> {
    return this.views.listWhere<TContext>(filter, where);
  }

  /** Summaries of a kind's workflows (see WorkflowDefinition.summarize), without reading their snapshots. */
  listSummaries<TSummary>(kind: string, status?: WorkflowStatus): Promise<Array<SummaryView<TSummary>>> {
    return this.views.listSummaries<TSummary>(kind, status);
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
    const step = await prepareStep(this.steps, row, event, meta, timer);
    if ('unchanged' in step) return step.unchanged;
    const outcome = await this.storage.transaction((tx) => step.write(tx)).catch(conflictOrThrow);
    if (outcome !== CONFLICT && outcome.changed) await step.afterCommit();
    return outcome;
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

  private warnUnsupported(workflowId: string, plan: TransitionPlan): void {
    if (plan.unsupported.length > 0) this.logger.warn({ workflowId, actions: plan.unsupported }, 'machine used actions the runtime does not run');
  }

  private definition(kind: string): WorkflowDefinition {
    const definition = this.definitions.get(kind);
    if (!definition) throw new BreakglassError('internal', 'That kind of workflow is not available.', { detail: { kind } });
    return definition;
  }
}
