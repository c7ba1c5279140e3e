import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';

export interface GraphCredentialSettings {
  tenantId: string;
  /** App (client) id; with neither secret nor certificate, the client id of a user-assigned managed identity. */
  clientId?: string;
  clientSecret?: string;
  /** PEM file holding the private key and the certificate. */
  certificatePath?: string;
  certificatePassword?: string;
  /** Identity authority, e.g. https://login.microsoftonline.com or the tenant simulator's URL. */
  authorityHost?: string;
  /** Retries of a failing token request inside @azure/identity (its default when omitted). */
  tokenRetries?: number;
}

const MICROSOFT_AUTHORITY_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
  'login.microsoftonline.de',
]);

/** Instance discovery asks login.microsoftonline.com about the host; a stand-in authority must skip it. */
export function isMicrosoftAuthorityHost(authorityHost: string): boolean {
  try {
    return MICROSOFT_AUTHORITY_HOSTS.has(new URL(authorityHost).hostname.toLowerCase());
  } catch {
    return false;
  }
}

export type GraphCredentialKind = 'client-secret' | 'client-certificate' | 'managed-identity';

/** Which credential the settings select, in EnvironmentCredential's order: secret, then certificate, else managed identity. */
export function graphCredentialKind(settings: GraphCredentialSettings): GraphCredentialKind {
  if (settings.clientSecret) return 'client-secret';
  if (settings.certificatePath) return 'client-certificate';
  return 'managed-identity';
}

export function createGraphCredential(settings: GraphCredentialSettings): TokenCredential {
  const authorityHost = settings.authorityHost;
  const options = {
    ...(authorityHost ? { authorityHost } : {}),
    disableInstanceDiscovery: authorityHost !== undefined && !isMicrosoftAuthorityHost(authorityHost),
    ...(settings.tokenRetries !== undefined ? { retryOptions: { maxRetries: settings.tokenRetries } } : {}),
  };
  switch (graphCredentialKind(settings)) {
    case 'client-secret':
      return new ClientSecretCredential(settings.tenantId, requireClientId(settings), settings.clientSecret as string, options);
    case 'client-certificate':
      return new ClientCertificateCredential(
        settings.tenantId,
        requireClientId(settings),
        { certificatePath: settings.certificatePath as string, ...(settings.certificatePassword ? { certificatePassword: settings.certificatePassword } : {}) },
        options,
      );
    case 'managed-identity':
      return settings.clientId ? new ManagedIdentityCredential({ clientId: settings.clientId, ...retry(settings) }) : new ManagedIdentityCredential(retry(settings));
  }
}

function retry(settings: GraphCredentialSettings): { retryOptions?: { maxRetries: number } } {
  return settings.tokenRetries !== undefined ? { retryOptions: { maxRetries: settings.tokenRetries } } : {};
}

function requireClientId(settings: GraphCredentialSettings): string {
  if (!settings.clientId) throw new Error('A client id is needed with a client secret or certificate (AZURE_CLIENT_ID).');
  return settings.clientId;
}
