import type { Actor } from '../core/platform';
import type { Message } from '../messages/message';
import { auditDenied, type HandlerDeps } from './handler-deps';

/**
 * Who may see a workflow's live card when Teams asks for it (a `card.refresh`
 * invoke, or the card that answers a click): someone who holds a role in the
 * config right now, or the person the workflow is about (an elevation's
 * requester). Anyone else in an allowed tenant could otherwise read any
 * incident or pending request by naming its id.
 */
export async function mayViewCard(deps: Pick<HandlerDeps, 'authz'>, viewer: Actor, subjectId?: string): Promise<boolean> {
  const id = viewer.entraObjectId?.toLowerCase();
  if (!id) return false;
  if (subjectId !== undefined && subjectId.toLowerCase() === id) return true;
  return (await deps.authz.rolesOf(viewer)).size > 0;
}

/** The card an outsider gets instead of the real one; the attempt is audited. */
export async function outsiderCard(deps: Pick<HandlerDeps, 'storage' | 'clock'>, viewer: Actor, workflowId: string): Promise<Message> {
  await auditDenied(deps, viewer, workflowId, { what: 'see this card' });
  return {
    header: { title: 'Not available to you', tone: 'warning' },
    blocks: [{ kind: 'text', text: 'This card is for the people on this incident or request. If you should be one of them, ask an admin to add you to the breakglass config.' }],
    fallbackText: 'This card is not available to you.',
  };
}
