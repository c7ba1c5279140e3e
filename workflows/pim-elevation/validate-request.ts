import { formatDuration, parseDuration, parseIsoDuration } from '../duration';
import type { RoleDefinition, RolePolicySummary, RoleScheduleInstance } from '../graph-records';
import { clockTime } from './time-words';
import type { GrantMode } from './types';

/**
 * The checks an elevation request passes before anyone is bothered. Pure:
 * the lead fetches the role, PIM's policy, the requester's eligibility and
 * the open requests, and gets back either the effective duration or why it
 * cannot go ahead: the one reason no retyping fixes, or else every reason the
 * requester can fix, one line each.
 */

/** The role's entry in config `elevation.policies` (structurally bot/config RolePolicy). */
export interface ElevationPolicy {
  grantMode: GrantMode;
  /** Like '1h'. When absent: 1 h for Global Administrator, else PIM's maximum. */
  maxDuration?: string;
  approvalsRequired: number;
  requireTicket: boolean;
  requireRecentMfaMinutes?: number;
  /** Approving asks for the approver's reason (as PIM does). */
  highRisk?: boolean;
  /** Set by validation when the MFA evidence comes from PIM's MFA-on-activation rule. */
  mfaForPimActivation?: boolean;
}

/** What `elevate <role> [for <duration>] because <why> [ticket <id>]` parsed into. */
export interface ElevationRequestDraft {
  roleName: string;
  durationMs?: number;
  justification: string;
  ticket?: string;
}

/** A request already open, as far as duplicates go. */
export interface ExistingElevation {
  requestId: string;
  requesterId: string;
  roleDefinitionId: string;
  state: 'pending' | 'active';
}

export interface ValidationInput {
  request: ElevationRequestDraft;
  requesterId: string;
  /** The role the name resolved to; undefined when nothing matched. */
  role: RoleDefinition | undefined;
  /** Config policy for that role; undefined when the role is not configured. */
  policy: ElevationPolicy | undefined;
  /** PIM's own rules for the role; undefined when they could not be read. */
  pimPolicy?: RolePolicySummary;
  /** The requester's eligibility schedule instances (Graph). */
  eligibility: RoleScheduleInstance[];
  /** Pending and active elevations (all requesters). */
  existing: ExistingElevation[];
  /** The requester's active assignments of the role in Entra, however they came about; omitted when not read. */
  activeAssignments?: RoleScheduleInstance[];
  /** Epoch ms of the request: eligibility must hold now. */
  at: number;
  /** Directory scope the assignment would have; '/' by default. */
  directoryScopeId?: string;
  /**
   * Config `elevation.pimMfaEvidenceMinutes`: when PIM demands MFA to activate the role, a bot grant
   * waits for an MFA sign-in by the requester within this window (0: off). The bot's adminAssign
   * skips PIM's activation rules, so the bot enforces them itself.
   */
  pimMfaEvidenceMinutes?: number;
}

export type ValidationRule =
  | 'role-unknown'
  | 'role-not-allowed'
  | 'granted-in-pim'
  | 'not-eligible'
  | 'duration-invalid'
  | 'duration-too-long'
  | 'justification-missing'
  | 'ticket-missing'
  | 'pim-needs-mfa'
  | 'duplicate'
  | 'already-held';

/**
 * Reasons no retyping fixes (the role, the person, what is already open or held): the first one
 * found is the whole answer. The others (duration, justification, ticket) are listed together,
 * each once, so one corrected command goes through.
 */
const DECISIVE_RULES: ReadonlySet<ValidationRule> = new Set<ValidationRule>(['role-unknown', 'role-not-allowed', 'granted-in-pim', 'not-eligible', 'pim-needs-mfa', 'duplicate', 'already-held']);

export interface ValidationProblem {
  rule: ValidationRule;
  /** One line for the requester. */
  message: string;
}

export type ValidationResult =
  | { ok: true; durationMs: number; maxDurationMs: number; role: RoleDefinition; policy: ElevationPolicy }
  | { ok: false; problems: ValidationProblem[] };

/** Built-in role template id of Global Administrator (same in every tenant). */
export const GLOBAL_ADMINISTRATOR_TEMPLATE_ID = '62e90394-69f5-4237-9190-012177145e10';

/** Microsoft's example policy: Global Administrator for at most one hour. */
const GLOBAL_ADMIN_DEFAULT_MAX_MS = 3_600_000;
/** When neither config nor PIM says: the conservative hour. */
const FALLBACK_MAX_MS = 3_600_000;

export function isGlobalAdministrator(role: RoleDefinition): boolean {
  return role.id === GLOBAL_ADMINISTRATOR_TEMPLATE_ID || role.templateId === GLOBAL_ADMINISTRATOR_TEMPLATE_ID;
}

/** The longest the role may be held: the smaller of the bot's policy and PIM's maximum. */
export function effectiveMaxDuration(role: RoleDefinition, policy: ElevationPolicy, pimPolicy: RolePolicySummary | undefined): { maxMs: number; source: 'policy' | 'pim' | 'default' } {
  const configured = policy.maxDuration ? parseDuration(policy.maxDuration) : isGlobalAdministrator(role) ? GLOBAL_ADMIN_DEFAULT_MAX_MS : undefined;
  const pim = pimPolicy?.maximumActivationDuration ? parseIsoDuration(pimPolicy.maximumActivationDuration) : undefined;
  const pimMax = pim && pim > 0 ? pim : undefined;
  if (configured === undefined && pimMax === undefined) return { maxMs: FALLBACK_MAX_MS, source: 'default' };
  if (configured === undefined) return { maxMs: pimMax as number, source: 'pim' };
  if (pimMax !== undefined && pimMax < configured) return { maxMs: pimMax, source: 'pim' };
  return { maxMs: configured, source: 'policy' };
}

function isEligibleNow(instance: RoleScheduleInstance, requesterId: string, roleId: string, scope: string, at: number): boolean {
  // Eligibility inherited through a group carries the group's id as principal.
  const mine = instance.principalId === requesterId || instance.memberType === 'Group';
  const started = !instance.startDateTime || Date.parse(instance.startDateTime) <= at;
  const notEnded = !instance.endDateTime || Date.parse(instance.endDateTime) > at;
  return mine && instance.roleDefinitionId === roleId && instance.directoryScopeId === scope && started && notEnded;
}

function isHeldNow(instance: RoleScheduleInstance, requesterId: string, roleId: string, scope: string, at: number): boolean {
  const started = !instance.startDateTime || Date.parse(instance.startDateTime) <= at;
  const notEnded = !instance.endDateTime || Date.parse(instance.endDateTime) > at;
  return instance.principalId === requesterId && instance.roleDefinitionId === roleId && instance.directoryScopeId === scope && started && notEnded;
}

export function validateElevationRequest(input: ValidationInput): ValidationResult {
  const { request, role, policy } = input;
  const problems: ValidationProblem[] = [];
  const add = (rule: ValidationRule, message: string) => problems.push({ rule, message });
  const scope = input.directoryScopeId ?? '/';

  if (!role) add('role-unknown', `There is no directory role called "${request.roleName}".`);
  else if (!policy) add('role-not-allowed', `${role.displayName} is not a role the bot grants (it is not in elevation.policies).`);
  else if (policy.grantMode === 'pim') add('granted-in-pim', `${role.displayName} is approved in PIM: activate it in the PIM portal and the approvers will be asked here.`);

  if (role && !input.eligibility.some((i) => isEligibleNow(i, input.requesterId, role.id, scope, input.at))) {
    add('not-eligible', `You are not eligible for ${role.displayName} in PIM, so it cannot be granted to you.`);
  }

  let durationMs: number | undefined;
  let maxDurationMs: number | undefined;
  if (role && policy) {
    const max = effectiveMaxDuration(role, policy, input.pimPolicy);
    maxDurationMs = max.maxMs;
    if (request.durationMs === undefined) durationMs = max.maxMs;
    else if (!Number.isFinite(request.durationMs) || request.durationMs <= 0) add('duration-invalid', 'The duration has to be longer than zero, like 30m or 1h.');
    else if (request.durationMs > max.maxMs) {
      const why = max.source === 'pim' ? "PIM's maximum for this role" : max.source === 'policy' ? "the bot's policy for this role" : 'the default limit';
      add('duration-too-long', `${formatDuration(request.durationMs)} is longer than ${role.displayName} may be held: at most ${formatDuration(max.maxMs)} (${why}).`);
    } else durationMs = request.durationMs;
  }

  if (!request.justification.trim()) add('justification-missing', 'Say why you need it: add "because <reason>".');
  const botGrants = role && policy && policy.grantMode !== 'pim';
  if (role && policy && !request.ticket?.trim()) {
    if (policy.requireTicket) add('ticket-missing', `${role.displayName} needs a ticket: add "ticket <id>".`);
    else if (botGrants && input.pimPolicy?.requireTicketInfoOnActivation) add('ticket-missing', `PIM requires a ticket to activate ${role.displayName} (rule Enablement_EndUser_Assignment: Ticketing): add "ticket <id>".`);
    else if (botGrants && input.pimPolicy?.requireTicketInfoOnAssignment) add('ticket-missing', `PIM requires a ticket for ${role.displayName} assignments: add "ticket <id>".`);
  }
  // Asking the approvers would be pointless: PIM would refuse the grant after they approved.
  if (botGrants && input.pimPolicy?.requireMfaOnAssignment) {
    add('pim-needs-mfa', `PIM requires multifactor authentication on ${role.displayName} assignments, which the bot cannot give as an app: activate it in PIM yourself, or ask a PIM administrator to relax that setting.`);
  }

  const duplicate = role && input.existing.find((e) => e.requesterId === input.requesterId && e.roleDefinitionId === role.id);
  if (role && duplicate) add('duplicate', `You already have ${duplicate.state === 'active' ? 'an active' : 'a pending'} ${role.displayName} elevation (${duplicate.requestId}).`);
  else if (role) {
    // Granting a role someone holds fails in Graph (RoleAssignmentExists): say so before the approvers are asked.
    const held = (input.activeAssignments ?? []).find((i) => isHeldNow(i, input.requesterId, role.id, scope, input.at));
    if (held) add('already-held', `You already hold ${role.displayName} in Entra ${held.endDateTime ? `until ${clockTime(Date.parse(held.endDateTime))}` : 'with no end date'}, so there is nothing to grant.`);
  }

  // One reason per refusal: when the request cannot go ahead whatever is typed, the fixable reasons are noise.
  const decisive = problems.find((p) => DECISIVE_RULES.has(p.rule));
  if (decisive) return { ok: false, problems: [decisive] };
  if (problems.length > 0 || !role || !policy || durationMs === undefined || maxDurationMs === undefined) return { ok: false, problems };
  return { ok: true, durationMs, maxDurationMs, role, policy: withPimMfa(policy, input) };
}

/** PIM's MFA-on-activation rule, as the bot can enforce it: evidence of a recent MFA sign-in (the config's own window wins). */
function withPimMfa(policy: ElevationPolicy, input: ValidationInput): ElevationPolicy {
  const window = input.pimMfaEvidenceMinutes ?? 0;
  if (policy.grantMode === 'pim' || !input.pimPolicy?.requireMfaOnActivation || policy.requireRecentMfaMinutes !== undefined || window <= 0) return policy;
  return { ...policy, requireRecentMfaMinutes: window, mfaForPimActivation: true };
}
