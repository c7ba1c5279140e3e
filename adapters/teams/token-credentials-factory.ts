import type { TokenCredential } from '@azure/identity';
import { ServiceClientCredentialsFactory, type ServiceClientCredentials } from 'botframework-connector';
import { isServiceUrlAllowed } from './service-url-allow-list';

/** The Bot Connector audience; botbuilder passes it as the `audience` of createCredentials. */
export const BOT_FRAMEWORK_SCOPE = 'https://api.botframework.com';

/**
 * Outbound Bot Connector tokens from an @azure/identity credential instead of
 * botbuilder's built-in MSAL client, so the authority host is a setting (a
 * sovereign cloud, or a local token endpoint in tests) and the credential can
 * be a secret, a certificate or a managed identity. @azure/identity caches
 * the token until shortly before it expires.
 */
export class TokenCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(
    private readonly appId: string,
    private readonly credential: TokenCredential | undefined,
    private readonly authDisabled: boolean,
    /** Hosts an outbound call may reach; undefined only when auth is off (then no token is ever attached). */
    private readonly serviceUrlAllowList?: readonly string[],
  ) {
    super();
  }

  async isValidAppId(appId: string): Promise<boolean> {
    return this.appId !== '' && appId === this.appId;
  }

  async isAuthenticationDisabled(): Promise<boolean> {
    return this.authDisabled;
  }

  async createCredentials(appId: string, audience: string | undefined): Promise<ServiceClientCredentials> {
    const credential = this.credential;
    // With auth off nothing is signed, whatever credential exists: the serviceUrl came from an unauthenticated caller.
    if (this.authDisabled || !credential) return { signRequest: async (request) => request };
    const allowList = this.serviceUrlAllowList ?? [];
    if (appId && appId !== this.appId) throw new Error('Outbound credentials requested for an app id this bot does not own.');
    const base = audience ?? BOT_FRAMEWORK_SCOPE;
    const scope = base.endsWith('/.default') ? base : `${base.replace(/\/$/, '')}/.default`;
    return {
      signRequest: async (request) => {
        // The last gate before the token leaves: a request to a host not on the list is never sent.
        if (!isServiceUrlAllowed(request.url, allowList)) throw new Error(`Refusing to send to ${new URL(request.url).host}: not on teams.serviceUrlAllowList.`);
        const token = await credential.getToken(scope);
        if (!token) throw new Error('The Bot Framework token request returned no token.');
        request.headers.set('authorization', `Bearer ${token.token}`);
        return request;
      },
    };
  }
}
