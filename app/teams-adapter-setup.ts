import type { EnvSettings } from '../bot/config/env';
import type { Config } from '../bot/config/schema';
import { BreakglassError } from '../bot/core/errors';
import type { Logger } from '../bot/core/logger';

/** The botbuilder adapter as the config and environment ask for it; refuses a `disableAuth` that could leak. */
export function createTeams(sdk: typeof import('../adapters/teams'), config: Config, env: EnvSettings, logger: Logger) {
  if (config.teams.disableAuth) refuseLeakyDisableAuth(config, env);
  if (config.teams.disableAuth) logger.warn('Teams: Bot Framework token validation is OFF (teams.disableAuth); never run like this outside local development');
  return sdk.createTeamsAdapter({
    appId: env.teams?.appId ?? '',
    ...(env.teams?.appPassword ? { appPassword: env.teams.appPassword } : {}),
    ...(env.teams?.appTenantId ? { tenantId: env.teams.appTenantId } : {}),
    authorityHost: config.teams.authorityHost ?? config.graph.authorityHost,
    openIdMetadataUrl: config.teams.openIdMetadataUrl,
    tokenIssuer: config.teams.tokenIssuer,
    disableAuth: config.teams.disableAuth,
    ...(config.teams.serviceUrlAllowList ? { serviceUrlAllowList: config.teams.serviceUrlAllowList } : {}),
    logger,
  });
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** With auth off anyone who reaches /api/messages is trusted: only a laptop, and nothing to hand out. */
export function refuseLeakyDisableAuth(config: Config, env: EnvSettings): void {
  if (env.teams?.appPassword) {
    throw new BreakglassError('config.invalid', 'teams.disableAuth cannot be used with MICROSOFT_APP_PASSWORD set.');
  }
  if (!LOOPBACK.has(config.server.host)) {
    throw new BreakglassError('config.invalid', `teams.disableAuth needs server.host to be a loopback address, not "${config.server.host}".`);
  }
}
