import { GraphError } from '@microsoft/microsoft-graph-client';
import { toGraphError } from '../../../adapters/graph/graph-error-map';
import { failedPolicyRules, policyFailureSentence } from '../../../adapters/graph/graph-error-sentences';
import { ManualClock } from '../../../bot/ports/clock';

const NOW = Date.parse('2026-01-07T15:00:00Z');
const clock = new ManualClock(NOW);

function graphError(status: number, code: string, message = '', headers: Record<string, string> = {}): GraphError {
  const e = new GraphError(status, message);
  e.code = code;
  e.headers = new Headers(headers);
  return e;
}

const signIns = { op: 'signIns', feature: 'signIns' as const };
const grant = { op: 'createAssignmentRequest', feature: 'grant' as const };

describe('Graph errors in plain words', () => {
  it('maps RoleAssignmentExists to a conflict a responder understands', () => {
    const e = toGraphError(graphError(400, 'RoleAssignmentExists', 'The Role assignment already exists.'), grant, clock);
    expect(e.code).toBe('graph.conflict');
    expect(e.userMessage).toBe('That person already holds this role, so nothing new was granted.');
    expect(e.detail).toMatchObject({ op: 'createAssignmentRequest', status: 400, graphCode: 'RoleAssignmentExists' });
  });

  it.each([
    ['ExpirationRule', "PIM refused the request because the role's settings allow a shorter duration than requested."],
    ['JustificationRule', "PIM refused the request because the role's settings require a justification."],
    ['TicketingRule', "PIM refused the request because the role's settings require a ticket number."],
    ['MfaRule', "PIM refused the request because the role's settings require multifactor authentication (which the bot's app identity cannot perform)."],
    ['EligibilityRule', "PIM refused the request because the role's settings require the person to be eligible for the role first."],
  ])('names the failed policy rule %s', (rule, sentence) => {
    const e = toGraphError(graphError(400, 'RoleAssignmentRequestPolicyValidationFailed', `The following policy rules failed: ["${rule}"]`), grant, clock);
    expect(e.code).toBe('graph.bad_request');
    expect(e.userMessage).toBe(sentence);
  });

  it('joins several failed rules into one sentence', () => {
    expect(failedPolicyRules('The following policy rules failed: ["ExpirationRule","JustificationRule"]')).toEqual(['ExpirationRule', 'JustificationRule']);
    expect(policyFailureSentence(['ExpirationRule', 'JustificationRule', 'TicketingRule'])).toBe(
      "PIM refused the request because the role's settings allow a shorter duration than requested, require a justification and require a ticket number.",
    );
    expect(policyFailureSentence(['SomethingNew'])).toBe("PIM refused the request because the role's settings have a rule the request broke (SomethingNew).");
  });

  it('a 403 names the permission the feature needs', () => {
    expect(toGraphError(graphError(403, 'Authorization_RequestDenied', 'Insufficient privileges to complete the operation.'), signIns, clock).userMessage).toBe(
      "The bot's app registration needs the AuditLog.Read.All and Directory.Read.All application permissions to read sign-in logs; an administrator must grant them.",
    );
    expect(toGraphError(graphError(403, 'Authorization_RequestDenied'), grant, clock).userMessage).toBe(
      "The bot's app registration needs the RoleAssignmentSchedule.ReadWrite.Directory application permission to grant and remove time-bound role assignments; an administrator must grant it.",
    );
    expect(toGraphError(graphError(403, 'Authentication_RequestFromNonPremiumTenantOrB2CTenant'), signIns, clock).userMessage).toBe(
      'Reading sign-in logs needs a Microsoft Entra ID P1 or P2 licence in this tenant.',
    );
  });

  it('a 429 carries retryAt from Retry-After, in seconds or as a date', () => {
    const seconds = toGraphError(graphError(429, 'TooManyRequests', '', { 'retry-after': '30' }), signIns, clock);
    expect(seconds).toMatchObject({ code: 'graph.throttled', retryAt: NOW + 30_000, userMessage: 'Microsoft Graph is throttling the bot; it will try again in 30 seconds.' });
    const date = toGraphError(graphError(429, 'TooManyRequests', '', { 'retry-after': 'Wed, 07 Jan 2026 15:10:00 GMT' }), signIns, clock);
    expect(date.retryAt).toBe(NOW + 10 * 60_000);
    expect(date.userMessage).toBe('Microsoft Graph is throttling the bot; it will try again at 15:10 UTC.');
    expect(toGraphError(graphError(429, 'TooManyRequests'), signIns, clock).retryAt).toBe(NOW + 30_000);
  });

  it('5xx are graph.unavailable with a retry time; 404 says what is missing', () => {
    expect(toGraphError(graphError(503, 'ServiceUnavailable', '', { 'retry-after': '5' }), signIns, clock)).toMatchObject({ code: 'graph.unavailable', retryAt: NOW + 5_000 });
    expect(toGraphError(graphError(404, 'Request_ResourceNotFound'), { op: 'user', feature: 'users', notFound: 'such user' }, clock).userMessage).toBe('Microsoft Graph has no such user.');
  });

  it('anything that is not a Graph answer is graph.unavailable, never a leaked message', () => {
    const e = toGraphError(new TypeError('secret-ish internal text'), signIns, clock);
    expect(e.code).toBe('graph.unavailable');
    expect(e.userMessage).not.toContain('secret-ish');
  });
});
