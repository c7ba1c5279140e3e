import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { clock, incidentMessage } from './incident-words';

/** Step 3 (data: { upn }): the checked-out account's first sign-in, as the monitor read it from the sign-in log. */
export function emergencySignInNotice(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const upn = typeof data?.upn === 'string' ? data.upn : '';
  const use = [...context.emergencyUse].reverse().find((u) => u.upn === upn && u.firstSignIn);
  const seen = use?.firstSignIn;
  if (!use || !seen) {
    const text = `No sign-in of ${upn || 'the emergency account'} has been seen yet.`;
    return incidentMessage(context, { title: 'Emergency account sign-in (step 3)', tone: 'info', blocks: [{ kind: 'text', text }], fallbackText: text });
  }
  const minutes = Math.max(0, Math.round((seen.at - use.since) / 60_000));
  const text = `${upn} signed in at ${clock(seen.at)}, ${minutes} minute${minutes === 1 ? '' : 's'} after ${use.confirmedBy.name} confirmed its use. ${seen.detail} (alert ${seen.alertId}). Further sign-ins go on the timeline until the incident closes.`;
  return incidentMessage(context, { title: `Emergency account ${upn} signed in (step 3)`, tone: 'warning', blocks: [{ kind: 'text', text }], fallbackText: text });
}
