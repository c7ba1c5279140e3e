import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { createGraphCredential, graphCredentialKind, isMicrosoftAuthorityHost } from '../../../adapters/graph/credential';
import { CLIENT_CERTIFICATE_FILE } from '../../../sim';

describe('choosing the Graph credential from the settings present', () => {
  const base = { tenantId: 'b7c4e2a1-5f3d-4e8b-9a6c-0d1e2f3a4b5c', clientId: 'a3f0c9d2-7b1e-4c5a-8d6f-2e9b0c1d4f7a' };

  it('uses the secret when there is one, then a certificate, else managed identity', () => {
    expect(createGraphCredential({ ...base, clientSecret: 's', certificatePath: CLIENT_CERTIFICATE_FILE })).toBeInstanceOf(ClientSecretCredential);
    expect(createGraphCredential({ ...base, certificatePath: CLIENT_CERTIFICATE_FILE })).toBeInstanceOf(ClientCertificateCredential);
    expect(createGraphCredential({ ...base })).toBeInstanceOf(ManagedIdentityCredential);
    expect(createGraphCredential({ tenantId: base.tenantId })).toBeInstanceOf(ManagedIdentityCredential);
    expect(graphCredentialKind({ ...base, certificatePath: 'x.pem' })).toBe('client-certificate');
  });

  it('needs a client id with a secret', () => {
    expect(() => createGraphCredential({ tenantId: base.tenantId, clientSecret: 's' })).toThrow(/client id/);
  });

  it('skips instance discovery only for authorities that are not Microsoft login hosts', () => {
    expect(isMicrosoftAuthorityHost('https://login.microsoftonline.com')).toBe(true);
    expect(isMicrosoftAuthorityHost('https://login.microsoftonline.us/')).toBe(true);
    expect(isMicrosoftAuthorityHost('https://127.0.0.1:8443')).toBe(false);
    expect(isMicrosoftAuthorityHost('not a url')).toBe(false);
  });
});
