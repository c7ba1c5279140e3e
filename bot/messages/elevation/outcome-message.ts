import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { expiresAt, footer, statusSentence, toneFor } from './request-words';

/** The requester's direct message: what became of their request, and what to do next. */
export function outcomeMessage(context: ElevationContext): Message {
  const role = context.role.displayName;
  const { title, next } = headline(context);
  const blocks: Message['blocks'] = [{ kind: 'text', text: statusSentence(context) }];
  if (next) blocks.push({ kind: 'text', text: next });
  return {
    header: { title, tone: toneFor(context.phase) },
    blocks,
    context: footer(context),
    fallbackText: `${title}: ${statusSentence(context)}`,
  };

  function headline(c: ElevationContext): { title: string; next?: string } {
    switch (c.phase) {
      case 'active':
      case 'revoking':
        return { title: `You have ${role}`, next: `It is removed automatically${c.grant ? ` at ${clockTime(c.grant.endsAt)}` : ''}. To end it early: revoke ${c.requestId}` };
      case 'denied':
        return { title: `Your ${role} request was denied` };
      case 'expired':
        return { title: `Your ${role} request expired`, next: 'Make a new request if you still need the role.' };
      case 'awaiting-pim':
        return { title: `No decision yet on your ${role} request`, next: `Nobody decided in PIM by ${clockTime(c.staleAt ?? expiresAt(c))}; it stays pending in PIM until PIM expires it.` };
      case 'grant-failed':
        return { title: `Your ${role} request could not be granted`, next: 'Make a new request once the problem is fixed.' };
      case 'already-assigned':
        return { title: `You already hold ${role}`, next: 'No new assignment was made; check PIM for the one you have.' };
      case 'revoked':
        return { title: `Your ${role} elevation was revoked` };
      case 'ended':
        return { title: `Your ${role} elevation has ended` };
      default:
        return { title: `Your ${role} request` };
    }
  }
}
