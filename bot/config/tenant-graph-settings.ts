import type { EnvSettings } from './env';
import type { Config } from './schema';

/** Where and as whom the bot reads a real tenant's Graph: the bot and `doctor` build it the same way. */
export interface TenantGraphSettings {
  baseUrl: string;
  authorityHost: string;
  tenantId: string;
  clientId: string;
  clientSecret?: string;
  certificatePath?: string;
}

export function tenantGraphSettings(config: Config, azure: NonNullable<EnvSettings['azure']>): TenantGraphSettings {
  return {
    baseUrl: config.graph.baseUrl,
    authorityHost: config.graph.authorityHost,
    tenantId: azure.tenantId,
    clientId: azure.clientId,
    ...(azure.clientSecret ? { clientSecret: azure.clientSecret } : {}),
    ...(azure.certificatePath ? { certificatePath: azure.certificatePath } : {}),
  };
}
