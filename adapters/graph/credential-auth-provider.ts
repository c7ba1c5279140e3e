import type { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';

/** The identity platform said no to the credential itself (wrong secret, unknown app, expired certificate). */
const REJECTED = /invalid_client|unauthorized_client|invalid_grant|invalid_scope|AADSTS7000215|AADSTS700016|AADSTS700027|AADSTS7000222|AADSTS700024/;

/**
 * Gives the Graph client a token from an @azure/identity credential. Token
 * failures are renamed (CredentialRejected / CredentialUnavailable) because
 * the client turns thrown errors into GraphErrors whose code is the error's
 * name; the error mapper then tells "fix your config" from "try later".
 */
export class CredentialAuthProvider implements AuthenticationProvider {
  constructor(
    private readonly credential: TokenCredential,
    private readonly scope: string,
  ) {}

  async getAccessToken(): Promise<string> {
    let token: { token: string } | null;
    try {
      token = await this.credential.getToken(this.scope);
    } catch (e) {
      const text = e instanceof Error ? e.message : String(e);
      const failure = new Error(REJECTED.test(text) ? 'The identity platform rejected the app credential' : 'No token from the identity platform', { cause: e });
      failure.name = REJECTED.test(text) ? 'CredentialRejected' : 'CredentialUnavailable';
      throw failure;
    }
    if (!token) {
      const failure = new Error('The credential returned no token');
      failure.name = 'CredentialUnavailable';
      throw failure;
    }
    return token.token;
  }
}

/** The token scope for a Graph base URL: its origin plus /.default (https://graph.microsoft.com/.default). */
export function graphScope(baseUrl: string): string {
  return `${new URL(baseUrl).origin}/.default`;
}
