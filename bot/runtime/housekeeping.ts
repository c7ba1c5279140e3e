import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';

const DAY = 86_400_000;
/** Slack retries a delivery for minutes and Teams for seconds; a week leaves room for a replayed backlog. */
export const DELIVERY_KEYS_KEPT_MS = 7 * DAY;
/** Done effects only matter while someone might ask "did that message go out?"; the audit log says so for good. */
export const DONE_EFFECTS_KEPT_MS = 30 * DAY;
/**
 * An incident or request that ended half a year ago and has nothing scheduled is history: it leaves
 * the workflows table (listings, lookups and restarts stop carrying it) and lives on in the audit log,
 * which is never pruned. A dormant incident that quiet would not be reopened; a new one would be opened.
 */
export const ENDED_WORKFLOWS_KEPT_MS = 180 * DAY;

/** One housekeeping pass: without it the inbox and outbox grow with every request the bot has ever served. */
export async function pruneOldRows(deps: { storage: Storage; clock: Clock; logger: Logger }): Promise<number> {
  const now = deps.clock.now();
  try {
    const removed = await deps.storage.prune({ deliveriesBefore: now - DELIVERY_KEYS_KEPT_MS, effectsBefore: now - DONE_EFFECTS_KEPT_MS, endedWorkflowsBefore: now - ENDED_WORKFLOWS_KEPT_MS });
    if (removed > 0) deps.logger.info({ removed }, 'pruned old delivery keys, finished effects and long-ended workflows');
    return removed;
  } catch (err) {
    deps.logger.warn({ err }, 'housekeeping failed; will try again in an hour');
    return 0;
  }
}
