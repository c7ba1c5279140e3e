import { createGraphPort, type GraphPortSettings } from '../adapters/graph/graph-port';
import type { ScenarioName, TenantSimulator } from '../sim';
import type { EnvSettings } from '../bot/config/env';
import { tenantGraphSettings } from '../bot/config/tenant-graph-settings';
import type { Config } from '../bot/config/schema';
import { BreakglassError } from '../bot/core/errors';
import type { GraphPort } from '../bot/ports/graph-port';
import type { Logger } from '../bot/core/logger';
import type { Clock } from '../bot/ports/clock';

/** Graph adapter tuning (retry backoff, sleep, log pacer); tests make retries fast. */
export type GraphTuning = Partial<Pick<GraphPortSettings, 'retry' | 'sleep' | 'logPacer'>>;

/** 'tenant' or 'simulator:<scenario>': a real tenant only when asked for or when Azure credentials are set. */
export function graphSource(config: Config, env: EnvSettings): string {
  return env.graphSource ?? config.graph.source ?? (env.azure ? 'tenant' : 'simulator:under-attack');
}

/** A real tenant when asked for, else the simulator; said loudly either way. */
export async function connectGraph(config: Config, env: EnvSettings, clock: Clock, logger: Logger, tuning: GraphTuning = {}): Promise<{ graph: GraphPort; simulator?: TenantSimulator }> {
  const source = graphSource(config, env);
  if (source === 'tenant') {
    if (!env.azure) throw new BreakglassError('config.invalid', "graph.source is 'tenant' but AZURE_TENANT_ID and AZURE_CLIENT_ID are not set.");
    logger.info({ tenantId: env.azure.tenantId, graph: config.graph.baseUrl }, 'Graph: REAL TENANT');
    const graph = createGraphPort({
      ...tenantGraphSettings(config, env.azure),
      logger,
      clock,
      ...tuning,
    });
    return { graph };
  }
  const scenario = (source.split(':')[1] ?? 'under-attack') as ScenarioName;
  // The simulator is a development tool: loaded only when no real tenant is used.
  const { startTenantSimulator } = await import('../sim');
  const simulator = await startTenantSimulator({ scenario, clock });
  logger.warn({ scenario: simulator.scenario, url: simulator.url }, 'Graph: SIMULATED TENANT (no real directory is read or changed)');
  const graph = createGraphPort({ baseUrl: simulator.graphBaseUrl, authorityHost: simulator.authorityHost, tenantId: simulator.tenantId, clientId: simulator.clientId, clientSecret: simulator.clientSecret, logger, clock, ...tuning });
  return { graph, simulator };
}
