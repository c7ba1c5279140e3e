import type { GraphSignIn } from './graph-shapes';

/** Well-known first-party apps, with their real app ids. */
export const APPS = {
  azurePortal: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal', resource: ['797f4846-ba00-4fd7-ba43-dac1f8f63013', 'Windows Azure Service Management API'] },
  officeHome: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome', resource: ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'] },
  teams: { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams', resource: ['cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', 'Microsoft Teams Services'] },
  exchangeOnline: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online', resource: ['00000002-0000-0ff1-ce00-000000000000', 'Office 365 Exchange Online'] },
  graphPowerShell: { id: '14d82eec-204b-4c2f-b7e8-296a70dab67e', name: 'Microsoft Graph Command Line Tools', resource: ['00000003-0000-0000-c000-000000000000', 'Microsoft Graph'] },
} as const;

export type AppKey = keyof typeof APPS;

/** Failure reasons Entra writes for the error codes the scenarios use. */
export const FAILURE_REASONS: Readonly<Record<number, string>> = {
  50053: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  50057: 'User account is disabled. The account has been disabled by an administrator.',
  50074: 'Strong Authentication is required.',
  50126: 'Error validating credentials due to invalid username or password.',
  53003: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  500121: 'Authentication failed during strong authentication request.',
};

export interface SignInSpec {
  id: string;
  at: string;
  user: { id: string; upn: string; displayName: string; userType?: 'Member' | 'Guest' };
  app?: AppKey;
  ip: string;
  location: { city: string; state: string; country: string; lat: number; lon: number };
  device?: Partial<GraphSignIn['deviceDetail']>;
  errorCode?: number;
  failureReason?: string | null;
  additionalDetails?: string | null;
  clientAppUsed?: string;
  conditionalAccessStatus?: GraphSignIn['conditionalAccessStatus'];
  appliedConditionalAccessPolicies?: GraphSignIn['appliedConditionalAccessPolicies'];
  risk?: { level: string; state: string; eventTypes: string[]; detail?: string };
  /** beta */
  mfa?: boolean;
  interactive?: boolean;
  correlationId: string;
}

/** One signIn record, complete as Graph returns it (beta fields included; the v1.0 route strips them). */
export function makeSignIn(spec: SignInSpec): GraphSignIn {
  const app = APPS[spec.app ?? 'officeHome'];
  const errorCode = spec.errorCode ?? 0;
  const succeeded = errorCode === 0;
  const interactive = spec.interactive ?? true;
  const mfa = spec.mfa ?? succeeded;
  const reason = spec.failureReason !== undefined ? spec.failureReason : succeeded ? null : (FAILURE_REASONS[errorCode] ?? 'Other.');
  return {
    id: spec.id,
    createdDateTime: spec.at,
    userDisplayName: spec.user.displayName,
    userPrincipalName: spec.user.upn,
    userId: spec.user.id,
    appId: app.id,
    appDisplayName: app.name,
    ipAddress: spec.ip,
    clientAppUsed: spec.clientAppUsed ?? 'Browser',
    correlationId: spec.correlationId,
    conditionalAccessStatus: spec.conditionalAccessStatus ?? (succeeded ? 'success' : 'notApplied'),
    isInteractive: interactive,
    riskDetail: spec.risk?.detail ?? 'none',
    riskLevelAggregated: spec.risk?.level ?? 'none',
    riskLevelDuringSignIn: spec.risk?.level ?? 'none',
    riskState: spec.risk?.state ?? 'none',
    riskEventTypes: spec.risk?.eventTypes ?? [],
    riskEventTypes_v2: spec.risk?.eventTypes ?? [],
    resourceDisplayName: app.resource[1],
    resourceId: app.resource[0],
    status: { errorCode, failureReason: reason, additionalDetails: spec.additionalDetails ?? null },
    deviceDetail: {
      deviceId: spec.device?.deviceId ?? '',
      displayName: spec.device?.displayName ?? null,
      operatingSystem: spec.device?.operatingSystem ?? 'Windows 10',
      browser: spec.device?.browser ?? 'Edge 120.0.0',
      isCompliant: spec.device?.isCompliant ?? null,
      isManaged: spec.device?.isManaged ?? null,
      trustType: spec.device?.trustType ?? null,
    },
    location: {
      city: spec.location.city,
      state: spec.location.state,
      countryOrRegion: spec.location.country,
      geoCoordinates: { altitude: null, latitude: spec.location.lat, longitude: spec.location.lon },
    },
    appliedConditionalAccessPolicies: spec.appliedConditionalAccessPolicies ?? [
      {
        id: '6b5b5a3a-1d2e-4f60-9a7b-3c4d5e6f7a8b',
        displayName: 'Require MFA for administrators',
        enforcedGrantControls: ['Mfa'],
        enforcedSessionControls: [],
        result: succeeded ? 'success' : 'notApplied',
      },
    ],
    authenticationRequirement: mfa ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
    signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
    userType: spec.user.userType === 'Guest' ? 'guest' : 'member',
    authenticationDetails: [
      {
        authenticationStepDateTime: spec.at,
        authenticationMethod: 'Password',
        authenticationMethodDetail: 'Password in the cloud',
        succeeded: errorCode !== 50126 && errorCode !== 50053 && errorCode !== 50057,
        authenticationStepResultDetail: errorCode === 50126 ? 'Invalid username or password or Invalid on-premise username or password.' : 'Correct password',
        authenticationStepRequirement: 'Primary authentication',
      },
      ...(mfa || errorCode === 50074 || errorCode === 500121
        ? [
            {
              authenticationStepDateTime: spec.at,
              authenticationMethod: 'Mobile app notification',
              authenticationMethodDetail: null,
              succeeded: succeeded,
              authenticationStepResultDetail: succeeded ? 'MFA successfully completed' : (spec.additionalDetails ?? 'MFA required in Azure AD'),
              authenticationStepRequirement: 'Multifactor authentication',
            },
          ]
        : []),
    ],
  };
}
