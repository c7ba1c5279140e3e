import type { Config } from '../config/schema';

/** The Graph features of adapters/graph/permissions.ts, named the same so its table fits. */
export type GraphFeatureName = 'signIns' | 'directoryAudits' | 'roles' | 'grant' | 'pimRequests' | 'policies' | 'registration' | 'users' | 'groups' | 'pimGroups' | 'domains' | 'teamsApps' | 'mailboxes';

export type PermissionTable = Readonly<Record<GraphFeatureName, { readonly permissions: readonly string[]; readonly purpose: string }>>;

/**
 * What this configuration will ask of Graph. The break-glass checklist, the
 * elevation checks and the posture report are always there; granting roles,
 * watching PIM's requests and reading group members only when the config uses them.
 */
export function graphFeaturesInUse(config: Config): GraphFeatureName[] {
  const features: GraphFeatureName[] = ['users', 'signIns', 'directoryAudits', 'domains', 'roles', 'policies', 'registration', 'mailboxes'];
  if (config.elevation.policies.some((p) => p.grantMode === 'bot')) features.push('grant');
  // The PIM watch lists roleAssignmentScheduleRequests, which Graph allows only with a write permission.
  if (config.elevation.policies.some((p) => p.grantMode === 'pim')) features.push('pimRequests');
  // Monitoring expands role-assignable groups and PIM for Groups to find every privileged account.
  if (config.monitoring.enabled || groupBindings(config).length > 0) features.push('groups');
  if (config.monitoring.enabled) features.push('pimGroups');
  // Installing the Teams app for people before paging them (teams.appCatalogId) needs its own write permission.
  if (config.teams.appCatalogId) features.push('teamsApps');
  return features;
}

/** Entra group ids named by `group:<id>` role bindings. */
export function groupBindings(config: Config): string[] {
  const { responders, approvers, managers, securityOfficers, admins } = config.roles;
  const all = [...responders, ...approvers, ...managers.flat(), ...securityOfficers, ...admins];
  return [...new Set(all.filter((b) => b.startsWith('group:')).map((b) => b.slice('group:'.length)))];
}
