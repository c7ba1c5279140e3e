import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { isSettled, stepOf } from '../../../workflows/break-glass/steps';
import type { Message } from '../message';
import { BREAK_GLASS_ACTIONS, pageButtonValue } from './button-values';
import { clock, dateTime, incidentMessage } from './incident-words';

/**
 * The DM page to one manager or security officer (data.person). The same
 * card is updated in place: once anyone answers, or the step is done some
 * other way, or the incident closes, the button goes and the reason shows.
 */
export function ackRequest(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const person = typeof data?.person === 'string' ? data.person : undefined;
  const page = context.paging.pages.find((p) => p.person === person);
  const intro = `An emergency was declared: ${context.summary}. ${context.commander.name} leads the response (started ${dateTime(context.startedAt)}).`;
  const facts = [
    { label: 'Incident', value: context.incidentId },
    { label: 'Commander', value: context.commander.name },
    ...(page ? [{ label: 'Paged', value: `${clock(page.at)}${page.level > 0 ? ` (escalation level ${page.level}: nobody answered before)` : ''}` }] : []),
  ];
  const answered = answeredText(context);
  if (answered) {
    return incidentMessage(context, {
      title: 'Break glass: page answered',
      tone: 'good',
      blocks: [{ kind: 'text', text: intro }, { kind: 'facts', facts }, { kind: 'text', text: answered }],
      fallbackText: `${context.incidentId}: ${answered}`,
    });
  }
  return incidentMessage(context, {
    title: 'Break glass: please acknowledge',
    tone: 'danger',
    blocks: [{ kind: 'text', text: intro }, { kind: 'facts', facts }, { kind: 'text', text: 'Acknowledge so the team knows you have seen it; nobody answering escalates to the next level.' }],
    // The paged person is bound into the value, so a click proves whose page it was even with no message reference.
    buttons: [{ actionId: BREAK_GLASS_ACTIONS.ack, label: 'Acknowledge', value: person ? pageButtonValue(context.incidentId, person) : context.incidentId, style: 'primary' }],
    fallbackText: `Emergency ${context.incidentId}: ${context.summary}. Please acknowledge.`,
  });
}

function answeredText(context: BreakGlassContext): string | undefined {
  const { paging } = context;
  if (paging.acknowledgedBy && paging.acknowledgedAt !== undefined) return `Acknowledged by ${paging.acknowledgedBy.name} at ${clock(paging.acknowledgedAt)}.`;
  const step = stepOf(context, 1);
  if (isSettled(step) && step.doneAt !== undefined) {
    return `${step.doneBy?.name ?? 'A responder'} marked the notification step ${step.state} at ${clock(step.doneAt)}; no acknowledgement is needed.`;
  }
  if (context.closure) return `The incident was closed at ${clock(context.closure.at)} by ${context.closure.by.name}; no acknowledgement is needed.`;
  return undefined;
}
