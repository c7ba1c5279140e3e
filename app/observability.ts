import { toBreakglassError } from '../bot/core/errors';
import type { Metrics } from '../bot/core/metrics';
import type { Clock } from '../bot/ports/clock';
import type { Storage } from '../bot/ports/storage';

/** The gauges /metrics reads at scrape time. */
export function observe(metrics: Metrics, storage: Storage, clock: Clock): void {
  metrics.gauge('breakglass_open_workflows', 'Workflows still open (closed incidents that could be reopened excluded)', () => storage.countWorkflows({ status: 'active' }));
  metrics.gauge('breakglass_outbox_depth', 'Effects waiting to run', () => storage.pendingEffectCount());
  metrics.gauge('breakglass_timer_lag_seconds', 'How late the most overdue timer is', async () => {
    const due = await storage.nextTimerDue();
    return due === undefined ? 0 : Math.max(0, (clock.now() - due) / 1000);
  });
}

/** /readyz: the database answers. */
export async function readiness(storage: Storage): Promise<{ ok: boolean; checks: Record<string, string> }> {
  try {
    await storage.pendingEffectCount();
    return { ok: true, checks: { database: 'ok' } };
  } catch (e) {
    return { ok: false, checks: { database: toBreakglassError(e).userMessage } };
  }
}
