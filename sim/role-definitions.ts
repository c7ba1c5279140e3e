/**
 * Built-in Microsoft Entra roles the simulator knows. Ids are the real,
 * tenant-independent template ids, so config written against the simulator
 * (e.g. role ids in tests) also reads right against a real tenant.
 */
export const ROLE = {
  globalAdministrator: '62e90394-69f5-4237-9190-012177145e10',
  privilegedRoleAdministrator: 'e8611ab8-c189-46e8-94e1-60213ab1f814',
  privilegedAuthenticationAdministrator: '7be44c8a-adaf-4e2a-84d6-ab2649e08a13',
  securityAdministrator: '194ae4cb-b126-40b2-bd5b-6091b380977d',
  securityReader: '5d6b6bb7-de71-4623-b4af-96380a352509',
  userAdministrator: 'fe930be7-5e62-47db-91af-98c3a49a38b1',
  exchangeAdministrator: '29232cdf-9323-42fd-ade2-1d097af3e4de',
  sharePointAdministrator: 'f28a1f50-f6e7-4571-818b-6a12f2af6b6c',
  helpdeskAdministrator: '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  applicationAdministrator: '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3',
  cloudApplicationAdministrator: '158c047a-c907-4556-b7ef-446551a6b5f7',
  authenticationAdministrator: 'c4e39bd9-1100-46d3-8c65-fb160da0071f',
  conditionalAccessAdministrator: 'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9',
  hybridIdentityAdministrator: '8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2',
  intuneAdministrator: '3a2c62db-5318-420d-8d74-23affee5d9d5',
  teamsAdministrator: '69091246-20e8-4a56-aa4d-066075b2a7a8',
  billingAdministrator: 'b0f54661-2d74-4c50-afa3-1ec803f12efe',
  globalReader: 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  reportsReader: '4a5d8f65-41da-4de4-8968-e035b65339cf',
} as const;

const DISPLAY: Record<keyof typeof ROLE, [string, string]> = {
  globalAdministrator: ['Global Administrator', 'Can manage all aspects of Microsoft Entra ID and Microsoft services that use Microsoft Entra identities.'],
  privilegedRoleAdministrator: ['Privileged Role Administrator', 'Can manage role assignments in Microsoft Entra ID, and all aspects of Privileged Identity Management.'],
  privilegedAuthenticationAdministrator: ['Privileged Authentication Administrator', 'Can access to view, set and reset authentication method information for any user (admin or non-admin).'],
  securityAdministrator: ['Security Administrator', 'Can read security information and reports, and manage configuration in Microsoft Entra ID and Office 365.'],
  securityReader: ['Security Reader', 'Can read security information and reports in Microsoft Entra ID and Office 365.'],
  userAdministrator: ['User Administrator', 'Can manage all aspects of users and groups, including resetting passwords for limited admins.'],
  exchangeAdministrator: ['Exchange Administrator', 'Can manage all aspects of the Exchange product.'],
  sharePointAdministrator: ['SharePoint Administrator', 'Can manage all aspects of the SharePoint service.'],
  helpdeskAdministrator: ['Helpdesk Administrator', 'Can reset passwords for non-administrators and Helpdesk Administrators.'],
  applicationAdministrator: ['Application Administrator', 'Can create and manage all aspects of app registrations and enterprise apps.'],
  cloudApplicationAdministrator: ['Cloud Application Administrator', 'Can create and manage all aspects of app registrations and enterprise apps except App Proxy.'],
  authenticationAdministrator: ['Authentication Administrator', 'Can access to view, set and reset authentication method information for any non-admin user.'],
  conditionalAccessAdministrator: ['Conditional Access Administrator', 'Can manage Conditional Access capabilities.'],
  hybridIdentityAdministrator: ['Hybrid Identity Administrator', 'Can manage Active Directory to Microsoft Entra cloud provisioning, Microsoft Entra Connect, pass-through authentication, password hash synchronization, seamless single sign-on, and federation settings.'],
  intuneAdministrator: ['Intune Administrator', 'Can manage all aspects of the Intune product.'],
  teamsAdministrator: ['Teams Administrator', 'Can manage the Microsoft Teams service.'],
  billingAdministrator: ['Billing Administrator', 'Can perform common billing related tasks like updating payment information.'],
  globalReader: ['Global Reader', 'Can read everything that a Global Administrator can, but not update anything.'],
  reportsReader: ['Reports Reader', 'Can read sign-in and audit reports.'],
};

/** unifiedRoleDefinition, as GET /roleManagement/directory/roleDefinitions returns it. */
export interface GraphRoleDefinition {
  id: string;
  description: string;
  displayName: string;
  isBuiltIn: boolean;
  isEnabled: boolean;
  resourceScopes: string[];
  templateId: string;
  version: string;
  rolePermissions: Array<{ allowedResourceActions: string[]; condition: string | null }>;
  inheritsPermissionsFrom: Array<{ id: string }>;
}

export function builtInRoleDefinitions(): GraphRoleDefinition[] {
  return (Object.keys(ROLE) as Array<keyof typeof ROLE>).map((key) => {
    const [displayName, description] = DISPLAY[key];
    return {
      id: ROLE[key],
      description,
      displayName,
      isBuiltIn: true,
      isEnabled: true,
      resourceScopes: ['/'],
      templateId: ROLE[key],
      version: '1',
      rolePermissions: [{ allowedResourceActions: [`microsoft.directory/${key}/allTasks`], condition: null }],
      inheritsPermissionsFrom: [{ id: '88d8e3e3-8f55-4a1e-953a-9b9898b8876b' }],
    };
  });
}
