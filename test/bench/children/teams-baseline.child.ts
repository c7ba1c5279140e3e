import { ActivityTypes, CallerIdConstants, CloudAdapter, type TurnContext } from 'botbuilder';
import { AuthenticationConstants, BotFrameworkAuthenticationFactory, PasswordServiceClientCredentialFactory } from 'botframework-connector';
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processStats, serveChild } from '../lib/child-rpc';
import { TEAMS_APP_ID, TEAMS_APP_SECRET, TEAMS_PATH, type FakesInfo, type ServerInfo } from '../world/bench-world';

/**
 * The bare framework the Teams numbers are compared with: a botbuilder
 * CloudAdapter behind express.json() on /api/messages, validating Bot
 * Framework tokens against the same issuer as the bot, answering every
 * `adaptiveCard/action` invoke with one fixed Adaptive Card.
 */
const FIXED_CARD = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.4',
  body: [
    { type: 'TextBlock', text: 'Break-glass incident', weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'FactSet', facts: [{ title: 'Status', value: 'Open' }, { title: 'Commander', value: 'Alice Admin' }] },
    { type: 'TextBlock', text: '1. Page the managers', wrap: true },
    { type: 'TextBlock', text: '2. Confirm the playbook', wrap: true },
  ],
  actions: [{ type: 'Action.Execute', title: 'Done', verb: 'bench.done', data: { value: 'fixed' } }],
};

serveChild<{ fakes: FakesInfo }, ServerInfo>(async ({ fakes }) => {
  const teams = fakes.teams!;
  const auth = BotFrameworkAuthenticationFactory.create(
    '',
    true,
    AuthenticationConstants.ToChannelFromBotLoginUrl,
    AuthenticationConstants.ToChannelFromBotOAuthScope,
    teams.channelIssuer,
    AuthenticationConstants.OAuthUrl,
    teams.openIdMetadataUrl,
    AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerIdConstants.PublicAzureChannel,
    new PasswordServiceClientCredentialFactory(TEAMS_APP_ID, TEAMS_APP_SECRET),
    { requiredEndorsements: [] },
  );
  const adapter = new CloudAdapter(auth);
  const logic = async (context: TurnContext): Promise<void> => {
    if (context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action') {
      await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: FIXED_CARD } } });
    }
  };
  const app = express();
  app.post(TEAMS_PATH, express.json({ limit: '256kb' }), (req, res) => {
    void adapter.process(req, res, logic);
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
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
