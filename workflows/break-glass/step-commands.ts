import type { WorkflowActor } from './actor';
import type { BreakGlassContext } from './context';
import { requestDomains } from './federation-check';
import { requestExport } from './log-export';
import { homeNotice, withCard, type Outcome } from './outcome';
import { requestMailboxRules } from './mailbox-rule-check';
import { requestSignIns } from './sign-in-review';
import type { StepNumber } from './step-catalogue';
import { assignStep, completeStep, skipStep } from './steps';
import { clip, record } from './timeline';

export function markDone(context: BreakGlassContext, actor: WorkflowActor, n: StepNumber, note?: string): Outcome {
  const next = record(completeStep(context, n, actor, note), `Marked step ${n} done${note?.trim() ? `: ${clip(note, 200)}` : ''}`, { actor, step: n });
  return withCard(next, homeNotice('step-update', { step: n, change: 'done' }));
}

export function markSkipped(context: BreakGlassContext, actor: WorkflowActor, n: StepNumber, reason: string): Outcome {
  const next = record(skipStep(context, n, actor, reason), `Skipped step ${n}: ${clip(reason, 200)}`, { actor, step: n });
  return withCard(next, homeNotice('step-update', { step: n, change: 'skipped' }));
}

export function assign(context: BreakGlassContext, actor: WorkflowActor, n: StepNumber, assignee: WorkflowActor): Outcome {
  const next = record(assignStep(context, n, assignee), `Assigned step ${n} to ${assignee.name}`, { actor, step: n });
  return withCard(next, homeNotice('step-update', { step: n, change: 'assigned' }));
}

export function confirmPlaybook(context: BreakGlassContext, actor: WorkflowActor): Outcome {
  return markDone(context, actor, 2, 'Playbook reviewed');
}

export function recordSupportCase(context: BreakGlassContext, actor: WorkflowActor, reference: string): Outcome {
  const ref = clip(reference, 200);
  const withCase = { ...context, supportCase: { reference: ref, by: actor, at: context.now } };
  return markDone(withCase, actor, 4, `Support case ${ref}`);
}

export function addNote(context: BreakGlassContext, actor: WorkflowActor, text: string): Outcome {
  return { context: record(context, `Note: ${clip(text, 500)}`, { actor }), effects: [] };
}

export function setCommander(context: BreakGlassContext, actor: WorkflowActor, commander: WorkflowActor): Outcome {
  const next = record({ ...context, commander }, `Made ${commander.name} the commander`, { actor });
  return withCard(next, homeNotice('incident-update', { change: 'commander', by: actor.name }));
}

/** Steps 5, 6, 7 and 8 talk to Graph; retry sends the request again whatever state the step is in. */
export function retryStep(context: BreakGlassContext, actor: WorkflowActor, n: StepNumber): Outcome {
  if (n === 5) return requestSignIns(context, { actor });
  if (n === 6) return requestDomains(context, actor);
  if (n === 7) return requestMailboxRules(context, actor);
  if (n === 8) return requestExport(context, actor);
  return { context, effects: [] }; // refusalFor already turned the others away
}
