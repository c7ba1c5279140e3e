import { startFakeBotConnector, type FakeBotConnector } from '../../fakes/fake-bot-connector';
import { startFakeBotIssuer, type FakeBotIssuer } from '../../fakes/fake-bot-issuer';
import { FakeSlack } from '../../fakes/fake-slack';
import { processStats, serveChild } from '../lib/child-rpc';
import { benchSlackUsers } from '../world/bench-config';
import { TEAMS_APP_ID, TEAMS_APP_SECRET, type FakesInfo } from '../world/bench-world';

/**
 * The outside world in a process of its own: the fake Slack Web API (and
 * response_url), and for Teams the Bot Framework token issuer and Bot
 * Connector. Kept apart so their work is charged to neither the bot nor the
 * load generator.
 */
serveChild<{ users: number; teams?: boolean }, FakesInfo>(async (options) => {
  const slack = await FakeSlack.start({ users: benchSlackUsers(options.users) });
  let issuer: FakeBotIssuer | undefined;
  let connector: FakeBotConnector | undefined;
  if (options.teams) {
    issuer = await startFakeBotIssuer({ clientId: TEAMS_APP_ID, clientSecret: TEAMS_APP_SECRET });
    const verify = issuer;
    connector = await startFakeBotConnector({ verifyToken: (t) => verify.verifyBotToken(t) });
  }
  const channelToken = () => issuer!.channelToken({ aud: TEAMS_APP_ID, serviceUrl: connector!.serviceUrl });
  return {
    info: {
      slack: { apiUrl: slack.apiUrl, botToken: slack.botToken, responseBase: slack.responseUrl('') },
      ...(issuer && connector
        ? { teams: { issuerUrl: issuer.url, openIdMetadataUrl: issuer.openIdMetadataUrl, channelIssuer: issuer.channelIssuer, serviceUrl: connector.serviceUrl, token: channelToken() } }
        : {}),
    },
    handlers: {
      stats: () => ({ ...processStats(), slackCalls: slack.calls.length, responses: slack.responses.length, connectorCalls: connector?.calls.length ?? 0 }),
      // The fakes keep every call for assertions; a long bench does not need them.
      forget: () => {
        slack.calls.length = 0;
        slack.responses.length = 0;
        if (connector) connector.calls.length = 0;
        return true;
      },
      /** How many posts each response_url received (workload 7 counts one effect per delivery). */
      responseCounts: () => {
        const counts: Record<string, number> = {};
        for (const r of slack.responses) counts[r.id] = (counts[r.id] ?? 0) + 1;
        return counts;
      },
      connectorCalls: () => connector?.calls.map((c) => ({ kind: c.kind, conversationId: c.conversationId, activityId: c.activityId })) ?? [],
    },
    stop: async () => {
      await connector?.close();
      await issuer?.close();
      await slack.close();
    },
  };
});
