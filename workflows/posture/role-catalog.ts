/** Built-in role template ids (the same in every tenant). */
export const GLOBAL_ADMINISTRATOR = '62e90394-69f5-4237-9190-012177145e10';
export const PRIVILEGED_ROLE_ADMINISTRATOR = 'e8611ab8-c189-46e8-94e1-60213ab1f814';

/**
 * Roles whose holders the posture checks treat as privileged: the roadmap's
 * stage-1 list (Global, Privileged Role, Exchange, SharePoint) plus the other
 * roles that can take over the tenant or its identities.
 */
export const PRIVILEGED_ROLE_TEMPLATES: Readonly<Record<string, string>> = {
  [GLOBAL_ADMINISTRATOR]: 'Global Administrator',
  [PRIVILEGED_ROLE_ADMINISTRATOR]: 'Privileged Role Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c': 'SharePoint Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13': 'Privileged Authentication Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9': 'Conditional Access Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'c4e39bd9-1100-46d3-8c65-fb160da0071f': 'Authentication Administrator',
  '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2': 'Hybrid Identity Administrator',
  // Entra labels it privileged: it resets passwords and can take over the accounts it serves.
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
};

/** The two roles whose PIM settings the roadmap asks about. */
export const TOP_ROLES: readonly string[] = [GLOBAL_ADMINISTRATOR, PRIVILEGED_ROLE_ADMINISTRATOR];
