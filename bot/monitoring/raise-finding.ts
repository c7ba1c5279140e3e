import type { BreakGlassEvent } from '../../workflows/break-glass/events';
import type { AlertContext, AlertFindingEvent, AlertInput, AlertSettings } from '../../workflows/monitoring/alert-types';
import { joinsAlert } from '../../workflows/monitoring/alert-grouping';
import type { Finding } from '../../workflows/monitoring/finding';
import { routeFinding } from '../../workflows/monitoring/route-finding';
import { emergencySignIn } from '../../workflows/monitoring/rules/emergency-sign-in';
import { isBreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { Place } from '../core/platform';
import { idList, shortTime } from '../messages/alerts/alert-text';
import type { Storage } from '../ports/storage';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { alertIdFor, type AlertKey } from './alert-id';
import { readCursor, writeCursor, type Pattern } from './pattern-cursor';

import { ALERT_KIND } from '../../workflows/monitoring/alert-kind';

/** The incidents' notes name the monitor as their author. */
const MONITOR_ACTOR = { id: 'system:monitor', name: 'breakglass monitor' };

export interface RaiseDeps {
  runtime: Pick<WorkflowRuntime, 'get' | 'start' | 'send'>;
  storage: Pick<Storage, 'getWatermark' | 'setWatermark'>;
  logger: Logger;
  tenant: string;
  simulated: boolean;
  settings: AlertSettings;
  cooldownMs: number;
  /** Where alerts outside an incident live; undefined when no security channel is reachable. */
  securityHome: Place | undefined;
}

/**
 * Delivers one finding to its alert, at most once: it goes in with a
 * delivery key made of its identity, and the inbox drops a repeat whichever
 * alert it is offered to. So a poll that reads the overlap again, a restart,
 * a crash half way or two replicas at once post nothing twice. Repeats fold
 * into the pattern's latest alert (see joinsAlert); otherwise a new alert
 * opens, its id computed from the finding. true when the finding was new.
 */
export async function raiseFinding(deps: RaiseDeps, f: Finding, identity: string, now: number): Promise<boolean> {
  const route = routeFinding(f);
  const incidentId = route === 'incident' ? f.expectedUse : undefined;
  const pattern: Pattern = { tenant: deps.tenant, dedupeKey: f.dedupeKey, route, ...(incidentId ? { incidentId } : {}) };
  const cursor = await readCursor(deps.storage, pattern);
  const latest = cursor && (await deps.runtime.get<AlertContext>(cursor.alertId));
  const joins = !!cursor && !!latest && joinsAlert(latest.context, cursor.last, f, deps.cooldownMs);
  const alertId = joins ? cursor.alertId : await openAlert(deps, { ...pattern, opener: identity }, now);

  const event: AlertFindingEvent = { type: 'finding', finding: f, at: now };
  const result = await deps.runtime.send(alertId, event, { deliveryKey: `monitor:${deps.tenant}:${identity}`, auditType: 'monitor.finding' });
  const when = Date.parse(f.when);
  // A finding read again moves nothing: the cursor follows new findings only.
  if (result.changed && (!joins || when > cursor.last)) await writeCursor(deps.storage, pattern, { alertId, last: joins ? Math.max(when, cursor.last) : when });
  if (incidentId) await noteInIncident(deps, incidentId, alertId, f, identity, now);
  return result.changed;
}

const MAX_SALT = 5;

/** The alert for this key, started now unless it exists. */
async function openAlert(deps: RaiseDeps, key: AlertKey, now: number): Promise<string> {
  for (let salt = 0; salt < MAX_SALT; salt++) {
    const alertId = alertIdFor({ ...key, salt });
    const existing = await deps.runtime.get<AlertContext>(alertId);
    if (existing && existing.context.dedupeKey === key.dedupeKey) return alertId;
    if (existing) {
      deps.logger.error({ alertId, dedupeKey: key.dedupeKey, other: existing.context.dedupeKey }, 'alert id clash; trying the next');
      continue;
    }
    const home = key.incidentId ? ((await deps.runtime.get(key.incidentId))?.home ?? deps.securityHome) : deps.securityHome;
    if (!home) deps.logger.warn({ alertId }, 'no security channel is configured for a connected chat platform; the alert is recorded but cannot be posted');
    const input: AlertInput = {
      alertId,
      dedupeKey: key.dedupeKey,
      route: key.route,
      ...(key.incidentId ? { incidentId: key.incidentId } : {}),
      simulated: deps.simulated,
      createdAt: now,
      settings: deps.settings,
    };
    try {
      await deps.runtime.start(ALERT_KIND, alertId, input, { ...(home ? { home } : {}), auditType: 'monitor.alert.opened' });
    } catch (e) {
      // Another replica opened it a moment ago: the same alert, nothing lost.
      if (!(isBreakglassError(e) && e.code === 'workflow.conflict')) throw e;
    }
    return alertId;
  }
  throw new Error(`no free alert id for ${key.dedupeKey}`);
}

/**
 * Declared use shows on the incident's timeline too, so the incident's record
 * is complete. The emergency account's own sign-in is what step 3 waits for:
 * it goes to the incident as such, which posts the first one.
 */
async function noteInIncident(deps: RaiseDeps, incidentId: string, alertId: string, f: Finding, identity: string, now: number): Promise<void> {
  const note: BreakGlassEvent =
    f.ruleId === emergencySignIn.id
      ? { type: 'emergency.signedIn', upn: f.subject, signedInAt: Date.parse(f.when), detail: f.detail, alertId, at: now }
      : {
          type: 'note.add',
          text: `Monitor (alert ${alertId}): ${f.title} at ${shortTime(f.when)}. ${f.detail} Records: ${idList(f.recordIds, f.recordCount, 3)}.`,
          actor: MONITOR_ACTOR,
          at: now,
        };
  try {
    await deps.runtime.send(incidentId, note, { deliveryKey: `monitor-note:${deps.tenant}:${identity}`, auditType: 'monitor.incident.note' });
  } catch (e) {
    // The alert itself is posted in the incident; a missing note must not block the monitor.
    deps.logger.warn({ err: e, incidentId, alertId }, 'could not add the monitor note to the incident');
  }
}
