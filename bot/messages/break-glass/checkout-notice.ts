import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { BREAK_GLASS_ACTIONS } from './button-values';
import { clock, incidentMessage } from './incident-words';

/**
 * Step 3 (data: { stage: 'requested' | 'confirmed', upn }). The bot never
 * asks for, stores or shows a credential: it only says where it is kept.
 */
export function checkoutNotice(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const upn = typeof data?.upn === 'string' ? data.upn : '';
  const use = context.emergencyUse.find((u) => u.upn === upn);
  if (data?.stage === 'confirmed' && use) {
    const location = context.settings.emergencyAccounts.find((a) => a.upn === upn)?.credentialLocation ?? 'see the emergency access procedure';
    const text = `${use.confirmedBy.name} confirmed the use of ${upn} chosen by ${use.requestedBy.name} at ${clock(use.since)}. The credential is kept at: ${location}. Never paste it into chat. Its sign-ins are expected and watched until the incident closes.`;
    return incidentMessage(context, {
      title: `Emergency account ${upn} checked out`,
      tone: 'warning',
      blocks: [{ kind: 'text', text }],
      fallbackText: text,
    });
  }
  const pending = context.pendingCheckout;
  const latestUse = [...context.emergencyUse].reverse().find((u) => u.upn === upn);
  const who = pending?.upn === upn ? pending.requestedBy.name : (latestUse?.requestedBy.name ?? 'A responder');
  const stillWaiting = pending?.upn === upn && !context.closure;
  const text = stillWaiting
    ? `${who} chose emergency account ${upn}. Two-person rule: a different responder must confirm before anyone signs in with it.`
    : `${who} chose emergency account ${upn}. ${settledText(context, upn)}`;
  return incidentMessage(context, {
    title: stillWaiting ? `Confirm emergency account ${upn}?` : `Emergency account ${upn}: ${latestUse && pending?.upn !== upn ? 'confirmed' : 'not confirmed'}`,
    tone: 'danger',
    blocks: [{ kind: 'text', text }],
    buttons: stillWaiting ? [{ actionId: BREAK_GLASS_ACTIONS.confirm, label: `Confirm ${upn}`, value: context.incidentId, style: 'primary' }] : [],
    fallbackText: text,
  });
}

/** Why a request card no longer asks for a confirmation (its button is gone). */
function settledText(context: BreakGlassContext, upn: string): string {
  const use = [...context.emergencyUse].reverse().find((u) => u.upn === upn);
  if (use && use.until === undefined) return `Confirmed by ${use.confirmedBy.name} at ${clock(use.since)}.`;
  if (context.closure && context.pendingCheckout?.upn === upn) return `The incident closed at ${clock(context.closure.at)} before a second responder confirmed; nobody may sign in with it. Reopen the incident to ask again.`;
  if (use) return `Confirmed by ${use.confirmedBy.name} at ${clock(use.since)}; the incident has closed since.`;
  return 'A later choice replaced this request.';
}
