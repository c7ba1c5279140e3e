import type { EffectError } from '../effects';
import type { Domain } from '../graph-records';
import type { WorkflowActor } from './actor';
import type { BreakGlassContext } from './context';
import { GRAPH_UNAVAILABLE } from './graph-answers';
import { graphCall, homeNotice, withCard, type Outcome } from './outcome';
import { claimStep, completeStep, failStep, isSettled, noteStep, startStep, stepOf } from './steps';
import { record } from './timeline';

/** Step 6: list domains and their authentication type. */
export function requestDomains(context: BreakGlassContext, actor?: WorkflowActor): Outcome {
  const runs = context.federation.runs + 1;
  const tag = `domains:${runs}`;
  let next: BreakGlassContext = { ...context, federation: { ...context.federation, status: 'running', runs, tag, error: undefined } };
  if (!isSettled(stepOf(next, 6))) next = startStep(next, 6);
  if (actor) next = record(next, 'Asked for the domain list again', { actor, step: 6 });
  return withCard(next, graphCall({ op: 'domains', args: {}, tag }));
}

export function domainsSucceeded(context: BreakGlassContext, domains: readonly Domain[]): Outcome {
  const listed = domains.map((d) => ({ id: d.id, authenticationType: d.authenticationType }));
  const federated = listed.filter((d) => d.authenticationType.toLowerCase() === 'federated').map((d) => d.id);
  let next: BreakGlassContext = { ...context, federation: { ...context.federation, status: 'succeeded', domains: listed, federated, error: undefined } };
  if (federated.length === 0) {
    if (!isSettled(stepOf(next, 6))) next = completeStep(next, 6, undefined, `No federated domains (${listed.length} checked): nothing to switch`);
    next = record(next, `Checked ${listed.length} domains: none federated`, { step: 6 });
    return withCard(next, homeNotice('step-update', { step: 6, change: 'done' }));
  }
  // A re-check after someone already said AD FS is down does not ask the question again.
  if (context.federation.decision) return withCard(record(next, `Checked the domains again; federated: ${federated.join(', ')}`, { step: 6 }));
  if (!isSettled(stepOf(next, 6))) next = noteStep(next, 6, `Federated: ${federated.join(', ')}. Is AD FS available?`);
  next = record(next, `Federated domains: ${federated.join(', ')}; asked whether AD FS is available`, { step: 6 });
  return withCard(next, homeNotice('federation', { stage: 'question' }));
}

export function domainsFailed(context: BreakGlassContext, error: EffectError): Outcome {
  let next: BreakGlassContext = { ...context, federation: { ...context.federation, status: 'unavailable', error: error.message } };
  if (!isSettled(stepOf(next, 6))) next = failStep(next, 6, GRAPH_UNAVAILABLE);
  next = record(next, 'Domain check failed: Graph is unavailable', { step: 6 });
  return withCard(next, homeNotice('step-degraded', { step: 6 }));
}

/**
 * The responder's answer. AD FS up: nothing to switch, step done. AD FS
 * down: the decision to switch to managed authentication is recorded with
 * its author, guidance is posted, and the step stays open until the switch
 * is reported done.
 */
export function decideFederation(context: BreakGlassContext, actor: WorkflowActor, adfsAvailable: boolean): Outcome {
  const decided = { ...context, federation: { ...context.federation, decision: { adfsAvailable, by: actor, at: context.now } } };
  if (adfsAvailable) {
    const next = record(completeStep(decided, 6, actor, `AD FS is available: domains stay federated (${actor.name})`), 'Said AD FS is available: no switch needed', { actor, step: 6 });
    return withCard(next, homeNotice('step-update', { step: 6, change: 'done' }));
  }
  const started = startStep(claimStep(decided, 6, actor), 6, `AD FS unavailable: ${actor.name} decided to switch to managed authentication (password hash sync)`);
  const next = record(started, 'Said AD FS is unavailable: decided to switch to managed authentication (password hash sync)', { actor, step: 6 });
  return withCard(next, homeNotice('federation', { stage: 'guidance' }));
}
