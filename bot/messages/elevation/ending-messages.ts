import { clockTime } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import type { Message } from '../message';
import { approverAudience, expiresAt, footer } from './request-words';

/** T3: the request ran out of time; everyone who saw it is told. */
export function requestExpiredMessage(context: ElevationContext): Message {
  const who = `${context.requester.name}'s ${context.role.displayName} request`;
  const text =
    context.phase === 'awaiting-pim'
      ? `${who} got no decision in PIM by ${clockTime(context.staleAt ?? expiresAt(context))}. The bot has stopped escalating; the request is still pending in PIM until PIM expires it.`
      : // Said once: the status sentence would repeat "Expired at …" after it.
        `${who} expired at ${clockTime(context.decision?.outcome === 'expired' ? context.decision.at : expiresAt(context))} ${context.decision?.outcome === 'expired' ? 'without a decision' : 'after approval, before the role was granted'}. Nothing was granted.`;
  return {
    header: { title: `Expired: ${context.role.displayName} request`, tone: 'warning' },
    blocks: [{ kind: 'text', text }],
    context: footer(context),
    fallbackText: text,
  };
}

/** The grant's time is up: say so, and that the bot is checking it is really gone. */
export function assignmentEndedMessage(context: ElevationContext): Message {
  const text = `${context.requester.name}'s ${context.role.displayName} elevation expired${context.grant ? ` at ${clockTime(context.grant.endsAt)}` : ''}. Checking with Microsoft Graph that the assignment is gone.`;
  return {
    header: { title: `Expired: ${context.role.displayName} for ${context.requester.name}`, tone: 'info' },
    blocks: [{ kind: 'text', text }],
    context: footer(context),
    fallbackText: text,
  };
}

/** The verification result: confirmed gone, or an alarm that the role is still there. */
export function verificationMessage(context: ElevationContext): Message {
  const present = context.phase === 'still-present' ? context.verification?.present ?? [] : [];
  if (present.length === 0) {
    const text = `Confirmed: ${context.requester.name} no longer holds ${context.role.displayName}.`;
    return { header: { title: 'Elevation ended and verified', tone: 'good' }, blocks: [{ kind: 'text', text }], context: footer(context), fallbackText: text };
  }
  const text = `${context.requester.name} still holds ${context.role.displayName} after the elevation ${context.revocation ? `was revoked by ${context.revocation.by.name}` : 'ended'}. Investigate, or remove the role now.`;
  const who = [...new Set([context.requester.id, ...approverAudience(context)])];
  return {
    header: { title: `ALERT: ${context.role.displayName} still assigned`, tone: 'danger' },
    blocks: [
      { kind: 'text', text },
      { kind: 'facts', facts: present.map((i) => ({ label: `Assignment ${i.id}`, value: `${i.assignmentType ?? 'active'}, ${i.endDateTime ? `ends ${i.endDateTime}` : 'no end date'}` })) },
    ],
    buttons: [
      { actionId: 'elevation.reverify', label: 'Check again', value: context.requestId, visibleTo: who },
      { actionId: 'elevation.revoke', label: 'Remove the role', value: context.requestId, style: 'danger', visibleTo: who },
    ],
    context: footer(context),
    fallbackText: `ALERT: ${text}`,
  };
}
