import { formatDuration } from '../../../workflows/duration';
import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { approverAudience, expiresAt, footer } from './request-words';

/** T1: the approvers are reminded that a request is still waiting. */
export function reminderMessage(context: ElevationContext): Message {
  const waited = formatDuration((context.remindedAt ?? context.requestedAt) - context.requestedAt);
  const left = context.approvalsRequired - context.approvals.length;
  const ask =
    context.mode === 'pim'
      ? 'Please decide it in PIM.'
      : `It needs ${left} more approval${left === 1 ? '' : 's'}; approve or deny it on the card.`;
  const text = `${context.requester.name}'s request for ${context.role.displayName} (${formatDuration(context.durationMs)}) has waited ${waited} for a decision. ${ask} It expires at ${clockTime(expiresAt(context))}.`;
  return {
    header: { title: `Reminder: ${context.role.displayName} request waiting`, tone: 'warning' },
    blocks: [{ kind: 'text', text }],
    buttons: context.mode === 'pim' && context.pim ? [{ actionId: 'elevation.open-pim', label: 'Open in PIM', value: context.requestId, url: context.pim.approvalUrl, visibleTo: approverAudience(context) }] : [],
    context: footer(context),
    fallbackText: text,
  };
}
