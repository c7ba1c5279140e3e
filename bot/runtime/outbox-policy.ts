import type { ErrorCode } from '../core/errors';

/** How the outbox retries, leases and paces effects; tests and replicas tune it through WorkflowRuntimeOptions.outbox. */
export interface OutboxPolicy {
  /** Attempts before an effect is marked dead and `effect.failed` is sent. */
  maxAttempts: number;
  /** Backoff after the first failure; doubles per attempt up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * How long a claim keeps other replicas off a row while its handler runs. A running handler
   * renews it (renewEveryMs), so it only runs out when its replica has died or hung: then another
   * replica takes the row over within this time.
   */
  leaseMs: number;
  /** How often a running handler renews its claim (default a third of the lease); 0 never. */
  renewEveryMs: number;
  batchSize: number;
  /**
   * Effects of different lanes (see delivery-lane.ts) run side by side, at most this many at once
   * in each pool (chat; Graph and exports): a claim never holds two rows of one lane, so this
   * cannot reorder a lane. Eight, not more: on SQLite every result is a transition on the one
   * thread, and 32 at once made due timers several seconds late (bench workload 4).
   */
  concurrency: number;
  /** A drain stops after this many effects so a result-effect loop cannot spin forever. */
  maxPerDrain: number;
}

export const DEFAULT_OUTBOX_POLICY: OutboxPolicy = {
  maxAttempts: 8,
  baseDelayMs: 2_000,
  maxDelayMs: 5 * 60_000,
  leaseMs: 15_000,
  renewEveryMs: 5_000,
  batchSize: 20,
  concurrency: 8,
  maxPerDrain: 1_000,
};

/** Failures no retry will fix; the effect is given up on at once. */
export const PERMANENT_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'graph.forbidden',
  'graph.unauthorized',
  'graph.bad_request',
  'graph.not_found',
  'platform.unauthorized',
  'config.invalid',
  'identity.unmapped',
]);
