import { openSqlStorage } from '../../../adapters/storage/open-storage';
import { silentLogger } from '../../../bot/core/logger';
import { readEnv } from '../../../bot/config/env';
import { createBot } from '../../../app/create-bot';
import { systemClock } from '../../../bot/ports/clock';
import { processStats, serveChild, type Handlers } from '../lib/child-rpc';
import { benchConfig, SLACK_CHANNELS } from '../world/bench-config';
import { markEffectsDone, seedOpenWorkflows } from '../world/seed-open-workflows';

/**
 * Workload 5a in two fresh processes. `seed` opens `count` workflows (half
 * incidents, half elevation requests) through the runtime in a SQLite file;
 * `measure` then starts the bot (createBot with the tenant simulator and its
 * HTTP server) on that file, so its memory is that of a bot holding them,
 * not of the loop that created them. RSS is read after a GC at rest, then
 * the peak after the bot has walked all of them: a /metrics scrape and an
 * `elevations` listing.
 */
export interface ScaleSeeded {
  seedMs: number;
}

export interface ScaleResult {
  workflows: number;
  rssAtRestMb: number;
  peakAfterMetricsMb: number;
  /** Peak over the process's life, `elevations` listing included. */
  peakRssMb: number;
  heapUsedMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

serveChild<{ mode: 'seed' | 'measure'; path: string; count: number }, { ready: true }>(async ({ mode, path, count }): Promise<{ info: { ready: true }; handlers: Handlers; stop: () => Promise<void> }> => {
  const config = benchConfig({ users: 0 });
  const storage = await openSqlStorage({ sqlitePath: path });
  await storage.migrate();
  if (mode === 'seed') {
    return {
      info: { ready: true },
      handlers: {
        seed: async (): Promise<ScaleSeeded> => {
          const t0 = Date.now();
          const incidents = Math.floor(count / 2);
          await seedOpenWorkflows(storage, config, systemClock, { incidents, elevations: count - incidents });
          await markEffectsDone((sql) => storage.sql.exec(sql));
          return { seedMs: Date.now() - t0 };
        },
      },
      stop: () => storage.close(),
    };
  }
  const bot = await createBot({ config, env: readEnv({ GRAPH: 'simulator:quiet' }), logger: silentLogger, storage, listen: { host: '127.0.0.1', port: 0 }, loops: false });
  return {
    info: { ready: true },
    handlers: {
      measure: async (): Promise<ScaleResult> => {
        gc();
        const rssAtRestMb = mb(process.memoryUsage().rss);
        const metrics = await fetch(`${bot.server!.url}/metrics`).then((r) => r.text());
        const open = /breakglass_open_workflows(?:\{[^}]*\})? (\d+)/.exec(metrics)?.[1];
        if (Number(open) !== count) throw new Error(`metrics counted ${open} open workflows, expected ${count}`);
        const peakAfterMetricsMb = processStats().peakRssMb;
        await bot.router.handle({
          type: 'command',
          text: 'elevations',
          deliveryKey: 'scale-elevations',
          actor: { platform: 'slack', platformUserId: 'U0ALICE' },
          place: { platform: 'slack', conversationId: SLACK_CHANNELS.security },
          receivedAt: Date.now(),
        });
        gc();
        return { workflows: count, rssAtRestMb, peakAfterMetricsMb, peakRssMb: processStats().peakRssMb, heapUsedMb: mb(process.memoryUsage().heapUsed) };
      },
    },
    stop: async () => {
      await bot.stop();
      await storage.close();
    },
  };
});
