import type { WorkflowActor } from './actor';
import type { BreakGlassContext } from './context';
import { checkoutCard, homeNotice, withCard, type Outcome } from './outcome';
import { claimStep, completeStep, startStep, stepOf } from './steps';
import { record } from './timeline';

/**
 * Two-person rule for step 3: one responder picks the account, a different
 * one confirms. Returns why `actorId` may not confirm, or undefined.
 */
export function canConfirmCheckout(context: BreakGlassContext, actorId: string): string | undefined {
  if (context.closure) return 'This incident is closed; reopen it first.';
  const pending = context.pendingCheckout;
  if (!pending) return 'No emergency account is waiting for a second confirmation.';
  if (pending.requestedBy.id === actorId) return `The two-person rule needs a second responder: you chose ${pending.upn}, so someone else must confirm.`;
  return undefined;
}

/** Why `upn` may not be checked out now, or undefined. */
export function canRequestCheckout(context: BreakGlassContext, upn: string): string | undefined {
  if (context.closure) return 'This incident is closed; reopen it first.';
  const account = findAccount(context, upn);
  if (!account) return `${upn} is not one of the configured emergency accounts.`;
  if (context.emergencyUse.some((u) => u.upn === account.upn)) return `${account.upn} is already checked out for this incident.`;
  return undefined;
}

export function findAccount(context: BreakGlassContext, upn: string) {
  const wanted = upn.trim().toLowerCase();
  return context.settings.emergencyAccounts.find((a) => a.upn.toLowerCase() === wanted);
}

/** A new request replaces one still waiting: picking the wrong account must be easy to undo. */
export function requestCheckout(context: BreakGlassContext, actor: WorkflowActor, upn: string): Outcome {
  const account = findAccount(context, upn);
  if (!account) return { context, effects: [] };
  const withRequest = { ...context, pendingCheckout: { upn: account.upn, requestedBy: actor, at: context.now } };
  const started = startStep(claimStep(withRequest, 3, actor), 3, `${actor.name} chose ${account.upn}; waiting for a second responder`);
  const next = record(started, `Chose emergency account ${account.upn}; a second responder must confirm`, { actor, step: 3 });
  // The request it replaces loses its Confirm button: a dead button must not confirm the wrong account.
  const replaced = context.pendingCheckout && context.pendingCheckout.upn !== account.upn ? [checkoutCard(context.pendingCheckout.upn)] : [];
  return withCard(next, ...replaced, checkoutCard(account.upn));
}

export function confirmCheckout(context: BreakGlassContext, actor: WorkflowActor): Outcome {
  const pending = context.pendingCheckout;
  if (!pending) return { context, effects: [] };
  const use = { upn: pending.upn, since: context.now, requestedBy: pending.requestedBy, confirmedBy: actor };
  const withUse = { ...context, pendingCheckout: undefined, emergencyUse: [...context.emergencyUse, use] };
  const note = `${pending.upn} chosen by ${pending.requestedBy.name}, confirmed by ${actor.name}`;
  const done = stepOf(context, 3).state === 'done' ? withUse : completeStep(withUse, 3, actor, note);
  const next = record(done, `Confirmed use of emergency account ${pending.upn} (chosen by ${pending.requestedBy.name})`, { actor, step: 3 });
  return withCard(next, checkoutCard(pending.upn), homeNotice('checkout', { stage: 'confirmed', upn: pending.upn }));
}
