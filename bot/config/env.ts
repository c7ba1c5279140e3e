import { BreakglassError } from '../core/errors';

/** Secrets and deployment settings: environment only, never the config file. */
export interface EnvSettings {
  port?: number;
  databaseUrl?: string;
  sqlitePath: string;
  slack?: { signingSecret: string; botToken: string; appToken?: string; apiUrl?: string };
  teams?: { appId: string; appPassword?: string; appTenantId?: string };
  azure?: { tenantId: string; clientId: string; clientSecret?: string; certificatePath?: string; managedIdentity?: boolean };
  graphSource?: string;
  /** 'force' starts it even next to real settings (on its own loopback port); true only when nothing real is set. */
  playground?: boolean | 'force';
  /** Port of a forced playground's own 127.0.0.1 listener; 0 picks a free one. */
  playgroundPort?: number;
}

/** Every chat/app variable we read; any other with these prefixes is a typo that would otherwise go unnoticed. */
const KNOWN = new Set([
  'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_APP_TOKEN', 'SLACK_API_URL',
  'MICROSOFT_APP_ID', 'MICROSOFT_APP_PASSWORD', 'MICROSOFT_APP_TENANT_ID',
  'AZURE_TENANT_ID', 'AZURE_CLIENT_ID', 'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PATH', 'AZURE_USE_MANAGED_IDENTITY',
]);
const CHECKED_PREFIXES = ['SLACK_', 'TEAMS_', 'MICROSOFT_APP_', 'AZURE_CLIENT_', 'AZURE_TENANT', 'AZURE_USE_'];

export function readEnv(env: NodeJS.ProcessEnv = process.env): EnvSettings {
  const port = env.PORT ? Number(env.PORT) : undefined;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new BreakglassError('config.invalid', `PORT must be a port number, got "${env.PORT}".`);
  }
  for (const name of Object.keys(env)) {
    if (CHECKED_PREFIXES.some((p) => name.startsWith(p)) && !KNOWN.has(name)) {
      throw new BreakglassError('config.invalid', `${name} is not a setting breakglass knows; check its spelling (see README, Configuration).`);
    }
  }
  if (env.MICROSOFT_APP_PASSWORD && !env.MICROSOFT_APP_ID) {
    throw new BreakglassError('config.invalid', 'MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is missing.');
  }
  const slackAny = env.SLACK_SIGNING_SECRET || env.SLACK_BOT_TOKEN || env.SLACK_APP_TOKEN;
  if (slackAny && !(env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN)) {
    throw new BreakglassError('config.invalid', `Slack needs both SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN; ${env.SLACK_BOT_TOKEN ? 'SLACK_SIGNING_SECRET' : 'SLACK_BOT_TOKEN'} is missing.`);
  }
  const azureAny = env.AZURE_CLIENT_ID || env.AZURE_CLIENT_SECRET || env.AZURE_CLIENT_CERTIFICATE_PATH;
  if (azureAny && !(env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID)) {
    throw new BreakglassError('config.invalid', 'Graph needs AZURE_TENANT_ID and AZURE_CLIENT_ID (plus AZURE_CLIENT_SECRET, a certificate, or AZURE_USE_MANAGED_IDENTITY=true).');
  }
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: env.BREAKGLASS_DB || './data/breakglass.db',
    slack: slackAny
      ? { signingSecret: env.SLACK_SIGNING_SECRET!, botToken: env.SLACK_BOT_TOKEN!, appToken: env.SLACK_APP_TOKEN || undefined, apiUrl: env.SLACK_API_URL || undefined }
      : undefined,
    teams: env.MICROSOFT_APP_ID ? { appId: env.MICROSOFT_APP_ID, appPassword: env.MICROSOFT_APP_PASSWORD || undefined, appTenantId: env.MICROSOFT_APP_TENANT_ID || undefined } : undefined,
    azure:
      env.AZURE_TENANT_ID && env.AZURE_CLIENT_ID
        ? {
            tenantId: env.AZURE_TENANT_ID,
            clientId: env.AZURE_CLIENT_ID,
            clientSecret: env.AZURE_CLIENT_SECRET || undefined,
            certificatePath: env.AZURE_CLIENT_CERTIFICATE_PATH || undefined,
            managedIdentity: env.AZURE_USE_MANAGED_IDENTITY === 'true',
          }
        : undefined,
    graphSource: env.GRAPH || undefined,
    playground: env.BREAKGLASS_PLAYGROUND === undefined ? undefined : env.BREAKGLASS_PLAYGROUND === 'force' ? 'force' : env.BREAKGLASS_PLAYGROUND === 'true',
    playgroundPort: env.BREAKGLASS_PLAYGROUND_PORT ? Number(env.BREAKGLASS_PLAYGROUND_PORT) : undefined,
  };
}
