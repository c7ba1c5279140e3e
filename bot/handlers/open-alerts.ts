import type { OpenAlert } from '../../workflows/break-glass/context';
import type { AlertContext } from '../../workflows/monitoring/alert-types';
import { ALERT_KIND } from '../../workflows/monitoring/alert-kind';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';

/**
 * Monitor alerts nobody has acknowledged, emergency-account ones first: what
 * `close` warns about and the report lists. An alert that already opened an
 * incident, was acknowledged or marked false positive is settled.
 */
export async function unacknowledgedAlerts(runtime: Pick<WorkflowRuntime, 'list'>): Promise<OpenAlert[]> {
  const alerts = await runtime.list<AlertContext>(ALERT_KIND, 'active');
  return alerts
    .filter((v) => v.context.status.state === 'open' && v.context.first)
    .map((v) => {
      const f = v.context.first!;
      const count = v.context.group?.count ?? 1;
      return { id: v.row.id, text: `${f.title}: ${f.subject} at ${readableTime(f.when)}${count > 1 ? ` (${count} times)` : ''}`, emergencyAccount: f.emergencyAccount };
    })
    .sort((a, b) => Number(b.emergencyAccount) - Number(a.emergencyAccount));
}

/** Alerts from the last `withinMs` about one person (by Entra object id), newest first, at most `limit`: for the approval card. */
export async function alertsAbout(runtime: Pick<WorkflowRuntime, 'list'>, entraId: string, now: number, withinMs = 24 * 3_600_000, limit = 3): Promise<string[]> {
  const id = entraId.toLowerCase();
  const alerts = await runtime.list<AlertContext>(ALERT_KIND, 'active');
  return alerts
    .map((v) => v.context.first)
    .filter((f): f is NonNullable<typeof f> => !!f && f.subjectId?.toLowerCase() === id && now - Date.parse(f.when) <= withinMs)
    .sort((a, b) => Date.parse(b.when) - Date.parse(a.when))
    .slice(0, limit)
    .map((f) => `${f.title} (${f.riskLevel} risk, ${readableTime(f.when)})`);
}

/** "2026-03-03 02:27 UTC": how a person reads a time, not ISO with milliseconds. */
function readableTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** The warning `close` answers with when alerts are left open; undefined when none are. */
export function openAlertsWarning(alerts: readonly OpenAlert[]): string | undefined {
  if (alerts.length === 0) return undefined;
  const emergency = alerts.filter((a) => a.emergencyAccount).length;
  const what = emergency > 0 ? `${emergency === 1 ? '1 emergency-account alert is' : `${emergency} emergency-account alerts are`} still unacknowledged` : '';
  const others = alerts.length - emergency;
  const rest = others > 0 ? `${others === 1 ? '1 other alert is' : `${others} other alerts are`} still open` : '';
  return `Warning: ${[what, rest].filter(Boolean).join(' and ')} (${alerts.map((a) => a.id).join(', ')}); the report lists them. Acknowledge them in the security channel, or reopen the incident if they belong to it.`;
}
