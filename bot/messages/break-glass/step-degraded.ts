import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { GRAPH_UNAVAILABLE } from '../../../workflows/break-glass/graph-answers';
import type { StepNumber } from '../../../workflows/break-glass/step-catalogue';
import { stepOf } from '../../../workflows/break-glass/steps';
import type { Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { stepName, stepOfData, incidentMessage } from './incident-words';

/** How to do a Graph step by hand while Graph is down (which it may well be in an identity emergency). */
const BY_HAND: Partial<Record<StepNumber, string>> = {
  5: 'Open the Entra admin center, Sign-in logs, and filter on the privileged and emergency accounts for the last day.',
  6: 'Check in the Entra admin center (Domain names, Entra Connect) which domains are federated, then answer on the checklist.',
  8: 'Download the sign-in and audit logs for the incident window from the Entra admin center before they age out.',
};

/** A Graph-backed step could not run (data.step): say so plainly, offer retry and the manual way. */
export function stepDegraded(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const n = stepOfData(data) ?? 5;
  const failure = stepOf(context, n).failure ?? GRAPH_UNAVAILABLE;
  const text = `${stepName(n)}: ${failure}. Retry, or do it by hand: ${BY_HAND[n] ?? 'work the step manually and mark it done.'} The rest of the checklist keeps working.`;
  return incidentMessage(context, {
    title: `${stepName(n)}: ${failure}`,
    tone: 'warning',
    blocks: [{ kind: 'text', text }],
    buttons: context.closure ? [] : [{ actionId: BREAK_GLASS_ACTIONS.retry, label: 'Retry', value: buttonValue(context.incidentId, n) }],
    fallbackText: text,
  });
}
