import type { EventObject } from 'xstate';
import { isBreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Place } from '../core/platform';
import type { Clock } from '../ports/clock';
import type { EffectContext, EffectFailedEvent, EffectHandler, EffectHandlers, OutboxEffect } from './effect-handler';
import type { LaneFilter, OutboxRow, Storage } from '../ports/storage';
import { CHAT_LANE_PREFIX } from './delivery-lane';
import { BackgroundLoop, yieldToIo } from './background-loop';
import { EffectLease } from './effect-lease';
import { describeError, sequenceOf } from './effect-failure';
import { TimeSlice } from './time-slice';
import type { TimersFirst } from './timers-first';
import { DEFAULT_OUTBOX_POLICY, PERMANENT_ERROR_CODES, type OutboxPolicy } from './outbox-policy';

/** How results reach the workflow: WorkflowRuntime.send. */
export type DeliverEvent = (
  workflowId: string,
  event: EventObject,
  meta: { deliveryKey: string; auditType: string },
) => Promise<unknown>;

export interface OutboxRunnerOptions {
  storage: Storage;
  clock: Clock;
  logger: Logger;
  handlers: EffectHandlers;
  deliver: DeliverEvent;
  policy?: Partial<OutboxPolicy>;
  /** New claims wait while due timers fire (see timers-first.ts). */
  timersFirst?: TimersFirst;
}

/**
 * Executes outbox rows: claims due ones, runs the handler for their type with
 * the row's idempotency key, feeds returned events back to the workflow, and
 * retries failures with exponential backoff. Nothing is dropped silently: a
 * row that runs out of attempts is marked dead, logged, audited and reported
 * to its workflow as `effect.failed`.
 */
export class OutboxRunner {
  readonly policy: OutboxPolicy;
  /** One loop per pool (chat; Graph and exports), so each claims new work whatever the other is doing. */
  private readonly loops: BackgroundLoop[];
  /** Claimed rows (id → claim token) to hand back once the database answers again (see releaseStranded). */
  private readonly stranded = new Map<number, number | undefined>();
  /** Effect results are transitions: they queue behind timer passes for the event loop (see time-slice.ts). */
  private readonly slice = new TimeSlice('requests');
  /** Wake drains that wait for running effects, so new work starts without waiting for them. */
  private readonly wakers = new Set<() => void>();
  /** Rows whose completion is being written. */
  private readonly completing = new Set<number>();

  constructor(private readonly options: OutboxRunnerOptions) {
    const leaseMs = options.policy?.leaseMs ?? DEFAULT_OUTBOX_POLICY.leaseMs;
    this.policy = { ...DEFAULT_OUTBOX_POLICY, renewEveryMs: Math.floor(leaseMs / 3), ...options.policy };
    this.loops = [{ prefix: CHAT_LANE_PREFIX }, { prefix: CHAT_LANE_PREFIX, exclude: true }].map(
      (lanes) => new BackgroundLoop(() => this.drainPool(lanes), options.logger, 'outbox drain failed'),
    );
  }

  /** Runs every due effect (and effects their results cause); resolves when none is due. Returns how many ran. */
  async drain(): Promise<number> {
    const counts = await Promise.all(this.loops.map((loop) => loop.run()));
    return counts.reduce((a, b) => a + b, 0);
  }

  /** Starts a drain without waiting for it (called after each commit); wakes a drain that is waiting on slow effects. */
  trigger(): void {
    for (const wake of [...this.wakers]) wake();
    for (const loop of this.loops) loop.trigger();
  }

  /** Polls for due effects (retries whose backoff has passed, rows another replica left). */
  start(pollMs = 1_000): void {
    for (const loop of this.loops) loop.start(pollMs);
  }

  /** Stops polling and waits for the drain in progress. */
  async stop(): Promise<void> {
    await Promise.all(this.loops.map((loop) => loop.stop()));
  }

  /**
   * Keeps up to `concurrency` effects of a pool running and claims more as each one ends, so a
   * slow lane (a page retrying inside its handler) holds only its own slot, never the lanes
   * behind it. Ends when nothing is due and nothing is running. Chat effects and the rest (Graph,
   * exports) are separate pools, so slow Graph reads never hold a checklist update back, nor a
   * flood of pages a revoke.
   */
  private async drainPool(lanes: LaneFilter): Promise<number> {
    const { storage, clock } = this.options;
    await this.releaseStranded();
    let started = 0;
    let ran = 0;
    let failure: { error: unknown } | undefined;
    // A scan of every lane is costly with thousands of rows queued: it runs at the start, on a wake, and
    // when the last scan was cut short by the slots; a finished effect claims only its own lane's next row.
    let scan = true;
    let wake: Promise<boolean> | undefined;
    const running = new Set<Promise<void>>();
    const room = () => Math.min(this.policy.concurrency - running.size, this.policy.batchSize, this.policy.maxPerDrain - started);
    const start = (row: OutboxRow): void => {
      started += 1;
      const run: Promise<void> = this.runClaimed(row)
        .then(async (done) => {
          if (done) ran += 1;
          if (!failure && room() > 0 && row.lane) await this.options.timersFirst?.idle();
          const next = !failure && room() > 0 && row.lane ? await storage.claimLaneHead(row.lane, clock.now(), this.policy.leaseMs) : undefined;
          if (next) start(next);
        })
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => running.delete(run));
      running.add(run);
    };
    for (;;) {
      const space = room();
      if (scan && space > 0 && !failure) {
        await this.options.timersFirst?.idle();
        const rows = await storage.claimDueEffects(clock.now(), space, this.policy.leaseMs, lanes);
        scan = rows.length === space;
        for (const row of rows) start(row);
      }
      if (running.size === 0) break;
      // Wait for a slot, for new work (trigger), or for a retry whose backoff may have passed.
      // One pending wake per pool, reused until it fires: a wait per finished effect would pile up timers.
      wake ??= this.nextWake().then(() => {
        wake = undefined;
        return true;
      });
      const woke = await Promise.race([...[...running].map((r) => r.then(() => false)), wake]);
      if (woke) scan = true;
      await yieldToIo();
    }
    if (failure) throw failure.error;
    return ran;
  }


  /** Resolves on the next trigger() or after a short while, whichever is first. */
  private nextWake(): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, BUSY_RECHECK_MS);
      timer.unref();
      this.wakers.add(wake);
    });
  }

  /** Runs one claimed row under its lease; false when the claim was lost before it ran. */
  private async runClaimed(row: OutboxRow): Promise<boolean> {
    const { storage, clock, logger } = this.options;
    const lease = await EffectLease.take(storage, clock, logger, row, this.policy);
    if (!lease) {
      // The batch waited so long for this row that its claim ran out and another replica took it.
      logger.warn({ workflowId: row.workflowId, effectType: row.effect.type, idempotencyKey: row.idempotencyKey }, 'effect claim lost before it ran; left to its new owner');
      return false;
    }
    try {
      await this.execute(row, lease);
      return true;
    } catch (error) {
      // Only storage calls throw out of execute: the database went away with this row claimed.
      if (!this.completing.has(row.id)) this.stranded.set(row.id, await lease.end());
      throw error;
    } finally {
      this.completing.delete(row.id);
      await lease.end();
    }
  }

  /**
   * Rows this process claimed but could not hand back because the database
   * went away: without this their claim would hold the workflow's effects for
   * the whole lease after the database is back. A row whose completion may
   * have committed is left to its lease instead, so it never runs twice for that.
   */
  private async releaseStranded(): Promise<void> {
    for (const [id, token] of [...this.stranded]) {
      if (token !== undefined) await this.options.storage.failEffect(id, 'storage.unavailable: the database went away while this effect ran', this.options.clock.now(), false, token);
      this.stranded.delete(id);
    }
  }

  private async execute(row: OutboxRow, lease: EffectLease): Promise<void> {
    const { storage, logger } = this.options;
    const attempt = row.attempts; // the claim counted this attempt
    const handler = this.options.handlers[row.effect.type as OutboxEffect['type']] as EffectHandler | undefined;
    if (!handler) {
      await this.giveUp(row, lease, attempt, { code: 'internal', message: `no handler for effect type '${row.effect.type}'` }, undefined);
      return;
    }
    const workflow = await storage.getWorkflow(row.workflowId);
    const context: EffectContext = {
      idempotencyKey: row.idempotencyKey,
      workflowId: row.workflowId,
      seq: sequenceOf(row.idempotencyKey),
      kind: workflow?.kind,
      home: (workflow?.home ?? undefined) as Place | undefined,
      attempt,
      row,
    };
    let result: EventObject | void;
    try {
      result = await handler(row.effect as OutboxEffect, context);
    } catch (error) {
      await this.onFailure(row, lease, attempt, error);
      return;
    }
    try {
      if (result) {
        // Machines record when things happened from the event's `at`; results carry the time they arrived.
        const stamped = 'at' in result ? result : { ...result, at: this.options.clock.now() };
        // The result's transition waits its turn behind due timers: many effects finishing at once must not make pages late.
        await this.slice.pause();
        await this.options.deliver(row.workflowId, stamped, { deliveryKey: `effect:${row.idempotencyKey}`, auditType: 'effect.result' });
      } else {
        await storage.appendAudit({
          at: this.options.clock.now(),
          actorEntraId: 'system',
          workflowId: row.workflowId,
          type: 'effect.done',
          data: { effectType: row.effect.type, idempotencyKey: row.idempotencyKey, attempt },
        });
      }
      this.completing.add(row.id);
      const token = await lease.end();
      const accepted = token !== undefined && (await storage.completeEffect(row.id, token));
      this.completing.delete(row.id);
      if (!accepted) {
        // Our lease ran out while the handler ran: another claim owns the row now, so our
        // hand-back must not overwrite its state (the result itself is deduped on delivery).
        logger.warn({ workflowId: row.workflowId, effectType: row.effect.type, idempotencyKey: row.idempotencyKey, attempt }, 'late effect completion refused: lease lost');
        return;
      }
      logger.debug({ workflowId: row.workflowId, effectType: row.effect.type, idempotencyKey: row.idempotencyKey, attempt }, 'effect done');
    } catch (error) {
      // The handler succeeded but its result did not land; the retry re-runs it
      // under the same idempotency key and the result is deduped on delivery.
      await this.onFailure(row, lease, attempt, error);
    }
  }

  private async onFailure(row: OutboxRow, lease: EffectLease, attempt: number, error: unknown): Promise<void> {
    const described = describeError(error);
    const permanent = isBreakglassError(error) && PERMANENT_ERROR_CODES.has(error.code);
    if (permanent || attempt >= this.policy.maxAttempts) {
      await this.giveUp(row, lease, attempt, described, error);
      return;
    }
    const now = this.options.clock.now();
    const backoff = Math.min(this.policy.baseDelayMs * 2 ** (attempt - 1), this.policy.maxDelayMs);
    const retryAt = isBreakglassError(error) && error.retryAt !== undefined ? error.retryAt : 0;
    const nextAttemptAt = Math.max(now + backoff, retryAt);
    const token = await lease.end();
    if (token !== undefined) await this.options.storage.failEffect(row.id, `${described.code}: ${described.message}`, nextAttemptAt, false, token);
    this.options.logger.warn(
      { workflowId: row.workflowId, effectType: row.effect.type, idempotencyKey: row.idempotencyKey, attempt, nextAttemptAt, code: described.code, err: error },
      'effect failed; will retry',
    );
  }

  private async giveUp(row: OutboxRow, lease: EffectLease, attempt: number, error: { code: string; message: string }, cause: unknown): Promise<void> {
    const { logger, storage } = this.options;
    logger.error(
      { workflowId: row.workflowId, effectType: row.effect.type, idempotencyKey: row.idempotencyKey, attempt, code: error.code, err: cause },
      'effect gave up; telling the workflow',
    );
    const params = (row.effect.params ?? {}) as { key?: unknown; tag?: unknown };
    const event: EffectFailedEvent = {
      type: 'effect.failed',
      effectType: row.effect.type,
      idempotencyKey: row.idempotencyKey,
      at: this.options.clock.now(),
      ...(typeof params.key === 'string' ? { key: params.key } : {}),
      ...(typeof params.tag === 'string' ? { tag: params.tag } : {}),
      error,
    };
    // Tell the workflow before marking the row dead: if we crash in between,
    // the row is retried and the repeat of this event is deduped by its key.
    try {
      await this.options.deliver(row.workflowId, event, { deliveryKey: `effect-failed:${row.idempotencyKey}`, auditType: 'effect.failed' });
    } catch (deliveryError) {
      logger.error({ workflowId: row.workflowId, idempotencyKey: row.idempotencyKey, err: deliveryError }, 'could not report a dead effect to its workflow');
    }
    const token = await lease.end();
    if (token !== undefined) await storage.failEffect(row.id, `${error.code}: ${error.message}`, this.options.clock.now(), true, token);
  }
}

/** While effects run, how often the drain looks again for due work (retries whose backoff passed). */
const BUSY_RECHECK_MS = 250;
