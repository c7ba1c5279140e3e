import type { EffectError } from '../effects';
import type { WorkflowActor } from './actor';
import type { BreakGlassContext } from './context';
import { GRAPH_UNAVAILABLE } from './graph-answers';
import { graphCall, homeNotice, withCard, type Outcome } from './outcome';
import { hasFindings, type SignInSummary } from './sign-in-summary';
import { completeStep, failStep, isSettled, startStep, stepOf } from './steps';
import { record } from './timeline';

/**
 * Step 5: one Graph query for the whole window (sign-in logs are rate
 * limited per tenant); the effect handler classifies it with
 * summarizeSignIns and answers with graph.signIns.succeeded / failed.
 */
export function requestSignIns(context: BreakGlassContext, options: { actor?: WorkflowActor; lookbackMs?: number; user?: string } = {}): Outcome {
  const lookback = options.lookbackMs ?? context.settings.signInLookbackMs;
  const window = { since: new Date(context.now - lookback).toISOString(), until: new Date(context.now).toISOString() };
  const runs = context.signIns.runs + 1;
  const tag = `signins:${runs}`;
  const args = { ...window, emergencyUpns: context.settings.emergencyAccounts.map((a) => a.upn), ...(options.user ? { user: options.user } : {}) };
  let next: BreakGlassContext = { ...context, signIns: { ...context.signIns, status: 'running', runs, tag, window, user: options.user, error: undefined } };
  if (!isSettled(stepOf(next, 5))) next = startStep(next, 5);
  if (options.actor) next = record(next, `Asked for the sign-in review${options.user ? ` of ${options.user}` : ''}`, { actor: options.actor, step: 5 });
  return withCard(next, graphCall({ op: 'signIns', args, tag }));
}

/** A review limited to one account is posted, but does not replace the incident-wide findings the report keeps. */
export function signInsSucceeded(context: BreakGlassContext, summary: SignInSummary): Outcome {
  const { user } = context.signIns;
  let next: BreakGlassContext = { ...context, signIns: { ...context.signIns, status: 'succeeded', summary, ...(user ? {} : { incidentWide: summary }), error: undefined } };
  const headline = `${summary.total} sign-ins${user ? ` of ${user}` : ''}, ${summary.failed} failed${hasFindings(summary) ? '' : ', nothing unusual'}`;
  if (!isSettled(stepOf(next, 5))) next = completeStep(next, 5, undefined, `Summary posted: ${headline}`);
  next = record(next, `Sign-in summary posted: ${headline}`, { step: 5 });
  return withCard(next, homeNotice('sign-in-summary'));
}

/** Graph being down is a state to show, not an error: the manual checklist carries on. */
export function signInsFailed(context: BreakGlassContext, error: EffectError): Outcome {
  let next: BreakGlassContext = { ...context, signIns: { ...context.signIns, status: 'unavailable', error: error.message } };
  if (!isSettled(stepOf(next, 5))) next = failStep(next, 5, GRAPH_UNAVAILABLE);
  next = record(next, 'Sign-in review failed: Graph is unavailable', { step: 5 });
  return withCard(next, homeNotice('step-degraded', { step: 5 }));
}
