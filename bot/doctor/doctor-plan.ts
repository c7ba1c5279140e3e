import type { EnvSettings } from '../config/env';
import type { Config } from '../config/schema';
import { tenantGraphSettings, type TenantGraphSettings } from '../config/tenant-graph-settings';
import type { DatabaseProbe } from './check-database';
import type { GraphCheckOptions, GraphProbe } from './check-graph';
import { reachTargets, type ReachTarget } from './check-reach';
import type { SlackProbe } from './check-slack';
import type { TeamsProbe } from './check-teams';
import { graphFeaturesInUse, groupBindings, type PermissionTable } from './graph-features';

/** Builds the probes from settings; app/cli.ts implements it with the real adapters. */
export interface DoctorAdapters {
  database(target: { databaseUrl?: string; sqlitePath: string }): DatabaseProbe;
  graph(settings: TenantGraphSettings): GraphProbe;
  graphPermissions: PermissionTable;
  slack(settings: { botToken: string; apiUrl?: string }): SlackProbe;
  slackScopes: readonly string[];
  teamsToken(settings: { appId: string; appPassword?: string; appTenantId?: string; authorityHost: string }): () => Promise<void>;
}

/** What to check and with what; a part that is not configured carries the reason it is skipped. */
export interface DoctorPlan {
  database: DatabaseProbe;
  graph: { probe: GraphProbe; options: GraphCheckOptions } | { skipped: string } | { misconfigured: string };
  slack: { probe: SlackProbe; requiredScopes: readonly string[]; targets: ReachTarget[] } | { skipped: string };
  teams: TeamsProbe | { skipped: string };
}

/**
 * The parts this deployment uses, read from the same settings the bot starts
 * with. `graphSource` is the bot's own decision (app/graph-connection.ts graphSource):
 * 'tenant' or 'simulator:<scenario>'. `simulator` is the running simulated
 * tenant's settings when the bot would use one: it is checked like a real one.
 */
export function planDoctor(env: EnvSettings, config: Config, graphSource: string, adapters: DoctorAdapters, now: number, simulator?: TenantGraphSettings): DoctorPlan {
  return {
    database: adapters.database({ ...(env.databaseUrl ? { databaseUrl: env.databaseUrl } : {}), sqlitePath: env.sqlitePath }),
    graph: planGraph(env, config, graphSource, adapters, now, simulator),
    slack: env.slack
      ? {
          probe: adapters.slack({ botToken: env.slack.botToken, ...(env.slack.apiUrl ? { apiUrl: env.slack.apiUrl } : {}) }),
          requiredScopes: adapters.slackScopes,
          targets: reachTargets(config, 'slack'),
        }
      : { skipped: 'not configured (SLACK_BOT_TOKEN is not set)' },
    teams: env.teams
      ? {
          appId: env.teams.appId,
          ...(env.teams.appTenantId ? { appTenantId: env.teams.appTenantId } : {}),
          allowedTenants: config.teams.allowedTenants.length > 0 ? config.teams.allowedTenants : [config.tenant.id],
          authDisabled: config.teams.disableAuth,
          targets: reachTargets(config, 'teams'),
          ...(config.teams.appCatalogId ? { appCatalogId: config.teams.appCatalogId } : {}),
          acquireToken: adapters.teamsToken({
            appId: env.teams.appId,
            ...(env.teams.appPassword ? { appPassword: env.teams.appPassword } : {}),
            ...(env.teams.appTenantId ? { appTenantId: env.teams.appTenantId } : {}),
            authorityHost: config.teams.authorityHost ?? config.graph.authorityHost,
          }),
        }
      : { skipped: 'not configured (MICROSOFT_APP_ID is not set)' },
  };
}

function planGraph(env: EnvSettings, config: Config, graphSource: string, adapters: DoctorAdapters, now: number, simulator?: TenantGraphSettings): DoctorPlan['graph'] {
  if (graphSource !== 'tenant') {
    if (!simulator) return { skipped: `the built-in simulated tenant (${graphSource}) is used: set AZURE_TENANT_ID and AZURE_CLIENT_ID to check a real one` };
    return graphChecks(config, adapters.graph(simulator), adapters, now);
  }
  if (!env.azure) return { misconfigured: "graph.source is 'tenant' but AZURE_TENANT_ID and AZURE_CLIENT_ID are not set" };
  const probe = adapters.graph(tenantGraphSettings(config, env.azure));
  return graphChecks(config, probe, adapters, now);
}

function graphChecks(config: Config, probe: GraphProbe, adapters: DoctorAdapters, now: number): DoctorPlan['graph'] {
  const groupId = groupBindings(config)[0];
  return { probe, options: { features: graphFeaturesInUse(config), permissions: adapters.graphPermissions, now, ...(groupId ? { groupId } : {}) } };
}
