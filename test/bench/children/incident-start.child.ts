import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readEnv } from '../../../bot/config/env';
import { silentLogger } from '../../../bot/core/logger';
import { createBot } from '../../../app/create-bot';
import { FakeSlack } from '../../fakes/fake-slack';
import { sendSigned, slashCommand } from '../../support/slack-signing';
import { createTestStorage, type Dialect } from '../../support/storages';
import { processStats, serveChild } from '../lib/child-rpc';
import { benchConfig, benchSlackUsers, benchUsers } from '../world/bench-config';
import { SLACK_PATH, SLACK_SECRET } from '../world/bench-world';

/**
 * Workload 8: incidents opened one after another at a steady pace, each in
 * its own channel by a different responder, and the time from the signed
 * `start` to its checklist card at the fake Slack. With `unreachable`, Slack
 * refuses every DM the bot tries to open (`users_not_found`), so every page
 * falls back to the channel: the checklist must not wait for that.
 */
export interface IncidentStartSample {
  cardMs: number;
}

const channelOf = (i: number) => `C9INC${String(i).padStart(5, '0')}`;

/** Gap between two starts: steady load, not one burst (a burst would measure the queue). */
const START_EVERY_MS = 50;

serveChild<{ dialect: Dialect; unreachable: boolean; count: number }, { ready: true }>(async ({ dialect, unreachable, count }) => {
  const fake = await FakeSlack.start({ users: benchSlackUsers(count) });
  const test = await createTestStorage(dialect);
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-incident-start-'));
  const env = readEnv({ SLACK_SIGNING_SECRET: SLACK_SECRET, SLACK_BOT_TOKEN: fake.botToken, SLACK_API_URL: fake.apiUrl, GRAPH: 'simulator:quiet' });
  const bot = await createBot({ config: benchConfig({ users: count }), env, logger: silentLogger, storage: test.storage, listen: { host: '127.0.0.1', port: 0 }, loops: true, slackPacingMs: 1, exportDir: path.join(dir, 'exports') });
  const endpoint = `${bot.server!.url}${SLACK_PATH}`;
  // Every DM the bot opens is refused, for the whole run: each manager is unreachable.
  if (unreachable) fake.failNext('conversations.open', { error: 'users_not_found' }, 1_000_000);
  const users = benchUsers(count);

  async function once(i: number): Promise<IncidentStartSample> {
    const user = users[i]!;
    const channel = channelOf(i);
    const t0 = performance.now();
    const res = await sendSigned(endpoint, SLACK_SECRET, slashCommand({ text: `start bench incident ${i}`, user_id: user.slack, user_name: user.key, channel_id: channel, response_url: fake.responseUrl(`start-${i}`) }));
    if (res.status !== 200) throw new Error(`start ${i} answered ${res.status}`);
    await fake.waitFor(() => fake.messages(channel).find((m) => (m.text ?? '').startsWith('Break-glass incident')), 60_000, `the checklist of incident ${i}`).catch(async (e: Error) => {
      const answer = await fake.waitForResponse(`start-${i}`, 1_000).catch(() => undefined);
      throw new Error(`${e.message}; the start was answered: ${JSON.stringify(answer?.body ?? null)}; pending effects ${await test.storage.pendingEffectCount()} ${JSON.stringify(await (test.storage as unknown as { sql: { query: (q: string) => Promise<unknown> } }).sql.query("SELECT substr(lane,1,30) AS lane, status, attempts, claimed_until IS NOT NULL AS claimed, substr(last_error,1,80) AS err, COUNT(*) AS n FROM outbox WHERE status = 'pending' GROUP BY 1,2,3,4,5 ORDER BY n DESC LIMIT 15"))}`);
    });
    return { cardMs: performance.now() - t0 };
  }

  return {
    info: { ready: true },
    handlers: {
      run: async () => {
        const runs: Array<Promise<IncidentStartSample>> = [];
        for (let i = 0; i < count; i++) {
          runs.push(once(i));
          await new Promise((r) => setTimeout(r, START_EVERY_MS));
        }
        return Promise.all(runs);
      },
      // Pages run in their own lanes after the checklists (one manager's pages one at a time): wait for them.
      fallbacks: async (args: { expected: number }) => {
        const count = () => users.reduce((n, _u, i) => n + fake.messages(channelOf(i)).filter((m) => (m.text ?? '').includes('cannot send you a direct message')).length, 0);
        const deadline = Date.now() + 60_000;
        while (count() < args.expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        return count();
      },
      stats: () => processStats(),
    },
    stop: async () => {
      await bot.stop();
      await test.dispose();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
