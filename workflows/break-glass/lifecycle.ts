import type { WorkflowActor } from './actor';
import type { BreakGlassContext, OpenAlert } from './context';
import { requestDomains } from './federation-check';
import { checklistCard, checkoutCard, homeNotice, pageCard, withCard, type Outcome } from './outcome';
import { requestSignIns } from './sign-in-review';
import { clip, record } from './timeline';

/**
 * At start the bot posts the checklist and kicks off the two Graph look-ups
 * it can do alone (sign-ins, domains); paging is the ack region's entry, and
 * the inbox rule check the mailbox region's (after the pages: an incident's
 * effects run in order, and reading every privileged mailbox takes a while).
 */
export function start(context: BreakGlassContext): Outcome {
  const signIns = requestSignIns(context);
  const domains = requestDomains(signIns.context);
  const graphCalls = [...signIns.effects, ...domains.effects].filter((e) => e.type === 'graph.call');
  return { context: domains.context, effects: [checklistCard(), ...graphCalls] };
}

export function close(context: BreakGlassContext, actor: WorkflowActor, summary?: string, openAlerts: readonly OpenAlert[] = []): Outcome {
  const alerts = openAlerts.slice(0, 20).map((a) => ({ id: clip(a.id, 40), text: clip(a.text, 300), emergencyAccount: a.emergencyAccount === true }));
  const closure = { at: context.now, by: actor, ...(summary?.trim() ? { summary: clip(summary, 1000) } : {}), ...(alerts.length ? { openAlerts: alerts } : {}) };
  const emergencyUse = context.emergencyUse.map((u) => (u.until === undefined ? { ...u, until: context.now } : u));
  const next = record({ ...context, closure, emergencyUse }, `Closed the incident${closure.summary ? `: ${closure.summary}` : ''}`, { actor });
  // Pages still showing an Acknowledge button are updated so nobody answers a closed incident.
  const pages = next.paging.acknowledgedBy ? [] : next.paging.pages.map((p) => pageCard(p.person));
  // So does a checkout still waiting for its second responder: nobody confirms an account for a closed incident.
  const checkout = next.pendingCheckout ? [checkoutCard(next.pendingCheckout.upn)] : [];
  return withCard(next, homeNotice('report'), ...pages, ...checkout);
}

export function reopen(context: BreakGlassContext, actor: WorkflowActor): Outcome {
  const closedAt = context.closure?.at;
  const emergencyUse = context.emergencyUse.map((u) => (u.until !== undefined && u.until === closedAt ? { ...u, until: undefined } : u));
  const next = record(
    { ...context, closure: undefined, emergencyUse, reopenings: [...context.reopenings, { at: context.now, by: actor }], stall: { ...context.stall, pings: 0 } },
    'Reopened the incident',
    { actor },
  );
  // Pages that said "closed, no acknowledgement needed" ask again while step 1 is open.
  const pages = next.paging.acknowledgedBy ? [] : next.paging.pages.map((p) => pageCard(p.person));
  const checkout = next.pendingCheckout ? [checkoutCard(next.pendingCheckout.upn)] : [];
  return withCard(next, homeNotice('incident-update', { change: 'reopened', by: actor.name }), ...pages, ...checkout);
}
