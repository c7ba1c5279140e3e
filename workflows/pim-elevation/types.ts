import type { EffectError } from '../effects';
import type { RoleAssignmentScheduleRequest, RoleScheduleInstance } from '../graph-records';

/**
 * The shapes one PIM elevation request speaks: what the lead starts it with,
 * what it remembers, and the events it understands. Views in
 * bot/messages/elevation render `ElevationContext` only, so everything a card
 * shows has to live in context (including `phase`).
 */

export type GrantMode = 'bot' | 'pim';

/** Someone who did something. Same shape as the runtime's WorkflowActor. */
export interface ElevationActor {
  /** Entra object id when mapped, otherwise `<platform>:<platformUserId>`. */
  id: string;
  name: string;
}

/** The requester: an actor the bot can also write to directly. */
export interface ElevationRequester extends ElevationActor {
  /** Key into config `people` (or a binding such as `entra:<id>`) for direct messages. */
  person: string;
}

/** What the sign-in logs say about the requester, shown to approvers. */
export interface RiskContext {
  /** How far back the numbers look (ms). */
  lookbackMs: number;
  recentFailures: number;
  mfaDenials: number;
  /** 'City, CC' strings of sign-in locations not seen before. */
  newLocations: string[];
}

export interface ElevationDelays {
  /** T1: approvers are reminded. */
  remindAfterMs: number;
  /** T2: the manager chain gets the card. */
  escalateAfterMs: number;
  /** T3: the request expires and everyone is told. */
  expireAfterMs: number;
}

export interface ElevationInput {
  /** The workflow id: tags the Graph justification, is typed in `revoke <id>`, rides on buttons. */
  requestId: string;
  mode: GrantMode;
  requester: ElevationRequester;
  /** The directory role; assignments are tenant-wide (scope '/'). */
  role: { id: string; displayName: string };
  /** Effective duration, already validated (validate-request.ts). */
  durationMs: number;
  justification: string;
  ticket?: string;
  approvalsRequired: number;
  /** Entra ids of the approver set when the card was posted (buttons' visibleTo only). */
  approverIds: string[];
  /** People reminded directly at T1. */
  approverPeople: string[];
  /** Also post the live card to each of `approverPeople` directly. */
  dmApprovers: boolean;
  /** The manager chain pinged with the card at T2. */
  managerPeople: string[];
  requireRecentMfaMinutes?: number;
  /** The policy marks the role high-risk: an approval needs the approver's reason. */
  highRisk?: boolean;
  /** The MFA evidence stands in for PIM's MFA-on-activation rule (Enablement_EndUser_Assignment), which the bot's grant would skip. */
  mfaForPimActivation?: boolean;
  delays: ElevationDelays;
  /** When the request was made (epoch ms). */
  requestedAt: number;
  riskContext?: RiskContext;
  /** The bot's own monitoring alerts about the requester (open, last day), one line each, as the request was made. */
  requesterAlerts?: string[];
  /** pim mode: PIM's own request and where approvers decide it. */
  pim?: { requestId: string; approvalUrl?: string };
  /** Keep a status card (with Withdraw) in the conversation the request came from. Default: true in bot mode. */
  announceHome?: boolean;
}

/** Where a request stands, kept in context so views (which see only context) can show it. */
export type ElevationPhase =
  | 'awaiting-approval'
  | 'awaiting-pim'
  | 'approved-in-pim'
  | 'checking-mfa'
  | 'awaiting-mfa'
  | 'granting'
  | 'grant-stalled'
  | 'active'
  | 'revoking'
  | 'verifying'
  | 'still-present'
  | 'verify-failed'
  | 'removing'
  // final
  | 'ended'
  | 'denied'
  | 'withdrawn'
  | 'expired'
  | 'grant-failed'
  | 'already-assigned'
  | 'revoked';

export interface Vote {
  actor: ElevationActor;
  at: number;
}

/** The one decision a request gets. */
export interface Decision {
  outcome: 'approved' | 'denied' | 'withdrawn' | 'expired';
  /** Who decided (all approvers for N-of-M; empty for an expiry). */
  by: ElevationActor[];
  at: number;
  reason?: string;
}

export interface HistoryEntry {
  at: number;
  what: string;
  by?: ElevationActor;
  note?: string;
}

export interface GrantRecord {
  /** Graph's unifiedRoleAssignmentScheduleRequest id, or PIM's request id. */
  graphRequestId?: string;
  startedAt: number;
  endsAt: number;
  /** When the bot learned of the grant; the end timer runs from here. */
  observedAt: number;
}

export interface FailureRecord {
  /** What the bot was doing: 'grant', 'revoke', 'verify', 'mfa'. */
  during: 'grant' | 'revoke' | 'verify' | 'mfa';
  error: EffectError;
  at: number;
}

export interface ElevationContext extends Omit<ElevationInput, 'announceHome' | 'pim'> {
  announceHome: boolean;
  pim?: { requestId: string; approvalUrl: string };
  phase: ElevationPhase;
  approvals: Vote[];
  decision?: Decision;
  remindedAt?: number;
  escalatedAt?: number;
  /** pim mode: T3 passed without a decision in PIM; PIM still owns the request. */
  staleAt?: number;
  mfa?: { checkedAt: number; missing: string[] };
  grant?: GrantRecord;
  /** A revoke that arrived while the grant was in flight; carried out as soon as it lands. */
  revokeRequest?: { by: ElevationActor; at: number; reason?: string };
  revocation?: { by: ElevationActor; at: number; reason?: string };
  verification?: { at: number; present: RoleScheduleInstance[] };
  /** The last thing that went wrong, shown in words on the card. Cleared on success. */
  failure?: FailureRecord;
  history: HistoryEntry[];
}

export type PimStatus = 'Granted' | 'Provisioned' | 'Denied' | 'Canceled' | 'Revoked' | 'Expired';

interface ActorEvent {
  actor: ElevationActor;
  /** Epoch ms of the click/command. */
  at: number;
}

interface GraphResultBase {
  tag?: string;
  /** Epoch ms the result was recorded, when the runtime stamps it. */
  at?: number;
}

export type ElevationEvent =
  | ({ type: 'approve'; reason?: string } & ActorEvent)
  | ({ type: 'deny'; reason: string } & ActorEvent)
  | ({ type: 'withdraw'; reason?: string } & ActorEvent)
  | ({ type: 'revoke'; reason?: string } & ActorEvent)
  | ({ type: 'recheck-mfa' } & ActorEvent)
  | ({ type: 'reverify' } & ActorEvent)
  | ({ type: 'retry' } & ActorEvent)
  /** A manager the request escalated to asks the approvers again (managers who are not approvers cannot decide). */
  | ({ type: 'nudge' } & ActorEvent)
  | { type: 'pim.status'; status: PimStatus; at: number; actor?: ElevationActor; reason?: string; endsAt?: number }
  | ({ type: 'graph.createAssignmentRequest.succeeded'; result: RoleAssignmentScheduleRequest } & GraphResultBase)
  | ({ type: 'graph.createAssignmentRequest.failed'; error: EffectError } & GraphResultBase)
  | ({ type: 'graph.recentMfa.succeeded'; result: { missing: string[] } } & GraphResultBase)
  | ({ type: 'graph.recentMfa.failed'; error: EffectError } & GraphResultBase)
  | ({ type: 'graph.assignmentInstances.succeeded'; result: RoleScheduleInstance[] } & GraphResultBase)
  | ({ type: 'graph.assignmentInstances.failed'; error: EffectError } & GraphResultBase);

/** The events people cause (as opposed to Graph results and timers). */
export type ElevationUserEvent = Extract<ElevationEvent, { actor: ElevationActor; at: number; type: 'approve' | 'deny' | 'withdraw' | 'revoke' | 'recheck-mfa' | 'reverify' | 'retry' | 'nudge' }>;
