import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import { CallerIdConstants, CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  AuthenticationConstants,
  BotFrameworkAuthenticationFactory,
  type AuthenticateRequestResult,
  type BotFrameworkAuthentication,
} from 'botframework-connector';
import { BreakglassError } from '../../bot/core/errors';
import type { Logger } from '../../bot/core/logger';
import { DEFAULT_SERVICE_URL_ALLOW_LIST } from './service-url-allow-list';
import { TokenCredentialsFactory } from './token-credentials-factory';

export interface TeamsAdapterSettings {
  /** MICROSOFT_APP_ID. Empty only with `disableAuth`. */
  appId: string;
  /** MICROSOFT_APP_PASSWORD; used when no `credential` is given. */
  appPassword?: string;
  /** Home tenant of a single-tenant bot registration; multi-tenant bots use botframework.com. */
  tenantId?: string;
  /** Outbound token source; defaults to a client secret credential from appPassword. */
  credential?: TokenCredential;
  /** Microsoft Entra authority for outbound tokens. Default https://login.microsoftonline.com. */
  authorityHost?: string;
  /** Where the signing keys of inbound Bot Framework tokens are published. */
  openIdMetadataUrl?: string;
  /** The only issuer accepted on inbound tokens. */
  tokenIssuer?: string;
  /** Local use only: accept requests without a Bot Framework token. */
  disableAuth?: boolean;
  /** `scheme://host` entries replies may go to; default DEFAULT_SERVICE_URL_ALLOW_LIST. */
  serviceUrlAllowList?: readonly string[];
  logger: Logger;
}

/**
 * CloudAdapter with the turn entry point opened up: the endpoint verifies the
 * token itself (to answer bad tokens with 401 and to ack before the work),
 * then hands over the verified result.
 */
export class TeamsCloudAdapter extends CloudAdapter {
  runVerified(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** One configured CloudAdapter shared by the inbound endpoint and the outbound ChatPort. */
export interface TeamsAdapter {
  readonly appId: string;
  readonly cloud: TeamsCloudAdapter;
  readonly auth: BotFrameworkAuthentication;
  readonly authDisabled: boolean;
  readonly serviceUrlAllowList: readonly string[];
  readonly tokenIssuer: string;
  readonly logger: Logger;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function createTeamsAdapter(settings: TeamsAdapterSettings): TeamsAdapter {
  const appId = settings.appId.trim();
  const authDisabled = settings.disableAuth === true;
  if (!appId && !authDisabled) {
    throw new BreakglassError('config.invalid', 'Teams needs MICROSOFT_APP_ID; running without one is only allowed with teams.disableAuth for local testing.');
  }
  if (authDisabled && (settings.appPassword || settings.credential)) {
    // Auth off means anyone can name the serviceUrl; with a credential loaded the bot's token could be sent there.
    throw new BreakglassError('config.invalid', 'teams.disableAuth cannot be used together with MICROSOFT_APP_PASSWORD or another Teams credential.');
  }
  const serviceUrlAllowList = settings.serviceUrlAllowList ?? DEFAULT_SERVICE_URL_ALLOW_LIST;
  const credential = settings.credential ?? secretCredential(settings, appId);
  if (!credential && !authDisabled) {
    throw new BreakglassError('config.invalid', 'Teams needs MICROSOFT_APP_PASSWORD (or another credential) to send messages.');
  }
  if (authDisabled) {
    settings.logger.warn(
      { setting: 'teams.disableAuth' },
      'Teams authentication is OFF: /api/messages accepts requests without a Bot Framework token. Use this for local testing only.',
    );
  }

  const tokenIssuer = settings.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer;
  // Given any custom value the factory uses every argument as passed, so all are spelled out.
  const auth = BotFrameworkAuthenticationFactory.create(
    '',
    true,
    AuthenticationConstants.ToChannelFromBotLoginUrl,
    AuthenticationConstants.ToChannelFromBotOAuthScope,
    tokenIssuer,
    AuthenticationConstants.OAuthUrl,
    settings.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerIdConstants.PublicAzureChannel,
    new TokenCredentialsFactory(appId, credential, authDisabled, serviceUrlAllowList),
    { requiredEndorsements: [] },
  );
  // No onTurnError: it would swallow failures; callers see them and decide.
  const cloud = new TeamsCloudAdapter(auth);
  return { appId, cloud, auth, authDisabled, serviceUrlAllowList, tokenIssuer, logger: settings.logger };
}

function secretCredential(settings: TeamsAdapterSettings, appId: string): TokenCredential | undefined {
  if (!appId || !settings.appPassword) return undefined;
  const authorityHost = settings.authorityHost ?? 'https://login.microsoftonline.com';
  let hostname: string;
  try {
    hostname = new URL(authorityHost).hostname;
  } catch {
    throw new BreakglassError('config.invalid', `The Teams authority host "${authorityHost}" is not a URL.`);
  }
  return new ClientSecretCredential(settings.tenantId || 'botframework.com', appId, settings.appPassword, {
    authorityHost,
    // Instance discovery asks Microsoft about the authority, which a local token endpoint is not.
    disableInstanceDiscovery: LOCAL_HOSTS.has(hostname),
  });
}
