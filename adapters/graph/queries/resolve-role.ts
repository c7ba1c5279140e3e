import type { RoleDefinition } from '../../../workflows/graph-records';

/** Short names responders type, mapped to built-in role names. */
export const ROLE_SHORT_NAMES: Readonly<Record<string, string>> = {
  ga: 'Global Administrator',
  globaladmin: 'Global Administrator',
  pra: 'Privileged Role Administrator',
  paa: 'Privileged Authentication Administrator',
  sa: 'Security Administrator',
  secadmin: 'Security Administrator',
  sr: 'Security Reader',
  gr: 'Global Reader',
  ua: 'User Administrator',
  useradmin: 'User Administrator',
  ea: 'Exchange Administrator',
  exchangeadmin: 'Exchange Administrator',
  spa: 'SharePoint Administrator',
  ha: 'Helpdesk Administrator',
  helpdesk: 'Helpdesk Administrator',
  aa: 'Application Administrator',
  appadmin: 'Application Administrator',
  caa: 'Cloud Application Administrator',
  caadmin: 'Conditional Access Administrator',
  authadmin: 'Authentication Administrator',
  hia: 'Hybrid Identity Administrator',
  ia: 'Intune Administrator',
  ta: 'Teams Administrator',
  ba: 'Billing Administrator',
  rr: 'Reports Reader',
};

function normalise(text: string): string {
  return text.toLowerCase().replace(/administrator/g, 'admin').replace(/[\s_-]+/g, '');
}

/**
 * Finds a role by id, display name (any case, "admin" for "administrator",
 * spaces optional) or short name such as GA or PRA.
 */
export function findRole(roles: readonly RoleDefinition[], name: string): RoleDefinition | undefined {
  const wanted = name.trim();
  if (wanted === '') return undefined;
  const byId = roles.find((r) => r.id.toLowerCase() === wanted.toLowerCase() || r.templateId?.toLowerCase() === wanted.toLowerCase());
  if (byId) return byId;
  const key = normalise(wanted);
  const exact = roles.find((r) => normalise(r.displayName) === key);
  if (exact) return exact;
  const expanded = ROLE_SHORT_NAMES[key];
  return expanded ? roles.find((r) => r.displayName.toLowerCase() === expanded.toLowerCase()) : undefined;
}
