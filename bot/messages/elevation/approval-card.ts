import { formatDuration } from '../../../workflows/duration';
import type { CardCopy } from '../../../workflows/pim-elevation/effect-params';
import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Block, Button, Message } from '../message';
import { approverAudience, footer, requestFacts, requesterAlertsText, riskNeedsAttention, riskText, statusSentence, toneFor } from './request-words';

/**
 * The approval card. Every copy (approvers channel, approver DMs, the
 * requester's conversation, managers after escalation) renders from the same
 * context and is updated in place, so once a decision lands the buttons are
 * gone everywhere and the decision and who made it are shown instead.
 */
export function approvalCard(context: ElevationContext, data: Record<string, unknown> | undefined): Message {
  const copy = cardCopyOf(data);
  // Risk is the approver's first question: when there is any, it leads in words that cannot be skimmed past, and the card turns red while undecided.
  const alarming = isUndecided(context) && riskNeedsAttention(context);
  const risk = alarming ? `⚠ RISK, review before approving. ${riskText(context)}` : riskText(context);
  const alerts = requesterAlertsText(context);
  const blocks: Block[] = [requestFacts(context), { kind: 'text', text: risk }, ...(alerts ? [{ kind: 'text' as const, text: alerts }] : []), { kind: 'divider' }, { kind: 'text', text: statusSentence(context) }];
  if (copy === 'manager' && context.escalatedAt !== undefined && isUndecided(context)) {
    const canDecide = typeof data?.person === 'string' && context.approverPeople.includes(data.person);
    blocks.push({ kind: 'text', text: `Escalated to you at ${clockTime(context.escalatedAt)}: no approver has decided yet. ${canDecide ? 'You are an approver: decide here, or remind the others.' : 'Remind the approvers, or find one.'}` });
  }
  if (context.phase === 'still-present' && context.verification) {
    blocks.push({
      kind: 'facts',
      facts: context.verification.present.map((i) => ({ label: `Assignment ${i.id}`, value: `${i.assignmentType ?? 'active'}, ${i.endDateTime ? `ends ${i.endDateTime}` : 'no end date'}` })),
    });
  }
  return {
    header: { title: `${context.role.displayName} for ${context.requester.name} (${formatDuration(context.durationMs)})`, tone: alarming ? 'danger' : toneFor(context.phase) },
    blocks,
    buttons: buttonsFor(context, copy, typeof data?.person === 'string' ? data.person : undefined),
    context: footer(context),
    fallbackText: `Elevation ${context.requestId}: ${context.requester.name} asks for ${context.role.displayName}. ${statusSentence(context)}`,
  };
}

function cardCopyOf(data: Record<string, unknown> | undefined): CardCopy {
  const copy = data?.copy;
  return copy === 'requester' || copy === 'manager' ? copy : 'approvers';
}

function isUndecided(context: ElevationContext): boolean {
  return context.phase === 'awaiting-approval' || context.phase === 'awaiting-pim';
}

function buttonsFor(context: ElevationContext, copy: CardCopy, person?: string): Button[] {
  const id = context.requestId;
  const approvers = approverAudience(context);
  const requester = [context.requester.id];
  const ownSide = [...new Set([context.requester.id, ...approvers])];
  // The manager copy is that manager's own DM: only the handler's role check decides who may press it.
  const nudge: Button = { actionId: 'elevation.nudge', label: 'Remind the approvers', value: id };
  switch (context.phase) {
    case 'awaiting-approval':
      if (copy === 'requester') return [{ actionId: 'elevation.withdraw', label: 'Withdraw', value: id, visibleTo: requester }];
      // A manager who is not an approver cannot decide; what fits the role is chasing the approvers (the copy is the manager's own DM).
      if (copy === 'manager' && !(person && context.approverPeople.includes(person))) return [nudge];
      return [
        {
          actionId: 'elevation.approve',
          label: 'Approve',
          value: id,
          style: 'primary',
          visibleTo: approvers,
          ...(context.highRisk ? { input: { id: 'reason', label: 'Reason for approving (high-risk role)', required: true, placeholder: 'Why is this needed now?' } } : {}),
        },
        {
          actionId: 'elevation.deny',
          label: 'Deny',
          value: id,
          style: 'danger',
          visibleTo: approvers,
          input: { id: 'reason', label: 'Reason for denying', required: true, placeholder: 'Why is this denied?' },
        },
        ...(copy === 'manager' ? [nudge] : []),
      ];
    case 'awaiting-pim':
    case 'approved-in-pim':
      if (copy === 'manager' && context.phase === 'awaiting-pim') return [nudge];
      if (copy === 'requester' || !context.pim) return [];
      return [{ actionId: 'elevation.open-pim', label: 'Open in PIM', value: id, url: context.pim.approvalUrl, visibleTo: approvers }];
    case 'awaiting-mfa':
      return [{ actionId: 'elevation.recheck-mfa', label: 'Re-check MFA', value: id, visibleTo: [...new Set([context.requester.id, ...context.approvals.map((v) => v.actor.id)])] }];
    case 'grant-stalled':
      if (copy === 'requester') return [];
      return [
        { actionId: 'elevation.retry', label: 'Retry grant', value: id, style: 'primary', visibleTo: approvers },
        { actionId: 'elevation.revoke', label: 'Cancel and clean up', value: id, style: 'danger', visibleTo: approvers },
      ];
    case 'active':
      return [{ actionId: 'elevation.revoke', label: 'Revoke now', value: id, style: 'danger', visibleTo: ownSide }];
    case 'still-present':
    case 'verify-failed':
      return [
        { actionId: 'elevation.reverify', label: 'Check again', value: id, visibleTo: ownSide },
        { actionId: 'elevation.revoke', label: 'Remove the role', value: id, style: 'danger', visibleTo: ownSide },
      ];
    default:
      return [];
  }
}
