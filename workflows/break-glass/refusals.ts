import { canConfirmCheckout, canRequestCheckout } from './checkout';
import type { BreakGlassContext } from './context';
import type { BreakGlassEvent } from './events';
import { isCurrent } from './graph-answers';
import { isStepNumber, stepDefinition, STEPS } from './step-catalogue';
import { isSettled, stepOf } from './steps';

const GRAPH_STEPS = STEPS.filter((s) => s.usesGraph).map((s) => s.n);

/** Events a closed incident still takes: late Graph answers, notes for the record, reopen. */
const ALLOWED_WHEN_CLOSED = new Set<BreakGlassEvent['type']>([
  'reopen',
  'status',
  'note.add',
  'graph.signIns.succeeded',
  'graph.signIns.failed',
  'graph.domains.succeeded',
  'graph.domains.failed',
  'graph.mailboxRules.succeeded',
  'graph.mailboxRules.failed',
  'emergency.signedIn',
  'export.succeeded',
  'export.failed',
  'page.delivered',
  'page.unreachable',
]);

/**
 * Why the machine will ignore `event` in this context, as one sentence the
 * router can reply privately with; undefined when the event applies. The
 * machine's guards use exactly this, so the reply and the behaviour agree.
 * (The router has already checked the actor's role.)
 */
export function refusalFor(context: BreakGlassContext, event: BreakGlassEvent): string | undefined {
  if (context.closure && !ALLOWED_WHEN_CLOSED.has(event.type)) return 'This incident is closed; reopen it first.';
  switch (event.type) {
    case 'reopen':
      return context.closure ? undefined : 'This incident is already open.';
    case 'status':
    case 'page.delivered':
    case 'page.unreachable':
    case 'emergency.signedIn':
      return undefined;
    case 'ack': {
      const by = context.paging.acknowledgedBy;
      if (by) return `Already acknowledged by ${by.name}.`;
      return isSettled(stepOf(context, 1)) ? 'Step 1 is already done; no acknowledgement is needed.' : undefined;
    }
    case 'playbook.confirm':
      return isSettled(stepOf(context, 2)) ? 'Step 2 is already done.' : undefined;
    case 'checkout.request':
      return canRequestCheckout(context, event.upn);
    case 'checkout.confirm':
      return canConfirmCheckout(context, event.actor.id);
    case 'support.case':
      return event.reference.trim() ? undefined : 'Give the support case number or link.';
    case 'federation.adfs':
      return isSettled(stepOf(context, 6)) ? 'Step 6 is already done.' : federationAnswered(context);
    case 'step.done':
    case 'step.skip':
    case 'step.assign':
    case 'step.retry':
      return stepRefusal(context, event);
    case 'note.add':
      return event.text.trim() ? undefined : 'A note needs some text.';
    case 'commander.set':
      return event.commander.id === context.commander.id ? `${context.commander.name} is already the commander.` : undefined;
    case 'signins.rerun':
    case 'export.run':
      return undefined;
    case 'close':
      return undefined;
    case 'graph.signIns.succeeded':
    case 'graph.signIns.failed':
      return isCurrent(context.signIns.tag, event.tag) ? undefined : 'An older sign-in review answered after a newer one was asked for.';
    case 'graph.domains.succeeded':
    case 'graph.domains.failed':
      return isCurrent(context.federation.tag, event.tag) ? undefined : 'An older domain check answered after a newer one was asked for.';
    case 'graph.mailboxRules.succeeded':
    case 'graph.mailboxRules.failed':
      return isCurrent(context.mailboxRules?.tag, event.tag) ? undefined : 'An older inbox rule check answered after a newer one was asked for.';
    case 'export.succeeded':
    case 'export.failed':
      return isCurrent(context.logExport.tag, event.tag) ? undefined : 'An older export answered after a newer one was started.';
  }
}

/** A second answer (often from the stale question card) must not silently overturn the recorded decision. */
function federationAnswered(context: BreakGlassContext): string | undefined {
  const decision = context.federation.decision;
  if (!decision) return undefined;
  const at = `${new Date(decision.at).toISOString().slice(11, 16)} UTC`;
  return `${decision.by.name} already answered at ${at}: AD FS is unavailable. Mark step 6 done once the domains are switched, or note why they stay federated.`;
}

type StepEvent = Extract<BreakGlassEvent, { type: 'step.done' | 'step.skip' | 'step.assign' | 'step.retry' }>;

function stepRefusal(context: BreakGlassContext, event: StepEvent): string | undefined {
  const n = event.step;
  if (!isStepNumber(n)) return 'Steps are numbered 1 to 8.';
  const step = stepOf(context, n);
  switch (event.type) {
    case 'step.done':
      if (step.state === 'done') return `Step ${n} is already done.`;
      if (n === 3) return 'Step 3 is done when a second responder confirms the emergency account someone chose (two-person rule).';
      return undefined;
    case 'step.skip':
      if (!event.reason.trim()) return `Say why step ${n} is skipped: skip ${n} <reason>.`;
      return isSettled(step) ? `Step ${n} is already ${step.state}.` : undefined;
    case 'step.assign':
      return step.owner?.id === event.assignee.id ? `${event.assignee.name} already owns step ${n}.` : undefined;
    case 'step.retry':
      return GRAPH_STEPS.includes(n) ? undefined : `Only steps ${GRAPH_STEPS.join(', ')} talk to Microsoft Graph; step ${n} (${stepDefinition(n).title}) has nothing to retry.`;
  }
}
