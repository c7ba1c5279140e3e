import { formatDuration } from '../../../workflows/duration';
import { describeGraphError, isPermanentGraphError } from '../../../workflows/pim-elevation/graph-error-words';
import { clockTime, nameList } from '../../../workflows/pim-elevation/time-words';
import type { ElevationContext, ElevationPhase } from '../../../workflows/pim-elevation/types';
import type { Block, Tone } from '../message';

/**
 * The words every elevation message shares: the request's facts, the risk
 * context, and one sentence for where it stands. All plain text; renderers
 * escape, so a justification can never become a mention or a link.
 */

export function requestFacts(context: ElevationContext): Block {
  return {
    kind: 'facts',
    facts: [
      { label: 'Requester', value: context.requester.name },
      { label: 'Role', value: context.role.displayName },
      { label: 'Duration', value: formatDuration(context.durationMs) },
      { label: 'Justification', value: context.justification },
      { label: 'Ticket', value: context.ticket ?? 'none' },
      { label: 'Approvals', value: approvalsText(context) },
    ],
  };
}

export function approvalsText(context: Pick<ElevationContext, 'mode' | 'approvals' | 'approvalsRequired'>): string {
  if (context.mode === 'pim') return 'decided in PIM';
  const names = context.approvals.map((v) => v.actor.name);
  return `${context.approvals.length} of ${context.approvalsRequired}${names.length ? `: ${nameList(names)}` : ''}`;
}

/** What the sign-in logs say about the requester: what PIM's own e-mail never shows. */
export function riskText(context: ElevationContext): string {
  const risk = context.riskContext;
  if (!risk) return 'Sign-in risk: not available (the sign-in logs could not be read).';
  const window = formatDuration(risk.lookbackMs);
  const parts = [
    `${risk.recentFailures} failed sign-in${risk.recentFailures === 1 ? '' : 's'}`,
    `${risk.mfaDenials} MFA denial${risk.mfaDenials === 1 ? '' : 's'}`,
    risk.newLocations.length ? `new locations: ${risk.newLocations.join('; ')}` : 'no new locations',
  ];
  const quiet = risk.recentFailures === 0 && risk.mfaDenials === 0 && risk.newLocations.length === 0;
  return `Sign-in risk, last ${window}: ${quiet ? 'nothing unusual (no failures, no MFA denials, no new locations)' : parts.join(', ')}.`;
}

/** The requester's recent sign-ins show something an approver must weigh (or could not be read), or the bot's monitoring raised alerts about them. */
export function riskNeedsAttention(context: ElevationContext): boolean {
  const risk = context.riskContext;
  return !risk || risk.recentFailures > 0 || risk.mfaDenials > 0 || risk.newLocations.length > 0 || (context.requesterAlerts?.length ?? 0) > 0;
}

/** The bot's own findings about the requester, for the approver; undefined when there are none. */
export function requesterAlertsText(context: ElevationContext): string | undefined {
  const alerts = context.requesterAlerts ?? [];
  if (alerts.length === 0) return undefined;
  return `Alerts the bot raised about ${context.requester.name} in the last day: ${alerts.join('; ')}.`;
}

export function expiresAt(context: ElevationContext): number {
  return context.requestedAt + context.delays.expireAfterMs;
}

/** Names for ids the request knows (requester, voters); the id itself otherwise. */
export function nameFor(context: ElevationContext, id: string): string {
  if (id === context.requester.id) return context.requester.name;
  return context.approvals.find((v) => v.actor.id === id)?.actor.name ?? id;
}

function atText(ms: number | undefined): string {
  return ms === undefined ? '' : ` at ${clockTime(ms)}`;
}

function decidedBy(context: ElevationContext): string {
  const d = context.decision;
  return d && d.by.length ? nameList(d.by.map((a) => a.name)) : 'PIM';
}

/** One sentence: where the request stands and who put it there. */
export function statusSentence(context: ElevationContext): string {
  const d = context.decision;
  const grant = context.grant;
  const failure = context.failure ? describeGraphError(failureOp(context), context.failure.error) : '';
  switch (context.phase) {
    case 'awaiting-approval': {
      const left = context.approvalsRequired - context.approvals.length;
      return `Waiting for ${left} more approval${left === 1 ? '' : 's'}; expires at ${clockTime(expiresAt(context))} if nobody decides.`;
    }
    case 'awaiting-pim':
      return context.staleAt !== undefined
        ? `No decision in PIM by ${clockTime(context.staleAt)}; the request is still pending there.`
        : `Waiting for an approver to decide in PIM; escalation ends at ${clockTime(expiresAt(context))}.`;
    case 'approved-in-pim':
      return `Approved in PIM${d?.by.length ? ` by ${decidedBy(context)}` : ''}${atText(d?.at)}; waiting for PIM to activate it.`;
    case 'checking-mfa':
      return `Approved by ${decidedBy(context)}; checking the sign-in logs for recent MFA.`;
    case 'awaiting-mfa':
      return context.mfa?.missing.length && !context.failure
        ? `Approved by ${decidedBy(context)}, but waiting for an MFA sign-in (within ${context.requireRecentMfaMinutes} min) from ${nameList(context.mfa.missing.map((id) => nameFor(context, id)))}.`
        : `Approved by ${decidedBy(context)}, but MFA could not be checked: ${failure}`;
    case 'granting':
      return `Approved by ${decidedBy(context)}${atText(d?.at)}; granting the role now${context.revokeRequest ? ` (a revoke by ${context.revokeRequest.by.name} will follow at once)` : ''}.`;
    case 'grant-stalled':
      return `Approved by ${decidedBy(context)}, but the grant failed: ${failure} Retry, or it gives up at ${clockTime((context.failure?.at ?? context.requestedAt) + context.delays.expireAfterMs)}.`;
    case 'active':
      return `Approved by ${decidedBy(context)}${atText(d?.at)}; active until ${grant ? clockTime(grant.endsAt) : 'its end'}.${context.failure ? ` Revoking failed: ${failure}` : ''}`;
    case 'revoking':
      return `Revoking at the request of ${context.revokeRequest?.by.name ?? 'someone'}.`;
    case 'verifying':
      return `Ended${context.revocation ? ` (revoked by ${context.revocation.by.name})` : ''}; checking with Microsoft Graph that the role is gone.`;
    case 'still-present':
      return `ALERT: ${context.requester.name} still holds ${context.role.displayName} after the elevation ended.`;
    case 'verify-failed':
      return context.failure?.during === 'revoke' ? `Could not remove the role: ${failure}` : `Could not confirm the role is gone: ${failure}`;
    case 'removing':
      return `Removing the role at the request of ${context.revokeRequest?.by.name ?? 'someone'}.`;
    case 'ended':
      return `Ended at ${grant ? clockTime(grant.endsAt) : 'its end'}; Microsoft Graph confirms the role is gone.`;
    case 'denied':
      return `Denied by ${decidedBy(context)}${atText(d?.at)}${d?.reason ? `: ${d.reason}` : ''}.`;
    case 'withdrawn':
      return `Withdrawn by ${decidedBy(context)}${atText(d?.at)}${d?.reason ? ` (${d.reason})` : ''}.`;
    case 'expired':
      return d?.outcome === 'expired'
        ? `Expired at ${clockTime(d.at)} without a decision. Nothing was granted.`
        : `Approved, but expired at ${clockTime(expiresAt(context))} before the role was granted. Nothing was granted.`;
    case 'grant-failed':
      // After an outage Graph may have acted without answering: do not promise nothing happened.
      return context.failure && !isPermanentGraphError(context.failure.error)
        ? `Approved by ${decidedBy(context)}, but the grant failed and nobody retried: ${failure} Check PIM for a partial grant before asking again.`
        : `Approved by ${decidedBy(context)}, but the grant failed: ${failure} Nothing was granted.`;
    case 'already-assigned':
      return `Approved by ${decidedBy(context)}, but ${failure.charAt(0).toLowerCase()}${failure.slice(1)}`;
    case 'revoked':
      return `Revoked by ${context.revocation?.by.name ?? 'someone'}${atText(context.revocation?.at)}${context.revocation?.reason ? ` (${context.revocation.reason})` : ''}; Microsoft Graph confirms the role is gone.`;
  }
}

/** The Graph operation a failure came from, for the permission hint. */
function failureOp(context: ElevationContext): string {
  switch (context.failure?.during) {
    case 'mfa':
      return 'recentMfa';
    case 'verify':
      return 'assignmentInstances';
    default:
      return 'createAssignmentRequest';
  }
}

const TONE: Record<ElevationPhase, Tone> = {
  'awaiting-approval': 'warning',
  'awaiting-pim': 'warning',
  'approved-in-pim': 'info',
  'checking-mfa': 'info',
  'awaiting-mfa': 'warning',
  granting: 'info',
  'grant-stalled': 'danger',
  active: 'good',
  revoking: 'info',
  verifying: 'info',
  'still-present': 'danger',
  'verify-failed': 'danger',
  removing: 'info',
  ended: 'info',
  denied: 'danger',
  withdrawn: 'info',
  expired: 'warning',
  'grant-failed': 'danger',
  'already-assigned': 'warning',
  revoked: 'info',
};

export function toneFor(phase: ElevationPhase): Tone {
  return TONE[phase];
}

/** Who may press approver buttons: never the requester. */
export function approverAudience(context: ElevationContext): string[] {
  return context.approverIds.filter((id) => id !== context.requester.id);
}

export function footer(context: ElevationContext): string {
  return `Request ${context.requestId} · requested ${clockTime(context.requestedAt)}${context.pim ? ` · PIM request ${context.pim.requestId}` : ''}`;
}
