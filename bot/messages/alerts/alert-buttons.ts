import type { Button } from '../message';
import { ALERT_ACTIONS, FALSE_POSITIVE_REASON_INPUT, type AlertStatus } from './alert-status';
import { shortTime } from './alert-text';

/**
 * Acknowledge / Open incident / Mark false positive, minus what no longer
 * applies: nothing after a false-positive mark or an opened incident, no
 * second acknowledge, no new incident for use already inside one.
 */
export function alertButtons(alertId: string, status: AlertStatus, options: { emergency: boolean; expectedUse?: string }): Button[] {
  if (status.state === 'false-positive' || status.state === 'incident-opened') return [];
  const buttons: Button[] = [];
  if (status.state === 'open') buttons.push({ actionId: ALERT_ACTIONS.ack, label: 'Acknowledge', value: alertId, style: 'primary' });
  if (!options.expectedUse) buttons.push({ actionId: ALERT_ACTIONS.openIncident, label: 'Open incident', value: alertId, ...(options.emergency ? { style: 'danger' as const } : {}) });
  buttons.push({
    actionId: ALERT_ACTIONS.falsePositive,
    label: 'Mark false positive',
    value: alertId,
    input: { id: FALSE_POSITIVE_REASON_INPUT, label: 'Why is this a false positive?', required: true, placeholder: 'e.g. planned drill, known VPN exit' },
  });
  return buttons;
}

export function statusText(status: AlertStatus): string {
  switch (status.state) {
    case 'open':
      return 'Open';
    case 'acknowledged':
      return `Acknowledged by ${status.by} at ${shortTime(status.at)}`;
    case 'false-positive':
      return `False positive (${status.by}, ${shortTime(status.at)}): ${status.reason}${status.suppressedUntil ? `. Suppressed until ${shortTime(status.suppressedUntil)}` : ''}`;
    case 'incident-opened':
      return `Incident ${status.incidentId} opened by ${status.by} at ${shortTime(status.at)}`;
  }
}
