import { isBreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { Storage, TimerRow } from '../ports/storage';
import { BackgroundLoop } from './background-loop';
import { TimeSlice } from './time-slice';
import type { TimersFirst } from './timers-first';
import type { SendResult } from './workflow-types';

export interface TimerDispatcherOptions {
  /** Anything that can fire a claimed timer row: WorkflowRuntime. */
  runtime: { fireTimers(timers: TimerRow[]): Promise<Array<PromiseSettledResult<SendResult>>>; timersFirst?: TimersFirst };
  storage: Storage;
  clock: Clock;
  logger: Logger;
  /**
   * Timers claimed and fired in one transaction (default 200). Each batch queues for the database
   * behind the effects and requests already waiting, so fewer, larger batches are what keeps a burst
   * on time: with 1,000 due at once (bench workload 4), 50 a batch left the last ones 2.7 s (SQLite) and
   * 7.2 s (PostgreSQL) late, 200 a batch 1.2 s and 3.0 s. The event loop does not wait on a batch
   * (SQLite runs on its own thread, and preparing each step yields in time slices).
   */
  batchSize?: number;
  /** How long a claim keeps other replicas off a timer while it fires. */
  leaseMs?: number;
  /** How soon a timer that failed to fire is tried again (default 5 s). */
  retryMs?: number;
}

/**
 * Fires persisted xstate timers when they fall due. Rows are claimed
 * (PostgreSQL: SKIP LOCKED), so one replica fires each; the runtime consumes
 * the row in the same transaction as the transition it causes, and ignores a
 * claim whose timer was cancelled or rescheduled meanwhile, so a timer fires
 * once even when a lease runs out mid-fire.
 */
export class TimerDispatcher {
  private readonly loop: BackgroundLoop;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly retryMs: number;
  /** Timers that failed to fire and could not be handed back yet (the database was away). */
  private readonly stranded = new Map<string, TimerRow>();
  private pollMs: number | undefined;
  private wakeUp: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: TimerDispatcherOptions) {
    this.batchSize = options.batchSize ?? 200;
    // A dead replica's claimed timers fire elsewhere after this. Firing one twice is harmless (the
    // workflow's version and its timer map let only one firing through), so it can be short.
    this.leaseMs = options.leaseMs ?? 15_000;
    this.retryMs = options.retryMs ?? 5_000;
    this.loop = new BackgroundLoop(() => this.fireDue(), options.logger, 'timer dispatch failed');
  }

  /** Fires every timer due now; resolves with how many changed their workflow. */
  tick(): Promise<number> {
    return this.loop.run();
  }

  /**
   * Polls every `pollMs`, and after each pass also wakes when the next timer
   * falls due sooner than that, so a timer is late by its processing, not by
   * up to a poll interval.
   */
  start(pollMs = 1_000): void {
    this.pollMs = pollMs;
    this.loop.start(pollMs);
  }

  stop(): Promise<void> {
    this.pollMs = undefined;
    clearTimeout(this.wakeUp);
    return this.loop.stop();
  }

  private async fireDue(): Promise<number> {
    await this.handBackStranded();
    const { timersFirst } = this.options.runtime;
    // The whole pass, batches and the turns between them: new effects wait until the burst has fired.
    const fired = timersFirst ? await timersFirst.during(() => this.fireBatches()) : await this.fireBatches();
    await this.wakeForNext();
    return fired;
  }

  private async fireBatches(): Promise<number> {
    const { storage, clock, runtime } = this.options;
    let fired = 0;
    const slice = new TimeSlice('timers');
    for (;;) {
      const rows = await storage.claimDueTimers(clock.now(), this.batchSize, this.leaseMs);
      const results = rows.length > 0 ? await runtime.fireTimers(rows) : [];
      for (const [i, result] of results.entries()) if (await this.settle(rows[i]!, result)) fired += 1;
      if (rows.length < this.batchSize) return fired;
      // Between batches, waiting requests go first: a thousand timers due at once must not hold an ack.
      await slice.pause();
    }
  }

  private async wakeForNext(): Promise<void> {
    const { storage, clock } = this.options;
    if (this.pollMs === undefined) return;
    const due = await storage.nextTimerDue();
    if (due === undefined || this.pollMs === undefined) return;
    const inMs = due - clock.now();
    if (inMs >= this.pollMs) return;
    clearTimeout(this.wakeUp);
    // Never sooner than 1 ms: a timer that is due but held by a claim must not spin this loop.
    this.wakeUp = setTimeout(() => this.loop.trigger(), Math.max(1, inMs));
    this.wakeUp.unref();
  }

  private async settle(row: TimerRow, result: PromiseSettledResult<SendResult>): Promise<boolean> {
    const { logger, storage } = this.options;
    if (result.status === 'fulfilled') {
      logger.debug({ workflowId: row.workflowId, sendId: row.sendId, changed: result.value.changed, reason: result.value.reason }, 'timer fired');
      return result.value.changed;
    }
    const error = result.reason;
    if (isBreakglassError(error) && error.code === 'workflow.not_found') {
      // A timer whose workflow is gone has nothing left to do.
      await storage.deleteTimer(row.workflowId, row.sendId);
      return false;
    }
    logger.error({ workflowId: row.workflowId, sendId: row.sendId, err: error }, 'timer could not fire; will retry');
    // Without this a database blip would hold the timer for its whole lease.
    this.stranded.set(`${row.workflowId}/${row.sendId}`, row);
    await this.handBackStranded().catch(() => undefined);
    return false;
  }

  private async handBackStranded(): Promise<void> {
    for (const [key, row] of [...this.stranded]) {
      await this.options.storage.retryTimerAt(row, this.options.clock.now() + this.retryMs);
      this.stranded.delete(key);
    }
  }
}
