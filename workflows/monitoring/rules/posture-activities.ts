import type { DirectoryAudit } from '../../graph-records';

/**
 * Activities that can lower the tenant's security posture, as Entra names
 * them in the directory audit log: Conditional Access policies and named
 * locations changed or deleted (an exclusion is an update), authentication
 * and authorization policies changed, per-user MFA disabled, and new
 * credentials on applications and service principals (the guide's "new
 * credentials on high-value applications"; the audit log does not say which
 * application is high-value, so every one counts).
 */
const POSTURE_ACTIVITIES: readonly RegExp[] = [
  /^(update|delete) conditional access policy$/i,
  /^(update|delete) named location$/i,
  /^(update|delete) (authentication methods policy|authentication strength policy|authorization policy|authentication flows policy)$/i,
  /^update security defaults$/i,
  /^disable strong authentication$/i,
  /^(add|update) service principal credentials$/i,
  /^update application\s*[–-]\s*certificates and secrets management$/i,
];

export function isPostureChange(a: DirectoryAudit): boolean {
  const name = a.activityDisplayName.trim();
  return POSTURE_ACTIVITIES.some((re) => re.test(name));
}
