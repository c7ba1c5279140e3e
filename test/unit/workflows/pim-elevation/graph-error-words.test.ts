import { describeGraphError, isAssignmentExists, isPermanentGraphError } from '../../../../workflows/pim-elevation/graph-error-words';
import { readJustificationTag, tagJustification } from '../../../../workflows/pim-elevation/justification-tag';

describe('Graph errors in words', () => {
  it('names RoleAssignmentExists whether it comes as our code or in the message', () => {
    const byCode = { code: 'graph.conflict', message: 'Conflict' };
    const byMessage = { code: 'graph.bad_request', message: 'RoleAssignmentExists: The Role assignment already exists.' };
    for (const error of [byCode, byMessage]) {
      expect(describeGraphError('createAssignmentRequest', error)).toBe('The person already holds this role in Entra (RoleAssignmentExists), so no new assignment was made.');
      expect(isAssignmentExists(error)).toBe(true);
      expect(isPermanentGraphError(error)).toBe(true);
    }
  });

  it('lists the PIM policy rules that failed', () => {
    const error = { code: 'graph.bad_request', message: 'RoleAssignmentRequestPolicyValidationFailed: The following policy rules failed: ["ExpirationRule","JustificationRule"]' };
    expect(describeGraphError('createAssignmentRequest', error)).toBe("PIM's policy for this role refused the request (failed rules: ExpirationRule, JustificationRule).");
    expect(isPermanentGraphError(error)).toBe(true);
  });

  it('says which permission is missing for the operation', () => {
    expect(describeGraphError('createAssignmentRequest', { code: 'graph.forbidden', message: 'Forbidden' })).toBe(
      'The bot is missing a Microsoft Graph permission (RoleAssignmentSchedule.ReadWrite.Directory, with admin consent).',
    );
    expect(describeGraphError('recentMfa', { code: 'graph.forbidden', message: 'Forbidden' })).toContain('AuditLog.Read.All');
  });

  it('treats throttling and outages as worth a retry', () => {
    expect(isPermanentGraphError({ code: 'graph.throttled', message: 'Too many requests' })).toBe(false);
    expect(isPermanentGraphError({ code: 'graph.unavailable', message: 'Microsoft Graph did not answer.' })).toBe(false);
    expect(describeGraphError('createAssignmentRequest', { code: 'graph.unavailable', message: '' })).toBe('Microsoft Graph did not answer; try again in a minute.');
  });

  it('falls back to the code and a trimmed message', () => {
    expect(describeGraphError('x', { code: 'internal', message: 'boom' })).toBe('Microsoft Graph refused the request (internal): boom');
  });
});

describe('justification tag', () => {
  it('round-trips the request id and ignores untagged text', () => {
    expect(readJustificationTag(tagJustification('elev-7', 'fix the CA policy'))).toBe('elev-7');
    expect(readJustificationTag('fix the CA policy [breakglass:elev-7]')).toBeUndefined();
    expect(readJustificationTag(null)).toBeUndefined();
  });
});
