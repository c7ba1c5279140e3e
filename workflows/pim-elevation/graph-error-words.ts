import type { EffectError } from '../effects';

/**
 * Graph failures in words a person on call can act on. The code is ours
 * (graph.*); Graph's own error code (RoleAssignmentExists, ...) may only be in
 * the message, so both are read.
 */

const EXISTS = 'The person already holds this role in Entra (RoleAssignmentExists), so no new assignment was made.';

/** Graph's own error codes we recognise. */
const GRAPH_CODES: Array<{ pattern: RegExp; words: (message: string) => string }> = [
  { pattern: /RoleAssignmentExists/i, words: () => EXISTS },
  {
    pattern: /RoleAssignmentRequestPolicyValidationFailed|policy rules? failed/i,
    words: (message) => {
      const rules = /\[([^\]]*)\]/.exec(message)?.[1]?.replace(/"/g, '').split(',').map((r) => r.trim()).filter(Boolean);
      return `PIM's policy for this role refused the request${rules?.length ? ` (failed rules: ${rules.join(', ')})` : ''}.`;
    },
  },
  { pattern: /RoleAssignmentDoesNotExist|RoleAssignmentNotFound/i, words: () => 'There is no such assignment in Entra any more.' },
];

/** The application permission each operation needs when Graph says 403. */
const PERMISSION_FOR: Record<string, string> = {
  createAssignmentRequest: 'RoleAssignmentSchedule.ReadWrite.Directory',
  assignmentInstances: 'RoleAssignmentSchedule.Read.Directory',
  recentMfa: 'AuditLog.Read.All',
};

const BY_CODE: Record<string, (op: string) => string> = {
  'graph.conflict': () => EXISTS,
  'graph.forbidden': (op) => `The bot is missing a Microsoft Graph permission${PERMISSION_FOR[op] ? ` (${PERMISSION_FOR[op]}, with admin consent)` : ''}.`,
  'graph.unauthorized': () => 'The bot could not sign in to Microsoft Graph; its credential needs checking.',
  'graph.throttled': () => 'Microsoft Graph asked the bot to slow down; try again in a minute.',
  'graph.unavailable': () => 'Microsoft Graph did not answer; try again in a minute.',
  'graph.not_found': () => 'Microsoft Graph could not find the person or the role.',
};

/** One sentence saying why the Graph operation `op` failed. */
export function describeGraphError(op: string, error: EffectError): string {
  const known = GRAPH_CODES.find((c) => c.pattern.test(error.message));
  if (known) return known.words(error.message);
  const byCode = BY_CODE[error.code];
  if (byCode) return byCode(op);
  const detail = error.message.trim().slice(0, 200);
  return `Microsoft Graph refused the request (${error.code})${detail ? `: ${detail}` : '.'}`;
}

/** RoleAssignmentExists: Graph says this principal already has the role. */
export function isAssignmentExists(error: EffectError): boolean {
  return error.code === 'graph.conflict' || /RoleAssignmentExists/i.test(error.message);
}

/** Failures a retry cannot fix: the request itself is wrong, or the role is already held. */
export function isPermanentGraphError(error: EffectError): boolean {
  if (GRAPH_CODES.some((c) => c.pattern.test(error.message))) return true;
  return error.code === 'graph.bad_request' || error.code === 'graph.not_found' || error.code === 'graph.conflict';
}
