import type { PlaygroundChat } from '../adapters/playground/playground-chat';
import { createPlaygroundRouter } from '../adapters/playground/playground-routes';
import type { TenantSimulator } from '../sim';
import type { EnvSettings } from '../bot/config/env';
import type { Config } from '../bot/config/schema';
import { BreakglassError } from '../bot/core/errors';
import type { InboundEvent } from '../bot/core/inbound-event';
import type { Logger } from '../bot/core/logger';
import type { Outcome } from '../bot/core/outcome';
import { OffsetClock, type Clock } from '../bot/ports/clock';
import type { Storage } from '../bot/ports/storage';

export interface PlaygroundMountDeps {
  chat: PlaygroundChat;
  config: Config;
  env: EnvSettings;
  logger: Logger;
  storage: Storage;
  clock: Clock;
  simulator?: TenantSimulator;
  onEvent: (event: InboundEvent) => Promise<Outcome>;
  tick: () => Promise<void>;
  onReset?: () => Promise<void>;
}

/**
 * The playground's page and API. Moving the clock and Reset exist only in a
 * fully simulated world: no real tenant to read, nobody real to page.
 */
export function playgroundRouter(deps: PlaygroundMountDeps) {
  const { config, env, storage, clock, simulator } = deps;
  const worldIsSimulated = !!simulator && !env.slack && !env.teams && !config.teams.disableAuth;
  return createPlaygroundRouter({
    chat: deps.chat,
    config,
    logger: deps.logger,
    onEvent: deps.onEvent,
    audit: () => storage.listAudit({}),
    ...(worldIsSimulated
      ? {
          advance: async (ms: number) => {
            if (!(clock instanceof OffsetClock)) throw new BreakglassError('config.invalid', 'Time can only be moved in the playground.');
            clock.advance(ms);
            await deps.tick();
          },
        }
      : {}),
    ...(worldIsSimulated && deps.onReset ? { reset: deps.onReset } : {}),
    now: () => clock.now(),
    describe: { database: storage.dialect === 'sqlite' ? `SQLite ${env.sqlitePath}` : 'PostgreSQL', graph: simulator ? `simulated tenant (${simulator.scenario})` : 'Microsoft Graph' },
  });
}
