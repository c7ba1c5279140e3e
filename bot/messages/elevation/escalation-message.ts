import { formatDuration } from '../../../workflows/duration';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { footer } from './request-words';

/** T2: told in the approvers channel that the manager chain now has the card. */
export function escalationMessage(context: ElevationContext): Message {
  const waited = formatDuration((context.escalatedAt ?? context.requestedAt) - context.requestedAt);
  const managers = context.managerPeople.length;
  const text =
    managers > 0
      ? `No decision on ${context.requester.name}'s ${context.role.displayName} request after ${waited}: escalated to the manager chain (${managers} ${managers === 1 ? 'person' : 'people'}), who now have the card.`
      : `No decision on ${context.requester.name}'s ${context.role.displayName} request after ${waited}, and no managers are configured to escalate to.`;
  return {
    header: { title: `Escalated: ${context.role.displayName} request`, tone: 'danger' },
    blocks: [{ kind: 'text', text }],
    context: footer(context),
    fallbackText: text,
  };
}
