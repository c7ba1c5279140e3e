import type { DirectoryAudit } from '../../graph-records';
import { auditFinding, initiatorSubject, initiatorText, resultText } from '../audit-facts';
import { auditRule, type RuleMeta } from '../rule';

const meta: RuleMeta = { id: 'audit.azure-elevate-access', title: 'Elevated to manage all Azure subscriptions', riskLevel: 'High' };

/**
 * A Global Administrator's "Access management for Azure resources" switch
 * (User Access Administrator at the root of every subscription). Entra's
 * audit log records it under this category with this activity name
 * (Microsoft "Elevate access" docs; Sigma rule ca9bf243).
 */
export function isAzureElevateAccess(a: DirectoryAudit): boolean {
  return a.category === 'AzureRBACRoleManagementElevateAccess' || /^user has elevated their access to user access administrator/i.test(a.activityDisplayName.trim());
}

/** Every elevation, successful or not, whoever made it: the guide says investigate at once if unplanned. */
export const azureElevateAccess = auditRule({
  ...meta,
  match(a, ctx) {
    if (!isAzureElevateAccess(a)) return undefined;
    return auditFinding(a, ctx, initiatorSubject(ctx, a), meta, `${initiatorText(a)} elevated to User Access Administrator over all Azure subscriptions${resultText(a)}.`);
  },
});
