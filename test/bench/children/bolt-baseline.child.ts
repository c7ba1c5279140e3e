import { App, ExpressReceiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processStats, serveChild } from '../lib/child-rpc';
import { SLACK_PATH, SLACK_SECRET, type FakesInfo, type ServerInfo } from '../world/bench-world';

/**
 * The bare framework the Slack numbers are compared with: a Bolt App on an
 * ExpressReceiver (the same receiver class, path and signature check the bot
 * uses), whose listeners only ack.
 */
serveChild<{ fakes: FakesInfo }, ServerInfo>(async ({ fakes }) => {
  const receiver = new ExpressReceiver({ signingSecret: SLACK_SECRET, endpoints: SLACK_PATH });
  const app = new App({ token: fakes.slack.botToken, receiver, clientOptions: { slackApiUrl: fakes.slack.apiUrl } });
  app.command(/.*/, async ({ ack }) => {
    await ack();
  });
  app.action({ type: 'block_actions' }, async ({ ack }) => {
    await ack();
  });
  const server: Server = await new Promise((resolve) => {
    const s = receiver.app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    info: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    handlers: { stats: () => processStats() },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
});
