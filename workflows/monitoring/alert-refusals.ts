import type { AlertContext, AlertEvent, AlertStatus } from './alert-types';

function settledText(status: AlertStatus): string | undefined {
  switch (status.state) {
    case 'false-positive':
      return `${status.by} already marked this alert a false positive.`;
    case 'incident-opened':
      return `Incident ${status.incidentId} was already opened for this alert by ${status.by}.`;
    default:
      return undefined;
  }
}

/**
 * Why the machine ignores `event` in this context, as one sentence the
 * router can reply privately with; undefined when it applies. The machine's
 * guards use exactly this, so the reply and the behaviour agree. (The router
 * has already checked the actor's role.)
 */
export function alertRefusal(context: AlertContext, event: AlertEvent): string | undefined {
  if (event.type === 'finding') return undefined;
  if (!context.first) return 'This alert has no finding yet.';
  switch (event.type) {
    case 'ack':
      if (context.status.state === 'acknowledged') return `${context.status.by} already acknowledged this alert.`;
      return settledText(context.status);
    case 'false-positive':
      if (!event.reason.trim()) return 'Say why this is a false positive; the reason is kept in the audit log.';
      return settledText(context.status);
    case 'incident.opened':
      if (context.route === 'incident') return `This alert already belongs to incident ${context.incidentId ?? 'that declared the use'}.`;
      return settledText(context.status);
  }
}
