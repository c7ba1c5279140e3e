import { toIsoDuration } from '../duration';
import type { Audience, CardEffect, GraphEffect } from '../effects';
import { tagJustification } from './justification-tag';
import type { ElevationActor, ElevationContext } from './types';

/**
 * The params of every effect the elevation machine emits, computed from
 * context alone so the machine file only says when.
 */

export const APPROVERS_CHANNEL: Audience = { to: 'channel', channel: 'approvers' };
export const SECURITY_CHANNEL: Audience = { to: 'channel', channel: 'security' };

export function personAudience(person: string): Audience {
  return { to: 'person', person };
}

export function requesterAudience(context: ElevationContext): Audience {
  return personAudience(context.requester.person);
}

/** Which copy of the card a view renders: approvers get buttons, the requester a Withdraw, managers a nudge. */
export type CardCopy = 'approvers' | 'requester' | 'manager';

/**
 * Every live copy of the approval card. Each is posted once and then updated
 * in place, so re-emitting all of them on each change keeps every copy true.
 */
export function cardCopies(context: ElevationContext): Array<CardEffect['params']> {
  const copy = (key: string, audience: Audience, which: CardCopy, person?: string): CardEffect['params'] => ({ key, view: 'approval', audience, data: { copy: which, ...(person ? { person } : {}) } });
  const copies = [copy('approval', APPROVERS_CHANNEL, 'approvers')];
  const dmed = new Set(context.dmApprovers ? context.approverPeople : []);
  for (const person of dmed) copies.push(copy(`approval:${person}`, personAudience(person), 'approvers'));
  if (context.announceHome) copies.push(copy('status', { to: 'home' }, 'requester'));
  if (context.escalatedAt !== undefined) {
    for (const person of context.managerPeople) if (!dmed.has(person)) copies.push(copy(`approval:manager:${person}`, personAudience(person), 'manager', person));
  }
  return copies;
}

export function grantCall(context: ElevationContext): GraphEffect['params'] {
  return {
    op: 'createAssignmentRequest',
    args: {
      action: 'adminAssign',
      principalId: context.requester.id,
      roleDefinitionId: context.role.id,
      duration: toIsoDuration(context.durationMs),
      justification: tagJustification(context.requestId, context.justification),
      ...(context.ticket ? { ticketNumber: context.ticket } : {}),
    },
    tag: 'grant',
  };
}

export function removeCall(context: ElevationContext, by: ElevationActor | undefined, reason: string | undefined, tag: 'revoke' | 'cleanup'): GraphEffect['params'] {
  const why = `Revoked by ${by?.name ?? 'the bot'}${reason ? `: ${reason}` : ''}`;
  return {
    op: 'createAssignmentRequest',
    args: { action: 'adminRemove', principalId: context.requester.id, roleDefinitionId: context.role.id, justification: tagJustification(context.requestId, why) },
    tag,
  };
}

export function verifyCall(context: ElevationContext): GraphEffect['params'] {
  return { op: 'assignmentInstances', args: { principalId: context.requester.id, roleDefinitionId: context.role.id }, tag: 'verify' };
}

/** The requester and every approver who voted must have signed in with MFA recently. */
export function mfaCall(context: ElevationContext): GraphEffect['params'] {
  const userIds = [context.requester.id, ...context.approvals.map((v) => v.actor.id)];
  return { op: 'recentMfa', args: { userIds: [...new Set(userIds)], withinMinutes: context.requireRecentMfaMinutes ?? 0 }, tag: 'mfa' };
}
