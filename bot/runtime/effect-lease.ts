import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { OutboxRow, Storage } from '../ports/storage';

export interface LeaseTiming {
  leaseMs: number;
  /** How often a running handler extends its claim; 0 never (only tests that stand in for a stalled process). */
  renewEveryMs: number;
}

/**
 * This process's claim on one outbox row while its handler runs. The claim's
 * `claimed_until` is its fencing token: the lease is renewed when the row
 * starts (a row late in a claimed batch may have waited most of its lease)
 * and every `renewEveryMs` while the handler runs, and the row is handed back
 * with the token current at the end. A lease that was lost (another replica
 * claimed the row after it ran out) hands back nothing: storage refuses a
 * stale token.
 */
export class EffectLease {
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private renewing: Promise<void> = Promise.resolve();
  private lost = false;

  private constructor(
    private readonly storage: Pick<Storage, 'renewEffectClaim'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly row: OutboxRow,
    private token: number,
    private readonly timing: LeaseTiming,
  ) {}

  /** Confirms the claim before the row runs; undefined when it is no longer ours (do not run it). */
  static async take(storage: Pick<Storage, 'renewEffectClaim'>, clock: Clock, logger: Logger, row: OutboxRow, timing: LeaseTiming): Promise<EffectLease | undefined> {
    const claimed = row.claimedUntil;
    if (claimed == null) return undefined;
    let token: number | undefined = claimed;
    // A fresh claim needs no round trip; one that has used up a third of its lease is extended first.
    if (claimed - clock.now() < (timing.leaseMs * 2) / 3) token = await storage.renewEffectClaim(row.id, claimed, clock.now() + timing.leaseMs);
    if (token === undefined) return undefined;
    const lease = new EffectLease(storage, clock, logger, row, token, timing);
    lease.startHeartbeat();
    return lease;
  }

  /** Stops renewing; the token to hand the row back with, or undefined when the claim was lost meanwhile. */
  async end(): Promise<number | undefined> {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
    await this.renewing;
    return this.lost ? undefined : this.token;
  }

  private startHeartbeat(): void {
    if (this.timing.renewEveryMs <= 0) return;
    this.heartbeat = setInterval(() => {
      this.renewing = this.renewing.then(() => this.renew());
    }, this.timing.renewEveryMs);
    this.heartbeat.unref();
  }

  private async renew(): Promise<void> {
    if (this.lost || this.heartbeat === undefined) return;
    try {
      const token = await this.storage.renewEffectClaim(this.row.id, this.token, this.clock.now() + this.timing.leaseMs);
      if (token !== undefined) {
        this.token = token;
        return;
      }
      this.lost = true;
      clearInterval(this.heartbeat);
      this.logger.warn({ workflowId: this.row.workflowId, effectType: this.row.effect.type, idempotencyKey: this.row.idempotencyKey }, 'effect lease lost while its handler ran');
    } catch (err) {
      // The database is away: keep the token; the next beat (or the hand-back) tries again.
      this.logger.warn({ workflowId: this.row.workflowId, idempotencyKey: this.row.idempotencyKey, err }, 'could not renew an effect lease');
    }
  }
}
