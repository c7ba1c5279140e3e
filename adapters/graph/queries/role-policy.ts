import type { RolePolicySummary } from '../../../workflows/graph-records';
import { BreakglassError } from '../../../bot/core/errors';
import { graphCall, type GraphDeps } from '../graph-call';
import { encodeQueryValue, quote } from '../odata';
import type { GraphPage } from '../paging';

interface WireRule {
  '@odata.type'?: string;
  id?: string;
  maximumDuration?: string;
  enabledRules?: string[];
  setting?: { isApprovalRequired?: boolean };
}

interface WirePolicyAssignment {
  roleDefinitionId?: string;
  policy?: { rules?: WireRule[] };
}

/**
 * PIM's settings for a role, read from its rules: activation (Expiration/Enablement/Approval_EndUser_Assignment)
 * and what the bot's own assignments must carry (Enablement_Admin_Assignment).
 */
export function summarisePolicy(roleDefinitionId: string, rules: readonly WireRule[]): RolePolicySummary {
  const rule = (id: string) => rules.find((r) => r.id === id);
  const enabled = rule('Enablement_EndUser_Assignment')?.enabledRules ?? [];
  const onAssignment = rule('Enablement_Admin_Assignment')?.enabledRules ?? [];
  return {
    roleDefinitionId,
    maximumActivationDuration: rule('Expiration_EndUser_Assignment')?.maximumDuration ?? null,
    requireMfaOnActivation: enabled.includes('MultiFactorAuthentication'),
    requireJustificationOnActivation: enabled.includes('Justification'),
    requireTicketInfoOnActivation: enabled.includes('Ticketing'),
    requireApprovalOnActivation: rule('Approval_EndUser_Assignment')?.setting?.isApprovalRequired === true,
    requireTicketInfoOnAssignment: onAssignment.includes('Ticketing'),
    requireMfaOnAssignment: onAssignment.includes('MultiFactorAuthentication'),
  };
}

export function rolePolicy(deps: GraphDeps, roleDefinitionId: string): Promise<RolePolicySummary> {
  const info = { op: 'rolePolicy', feature: 'policies' as const, notFound: 'PIM settings for that role' };
  return graphCall(deps, info, async () => {
    const page = (await deps.client
      .api('/policies/roleManagementPolicyAssignments')
      .filter(encodeQueryValue(`scopeId eq '/' and scopeType eq 'DirectoryRole' and roleDefinitionId eq ${quote(roleDefinitionId)}`))
      .expand('policy($expand=rules)')
      .get()) as GraphPage<WirePolicyAssignment>;
    const assignment = (page.value ?? []).find((a) => a.roleDefinitionId === roleDefinitionId) ?? page.value?.[0];
    if (!assignment?.policy) {
      throw new BreakglassError('graph.not_found', 'Microsoft Graph has no PIM settings for that role.', { detail: { op: 'rolePolicy', roleDefinitionId } });
    }
    return summarisePolicy(roleDefinitionId, assignment.policy.rules ?? []);
  });
}
