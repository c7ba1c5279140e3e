import type { EffectError } from '../effects';
import type { WorkflowActor } from './actor';
import type { BreakGlassContext } from './context';
import type { MailboxRuleSummary } from './mailbox-rules';
import { graphCall, homeNotice, withCard, type Outcome } from './outcome';
import { isSettled, noteStep, stepOf } from './steps';
import { record } from './timeline';

/**
 * Step 7: the effect handler reads every privileged account's inbox rules
 * and answers with graph.mailboxRules.succeeded / failed. The step stays open
 * either way: watching mailboxes goes on after one look, and the reminder
 * keeps asking until someone marks it done.
 */
export function requestMailboxRules(context: BreakGlassContext, actor?: WorkflowActor): Outcome {
  const runs = (context.mailboxRules?.runs ?? 0) + 1;
  const tag = `mailboxRules:${runs}`;
  // The step's state is the people's watch, not this look-up: it stays as it was.
  let next: BreakGlassContext = { ...context, mailboxRules: { ...context.mailboxRules, status: 'running', runs, tag, error: undefined } };
  if (actor) next = record(next, 'Asked for the inbox rule check again', { actor, step: 7 });
  return withCard(next, graphCall({ op: 'mailboxRules', args: {}, tag }));
}

export function mailboxRulesSucceeded(context: BreakGlassContext, summary: MailboxRuleSummary): Outcome {
  const enabled = summary.forwarding.filter((f) => f.enabled).length;
  const headline = summary.forwarding.length
    ? `${summary.forwarding.length === 1 ? '1 inbox rule forwards or redirects' : `${summary.forwarding.length} inbox rules forward or redirect`} mail (${enabled} enabled) in ${summary.mailboxes} privileged mailboxes`
    : `no inbox rule forwards or redirects mail in ${summary.mailboxes} privileged mailboxes`;
  let next: BreakGlassContext = { ...context, mailboxRules: { ...context.mailboxRules, runs: context.mailboxRules?.runs ?? 1, status: 'succeeded', summary, error: undefined } };
  if (!isSettled(stepOf(next, 7))) next = noteStep(next, 7, `Inbox rules: ${headline}`);
  next = record(next, `Inbox rules checked: ${headline}`, { step: 7 });
  return withCard(next, homeNotice('mailbox-rules'));
}

/** Graph refusing or down is shown with a retry; the reminder still runs, so the manual watch carries on. */
export function mailboxRulesFailed(context: BreakGlassContext, error: EffectError): Outcome {
  const next = record({ ...context, mailboxRules: { ...context.mailboxRules, runs: context.mailboxRules?.runs ?? 1, status: 'unavailable', error: error.message } }, `Inbox rule check failed: ${error.message}`, { step: 7 });
  return withCard(next, homeNotice('mailbox-rules'));
}
