import type { ErrorCode } from '../../bot/core/errors';

/**
 * What a responder reads when Graph refuses something: Graph's error code ->
 * our error code and one plain sentence. Codes not listed fall back to the
 * HTTP status (see graph-error-map.ts).
 */
export const GRAPH_ERROR_SENTENCES: Readonly<Record<string, { code: ErrorCode; sentence: string }>> = {
  RoleAssignmentExists: { code: 'graph.conflict', sentence: 'That person already holds this role, so nothing new was granted.' },
  RoleAssignmentDoesNotExist: { code: 'graph.not_found', sentence: 'There is no active assignment of this role to remove; it may already have expired.' },
  PendingRoleAssignmentRequest: { code: 'graph.conflict', sentence: 'A request for this role is already waiting in PIM.' },
  ActiveDurationTooShort: { code: 'graph.bad_request', sentence: 'PIM refused the request because the duration is shorter than its five-minute minimum.' },
  RoleDefinitionDoesNotExist: { code: 'graph.not_found', sentence: 'That role does not exist in this tenant.' },
  InvalidScheduleRequest: { code: 'graph.bad_request', sentence: 'PIM refused the request because its start or end time is not valid.' },
  Authorization_RequestDenied: { code: 'graph.forbidden', sentence: "The bot's app registration is missing a Microsoft Graph permission for this; an administrator must grant it." },
  Authentication_RequestFromNonPremiumTenantOrB2CTenant: { code: 'graph.forbidden', sentence: 'Reading sign-in logs needs a Microsoft Entra ID P1 or P2 licence in this tenant.' },
  InvalidAuthenticationToken: { code: 'graph.unauthorized', sentence: "Microsoft Graph did not accept the bot's sign-in token; check the app's tenant id, client id and credential." },
  TooManyRequests: { code: 'graph.throttled', sentence: 'Microsoft Graph is throttling the bot.' },
};

/**
 * PIM names the role-setting rules a request broke
 * ("The following policy rules failed: [\"ExpirationRule\"]"); each becomes a phrase
 * that completes "PIM refused the request because the role's settings ...".
 */
export const POLICY_RULE_PHRASES: Readonly<Record<string, string>> = {
  ExpirationRule: 'allow a shorter duration than requested',
  JustificationRule: 'require a justification',
  TicketingRule: 'require a ticket number',
  MfaRule: "require multifactor authentication (which the bot's app identity cannot perform)",
  EligibilityRule: 'require the person to be eligible for the role first',
  ApprovalRule: 'require an approval in PIM',
  AuthenticationContextRule: 'require a Conditional Access authentication context',
};

export function policyFailureSentence(rules: readonly string[]): string {
  const phrases = rules.map((r) => POLICY_RULE_PHRASES[r] ?? `have a rule the request broke (${r})`);
  const joined = phrases.length <= 1 ? (phrases[0] ?? 'were not met') : `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1] ?? ''}`;
  return `PIM refused the request because the role's settings ${joined}.`;
}

/** Parses the rule names out of PIM's message, e.g. 'The following policy rules failed: ["ExpirationRule","JustificationRule"]'. */
export function failedPolicyRules(message: string): string[] {
  const list = /\[(.*)\]/.exec(message)?.[1];
  if (!list) return [];
  return list
    .split(',')
    .map((s) => s.trim().replace(/^"|"$/g, ''))
    .filter((s) => s.length > 0);
}
