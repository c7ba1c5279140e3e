import { nameList } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { footer, nameFor, statusSentence } from './request-words';

/** Approved, but the policy wants a recent MFA sign-in first: say who, and how to continue. */
export function mfaNeededMessage(context: ElevationContext): Message {
  const missing = context.mfa?.missing ?? [];
  const text = context.failure
    ? `${statusSentence(context)} Press Re-check MFA on the card to try again.`
    : `${context.role.displayName} needs a sign-in with MFA within the last ${context.requireRecentMfaMinutes} minutes from ${nameList(missing.map((id) => (id === context.requester.id ? `${nameFor(context, id)} (you)` : nameFor(context, id))))}. ${context.mfaForPimActivation ? 'PIM requires MFA to activate this role (rule Enablement_EndUser_Assignment). ' : ''}Sign in with MFA, then press Re-check MFA on the card.`;
  return {
    header: { title: `MFA needed for ${context.role.displayName}`, tone: 'warning' },
    blocks: [{ kind: 'text', text }],
    buttons: [{ actionId: 'elevation.recheck-mfa', label: 'Re-check MFA', value: context.requestId, visibleTo: [context.requester.id] }],
    context: footer(context),
    fallbackText: text,
  };
}
