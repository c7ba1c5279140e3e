import type { BreakGlassContext, StepRecord } from '../../../workflows/break-glass/context';
import { stepOf } from '../../../workflows/break-glass/steps';
import type { Message } from '../message';
import { clock, incidentMessage, stepName, stepOfData } from './incident-words';

/** A step changed (data: { step, change: 'done' | 'skipped' | 'assigned' }). */
export function stepUpdate(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const n = stepOfData(data) ?? 1;
  const step = stepOf(context, n);
  const text = describe(step, data?.change);
  const done = context.steps.filter((s) => s.state === 'done' || s.state === 'skipped').length;
  return incidentMessage(context, {
    title: `${stepName(n)}: ${step.state === 'in_progress' ? 'in progress' : step.state}`,
    tone: step.state === 'done' ? 'good' : step.state === 'failed' ? 'warning' : 'info',
    blocks: [{ kind: 'text', text }, { kind: 'text', text: `${done} of 8 steps settled.` }],
    fallbackText: `${stepName(n)}: ${text}`,
  });
}

function describe(step: StepRecord, change: unknown): string {
  const when = step.doneAt !== undefined ? ` at ${clock(step.doneAt)}` : '';
  const note = step.notes.at(-1);
  if (change === 'assigned') return `Now owned by ${step.owner?.name ?? 'nobody'}.`;
  if (step.state === 'skipped') return `Skipped by ${step.doneBy?.name ?? 'a responder'}${when}. Reason: ${step.skipReason ?? 'none given'}.`;
  if (step.state === 'done') return `Done${step.doneBy ? ` by ${step.doneBy.name}` : ' by the bot'}${when}.${note ? ` ${note}.` : ''}`;
  return note ?? `Now ${step.state.replace('_', ' ')}.`;
}
