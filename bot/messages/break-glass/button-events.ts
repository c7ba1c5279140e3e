import type { WorkflowActor } from '../../../workflows/break-glass/actor';
import type { BreakGlassPersonEvent } from '../../../workflows/break-glass/events';
import { BREAK_GLASS_ACTIONS, parseButtonValue } from './button-values';

/** The text a responder typed into a button's input (the support case reference). */
export const SUPPORT_REFERENCE_INPUT = 'reference';

/**
 * The machine event a click on one of our buttons means, or undefined for a
 * button that is not ours or a value that does not parse. The incident id is
 * `parseButtonValue(value).incidentId`; the router has checked the role.
 */
export function breakGlassEventForAction(
  actionId: string,
  value: string,
  inputs: Record<string, string> | undefined,
  actor: WorkflowActor,
  at: number,
): BreakGlassPersonEvent | undefined {
  const [first] = parseButtonValue(value).parts;
  const step = first !== undefined && /^[1-8]$/.test(first) ? Number(first) : undefined;
  switch (actionId) {
    case BREAK_GLASS_ACTIONS.ack:
      return { type: 'ack', actor, at };
    case BREAK_GLASS_ACTIONS.playbook:
      return { type: 'playbook.confirm', actor, at };
    case BREAK_GLASS_ACTIONS.checkout:
      return first ? { type: 'checkout.request', upn: first, actor, at } : undefined;
    case BREAK_GLASS_ACTIONS.confirm:
      return { type: 'checkout.confirm', actor, at };
    case BREAK_GLASS_ACTIONS.support: {
      const reference = inputs?.[SUPPORT_REFERENCE_INPUT]?.trim();
      return reference ? { type: 'support.case', reference, actor, at } : undefined;
    }
    case BREAK_GLASS_ACTIONS.adfs:
      return first === 'yes' || first === 'no' ? { type: 'federation.adfs', available: first === 'yes', actor, at } : undefined;
    case BREAK_GLASS_ACTIONS.done:
      return step ? { type: 'step.done', step, actor, at } : undefined;
    case BREAK_GLASS_ACTIONS.retry:
      return step ? { type: 'step.retry', step, actor, at } : undefined;
    case BREAK_GLASS_ACTIONS.export:
      return { type: 'export.run', actor, at };
    default:
      return undefined;
  }
}
