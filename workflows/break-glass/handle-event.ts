import { confirmCheckout, requestCheckout } from './checkout';
import type { BreakGlassContext } from './context';
import type { BreakGlassEvent } from './events';
import { emergencySignedIn } from './emergency-sign-in';
import { decideFederation, domainsFailed, domainsSucceeded } from './federation-check';
import { exportFailed, exportSucceeded, requestExport } from './log-export';
import { mailboxRulesFailed, mailboxRulesSucceeded } from './mailbox-rule-check';
import { close, reopen } from './lifecycle';
import type { Outcome } from './outcome';
import { acknowledge, pageDelivered, pageUnreachable } from './paging';
import { requestSignIns, signInsFailed, signInsSucceeded } from './sign-in-review';
import { isStepNumber } from './step-catalogue';
import { addNote, assign, confirmPlaybook, markDone, markSkipped, recordSupportCase, retryStep, setCommander } from './step-commands';

/**
 * One event -> next context and effects. The machine only calls this after
 * refusalFor said yes, so handlers may assume the event applies.
 */
export function handleEvent(current: BreakGlassContext, event: BreakGlassEvent): Outcome {
  const context = { ...current, now: event.at };
  switch (event.type) {
    case 'ack':
      return acknowledge(context, event.actor);
    case 'playbook.confirm':
      return confirmPlaybook(context, event.actor);
    case 'checkout.request':
      return requestCheckout(context, event.actor, event.upn);
    case 'checkout.confirm':
      return confirmCheckout(context, event.actor);
    case 'support.case':
      return recordSupportCase(context, event.actor, event.reference);
    case 'federation.adfs':
      return decideFederation(context, event.actor, event.available);
    case 'step.done':
      return isStepNumber(event.step) ? markDone(context, event.actor, event.step, event.note) : unchanged(current);
    case 'step.skip':
      return isStepNumber(event.step) ? markSkipped(context, event.actor, event.step, event.reason) : unchanged(current);
    case 'step.assign':
      return isStepNumber(event.step) ? assign(context, event.actor, event.step, event.assignee) : unchanged(current);
    case 'step.retry':
      return isStepNumber(event.step) ? retryStep(context, event.actor, event.step) : unchanged(current);
    case 'note.add':
      return addNote(context, event.actor, event.text);
    case 'commander.set':
      return setCommander(context, event.actor, event.commander);
    case 'signins.rerun':
      return requestSignIns(context, { actor: event.actor, ...(event.lookbackMs ? { lookbackMs: event.lookbackMs } : {}), ...(event.user ? { user: event.user } : {}) });
    case 'export.run':
      return requestExport(context, event.actor);
    case 'close':
      return close(context, event.actor, event.summary, event.openAlerts);
    case 'reopen':
      return reopen(context, event.actor);
    case 'status':
      return unchanged(current);
    case 'graph.signIns.succeeded':
      return signInsSucceeded(context, event.result);
    case 'graph.signIns.failed':
      return signInsFailed(context, event.error);
    case 'graph.domains.succeeded':
      return domainsSucceeded(context, event.result);
    case 'graph.domains.failed':
      return domainsFailed(context, event.error);
    case 'graph.mailboxRules.succeeded':
      return mailboxRulesSucceeded(context, event.result);
    case 'graph.mailboxRules.failed':
      return mailboxRulesFailed(context, event.error);
    case 'emergency.signedIn':
      return emergencySignedIn(context, event);
    case 'export.succeeded':
      return exportSucceeded(context, event.files);
    case 'export.failed':
      return exportFailed(context, event.error);
    case 'page.delivered':
      return pageDelivered(context, event.person);
    case 'page.unreachable':
      return pageUnreachable(context, event.person, event.reason);
  }
}

function unchanged(context: BreakGlassContext): Outcome {
  return { context, effects: [] };
}
