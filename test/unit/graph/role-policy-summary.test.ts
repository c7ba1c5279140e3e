import { summarisePolicy } from '../../../adapters/graph/queries/role-policy';
import { DEFAULT_ROLE_SETTINGS, policyRules } from '../../../sim';

describe("reading PIM's activation settings from the policy rules", () => {
  it('flattens expiration, enablement and approval rules', () => {
    const rules = policyRules({ ...DEFAULT_ROLE_SETTINGS, maxActivation: 'PT1H', activationRequires: ['MultiFactorAuthentication', 'Ticketing'], approvalRequired: true });
    expect(summarisePolicy('role-1', rules)).toEqual({
      roleDefinitionId: 'role-1',
      maximumActivationDuration: 'PT1H',
      requireMfaOnActivation: true,
      requireJustificationOnActivation: false,
      requireTicketInfoOnActivation: true,
      requireApprovalOnActivation: true,
      requireTicketInfoOnAssignment: false,
      requireMfaOnAssignment: false,
    });
  });

  it("reads what the bot's own assignments must carry from the admin-assignment rule", () => {
    const rules = policyRules({ ...DEFAULT_ROLE_SETTINGS, activationRequires: [], adminAssignmentRequires: ['Justification', 'Ticketing', 'MultiFactorAuthentication'] });
    expect(summarisePolicy('r', rules)).toMatchObject({ requireTicketInfoOnAssignment: true, requireMfaOnAssignment: true, requireTicketInfoOnActivation: false });
  });

  it('reads the end-user rules, not the admin-assignment ones', () => {
    const rules = policyRules({ ...DEFAULT_ROLE_SETTINGS, activationRequires: [], adminAssignmentRequires: ['MultiFactorAuthentication', 'Justification'], adminAssignmentMax: 'PT1H' });
    expect(summarisePolicy('r', rules)).toMatchObject({ requireMfaOnActivation: false, requireJustificationOnActivation: false, maximumActivationDuration: 'PT8H' });
    expect(summarisePolicy('r', [])).toMatchObject({ maximumActivationDuration: null, requireApprovalOnActivation: false });
  });
});
