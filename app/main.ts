import { readEnv } from '../bot/config/env';
import { toBreakglassError } from '../bot/core/errors';
import { createLogger } from '../bot/core/logger';
import { OffsetClock, systemClock } from '../bot/ports/clock';
import { warnWithoutAuditKeyInProduction } from './audit-signing-key';
import { createBot } from './create-bot';
import { graphSource } from './graph-connection';
import { ResettablePlayground } from './resettable-playground';
import { startupConfig } from './startup-config';

/** `npm start`: read settings, start everything, stop cleanly on SIGTERM. */
export async function main(): Promise<void> {
  const logger = createLogger();
  try {
    const env = readEnv();
    warnWithoutAuditKeyInProduction(env, logger);
    const { config, playground, ownPort, source } = await startupConfig(env, logger);
    // The simulator's CA lives with the simulator: loaded only when used.
    if (graphSource(config, env).startsWith('simulator')) {
      const { simulatorCaNotTrusted, trustsSimulatorCa } = await import('../adapters/playground/simulator-ca-trust');
      if (!trustsSimulatorCa()) throw simulatorCaNotTrusted();
    }
    const start = (onReset?: () => Promise<void>) =>
      createBot({ config, env, logger, clock: playground ? new OffsetClock() : systemClock, playground, ...(ownPort ? { playgroundPort: env.playgroundPort ?? 0 } : {}), ...(onReset ? { onReset } : {}) });
    // Only the laptop playground on its own SQLite file may wipe its database; never one next to real settings.
    const resettable = playground && !ownPort && !env.databaseUrl && env.sqlitePath !== ':memory:';
    const session = resettable ? await ResettablePlayground.start(start, env.sqlitePath, logger) : undefined;
    const bot = session?.bot ?? (await start());
    const adapters = [env.slack && 'slack', env.teams && 'teams', playground && 'playground'].filter(Boolean).join(', ');
    const database = bot.storage.dialect === 'sqlite' ? `SQLite ${env.sqlitePath}` : 'PostgreSQL (DATABASE_URL)';
    const graph = bot.simulator ? `SIMULATED tenant (${bot.simulator.scenario})` : `real tenant ${env.azure?.tenantId ?? config.tenant.id}`;
    logger.info({ adapters, database, graph, config: source }, 'breakglass is running');
    if (playground) process.stdout.write(`\n  breakglass playground -> ${(bot.playgroundServer ?? bot.server)?.url}/\n  adapters: ${adapters} | database: ${database} | Graph: ${graph}\n\n`);
    const shutdown = async () => {
      logger.info('stopping');
      await (session ?? bot).stop();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown());
    process.once('SIGINT', () => void shutdown());
  } catch (e) {
    const err = toBreakglassError(e);
    logger.error({ err: e, code: err.code }, 'breakglass could not start');
    process.stderr.write(`breakglass could not start: ${err.userMessage}\n`);
    process.exit(1);
  }
}

if (require.main === module) void main();
