import { AUDIT_ANCHOR_INTERVAL_MS, logAuditAnchor } from '../bot/audit/audit-anchor';
import type { Logger } from '../bot/core/logger';
import type { MonitorPoller } from '../bot/monitoring/monitor-poller';
import type { Clock } from '../bot/ports/clock';
import { pruneOldRows } from '../bot/runtime/housekeeping';
import type { Storage } from '../bot/ports/storage';
import type { TimerDispatcher } from '../bot/runtime/timer-dispatcher';
import type { WorkflowRuntime } from '../bot/runtime/workflow-runtime';

export interface BackgroundLoopDeps {
  storage: Storage;
  runtime: WorkflowRuntime;
  timers: TimerDispatcher;
  pimWatch: { start(pollMs: number): void; stop(): Promise<void> };
  monitor?: MonitorPoller;
  clock: Clock;
  logger: Logger;
  auditKeyId?: string;
  drillCheck: () => Promise<unknown>;
  pollMs: number;
}

/**
 * Starts the loops a running bot needs (outbox, timers, PIM watch, monitor,
 * the hourly drill check and pruning, the audit anchor) and returns what
 * stops them. The anchor is logged at start, every few minutes and on stop
 * (after the loops, before storage closes).
 */
export async function startBackgroundLoops(deps: BackgroundLoopDeps): Promise<() => Promise<void>> {
  const { storage, runtime, timers, pimWatch, monitor, clock, logger } = deps;
  const anchor = () => logAuditAnchor(storage, logger, deps.auditKeyId).catch((e: unknown) => logger.warn({ err: e }, 'could not log the audit chain anchor'));
  await anchor();
  const anchors = setInterval(() => void anchor(), AUDIT_ANCHOR_INTERVAL_MS);
  anchors.unref();
  runtime.outbox.start(deps.pollMs);
  timers.start(deps.pollMs);
  pimWatch.start(deps.pollMs);
  const hourly = setInterval(() => void deps.drillCheck().then(() => pruneOldRows({ storage, clock, logger })), 3_600_000);
  hourly.unref();
  monitor?.start();
  return async () => {
    clearInterval(hourly);
    await monitor?.stop();
    await pimWatch.stop();
    await timers.stop();
    await runtime.outbox.stop();
    clearInterval(anchors);
    await anchor();
  };
}
