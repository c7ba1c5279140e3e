import type { EnvSettings } from '../bot/config/env';
import type { Config } from '../bot/config/schema';
import type { Logger } from '../bot/core/logger';

/**
 * The playground serves unauthenticated pages and APIs, so it opens by itself
 * only on a laptop with nothing real configured. BREAKGLASS_PLAYGROUND=force
 * starts it next to real settings, but then on its own 127.0.0.1 port.
 */
export function choosePlayground(env: EnvSettings, config: Config, hasConfigFile: boolean, logger: Logger): { playground: boolean; ownPort: boolean } {
  const real = [env.slack && 'Slack', env.teams && 'Teams', env.azure && 'Azure', env.databaseUrl && 'DATABASE_URL', hasConfigFile && 'config file'].filter(Boolean);
  if (env.playground === 'force') return { playground: true, ownPort: real.length > 0 };
  if (real.length === 0) return { playground: env.playground ?? config.server.playground ?? true, ownPort: false };
  if (env.playground || config.server.playground) {
    logger.warn({ settings: real }, 'playground NOT started: real settings are present (BREAKGLASS_PLAYGROUND=force starts it on its own 127.0.0.1 port)');
  }
  return { playground: false, ownPort: false };
}
