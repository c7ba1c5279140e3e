import { clockTime, nameList } from './time-words';
import type { ElevationContext, ElevationPhase, ElevationUserEvent } from './types';

/**
 * The one place that decides whether a person's event applies to a request
 * in its current phase. The machine's guards call it (accepted = undefined),
 * and the router calls it to tell the clicker, politely and privately, why
 * nothing happened. One function for both keeps them from drifting apart.
 */

const OPEN: ReadonlySet<ElevationPhase> = new Set(['awaiting-approval', 'awaiting-pim', 'approved-in-pim', 'checking-mfa', 'awaiting-mfa']);
const HELD: ReadonlySet<ElevationPhase> = new Set(['active', 'revoking']);
const ENDING: ReadonlySet<ElevationPhase> = new Set(['verifying', 'still-present', 'verify-failed', 'removing']);

/** Why this event does nothing now, or undefined when it applies. */
export function explainRefusal(context: ElevationContext, event: ElevationUserEvent): string | undefined {
  const closed = closedSentence(context);
  switch (event.type) {
    case 'approve':
    case 'deny':
      return closed ?? voteRefusal(context, event);
    case 'withdraw':
      return closed ?? withdrawRefusal(context, event.actor.id);
    case 'revoke':
      return closed ?? revokeRefusal(context, event.actor.id);
    case 'recheck-mfa':
      if (context.phase === 'awaiting-mfa') return undefined;
      if (context.phase === 'checking-mfa') return 'MFA is being checked right now; the card will update in a moment.';
      return closed ?? 'Nothing on this request is waiting for MFA.';
    case 'reverify':
      if (context.phase === 'still-present' || context.phase === 'verify-failed') return undefined;
      return closed ?? 'There is nothing to re-check on this request right now.';
    case 'retry':
      if (context.phase === 'grant-stalled') return undefined;
      return closed ?? 'There is nothing to retry on this request right now.';
    case 'nudge':
      if (context.phase === 'awaiting-approval' || context.phase === 'awaiting-pim') return undefined;
      return closed ?? 'This request is no longer waiting for the approvers.';
  }
}

/** A sentence for a request that has reached its one outcome, else undefined. */
export function closedSentence(context: ElevationContext): string | undefined {
  const d = context.decision;
  switch (context.phase) {
    case 'denied':
      return d ? `This request was already denied by ${nameList(d.by.map((a) => a.name))} at ${clockTime(d.at)}${d.reason ? `: ${d.reason}` : ''}.` : 'This request was already denied.';
    case 'withdrawn':
      return d ? `This request was withdrawn by ${nameList(d.by.map((a) => a.name))} at ${clockTime(d.at)}.` : 'This request was withdrawn.';
    case 'expired':
      return d?.outcome === 'expired'
        ? `This request expired without a decision at ${clockTime(d.at)}.`
        : `This request expired at ${clockTime(context.requestedAt + context.delays.expireAfterMs)} before the role was granted.`;
    case 'ended':
      return `This elevation already ended${context.grant ? ` at ${clockTime(context.grant.endsAt)}` : ''}.`;
    case 'revoked':
      return context.revocation
        ? `This elevation was already revoked by ${context.revocation.by.name} at ${clockTime(context.revocation.at)}.`
        : 'This elevation was already revoked.';
    case 'grant-failed':
      return 'This request was approved but the grant failed, so it is closed; make a new request if the role is still needed.';
    case 'already-assigned':
      return 'This request is closed: the person already held the role, so nothing new was granted.';
    default:
      return undefined;
  }
}

function approvedSentence(context: ElevationContext): string {
  const d = context.decision;
  if (!d || d.outcome !== 'approved') return 'This request has already been decided.';
  return `This request was already approved by ${nameList(d.by.map((a) => a.name))} at ${clockTime(d.at)}.`;
}

function voteRefusal(context: ElevationContext, event: Extract<ElevationUserEvent, { type: 'approve' | 'deny' }>): string | undefined {
  if (context.phase === 'awaiting-pim') return 'This request is decided in PIM: use the "Open in PIM" button on the card.';
  if (context.phase !== 'awaiting-approval') return approvedSentence(context);
  const self = event.actor.id === context.requester.id;
  const voted = context.approvals.find((v) => v.actor.id === event.actor.id);
  if (event.type === 'approve') {
    if (self) return "You can't approve your own request.";
    if (voted) {
      const left = context.approvalsRequired - context.approvals.length;
      return `You already approved this request; it needs ${left} more approval${left === 1 ? '' : 's'} from someone else.`;
    }
    // As PIM asks approvers for a justification: checked here, so the machine itself refuses a bare approval.
    if (context.highRisk && !event.reason?.trim()) return `${context.role.displayName} is marked high-risk: approving it needs your reason. Type it in the box, then press Approve.`;
    return undefined;
  }
  if (self) return "You can't decide your own request; withdraw it instead.";
  if (voted) return 'You already approved this request; each approver has one vote.';
  if (!event.reason.trim()) return 'Please give a reason when you deny a request.';
  return undefined;
}

function withdrawRefusal(context: ElevationContext, actorId: string): string | undefined {
  if (context.mode === 'pim' && OPEN.has(context.phase)) return 'This request lives in PIM: cancel it there and the card will follow.';
  if (OPEN.has(context.phase)) return actorId === context.requester.id ? undefined : 'Only the requester can withdraw a request.';
  if (context.phase === 'granting' || HELD.has(context.phase)) return 'The role is already being granted: revoke it instead.';
  if (context.phase === 'grant-stalled') return 'The request was approved: revoke it instead, so any partial grant is removed.';
  return 'This elevation is already ending.';
}

function revokeRefusal(context: ElevationContext, actorId: string): string | undefined {
  if (context.mode === 'pim' && OPEN.has(context.phase)) return 'This request is still waiting in PIM: deny or cancel it there.';
  if (OPEN.has(context.phase)) {
    return actorId === context.requester.id ? undefined : "This request isn't granted yet: deny it with a reason instead.";
  }
  if (context.phase === 'granting') return context.revokeRequest ? 'A revoke is already queued; it runs as soon as the grant lands.' : undefined;
  if (context.phase === 'revoking' || context.phase === 'removing') return 'The role is being removed right now.';
  if (context.phase === 'verifying') return 'The elevation has ended; the bot is checking the role is gone.';
  if (context.phase === 'active' || context.phase === 'grant-stalled' || ENDING.has(context.phase)) return undefined;
  return 'There is nothing to revoke on this request.';
}
