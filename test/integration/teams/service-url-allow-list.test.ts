import type { ConversationReference } from 'botbuilder';
import { createTeamsAdapter } from '../../../adapters/teams/teams-bot-adapter';
import { TokenCredentialsFactory } from '../../../adapters/teams/token-credentials-factory';
import { silentLogger } from '../../../bot/core/logger';
import { startFakeBotConnector } from '../../fakes/fake-bot-connector';
import { channelMention, DANA } from '../../fixtures/teams/teams-activities';
import { APP_ID, startTeamsHarness } from '../../fixtures/teams/teams-harness';

/**
 * An activity names its own serviceUrl; the bot answers there with its Bot
 * Connector token. Only allow-listed hosts may ever receive a reply, and
 * with auth off nothing carries a token.
 */
describe('Teams serviceUrl allow-list', () => {
  it('an inbound activity whose serviceUrl is not allowed is refused; the host it names receives nothing, no token anywhere', async () => {
    const h = await startTeamsHarness();
    // Same machine, other name: not on the harness list (http://127.0.0.1), like any attacker's host.
    const evil = await startFakeBotConnector({ acceptAnonymous: true });
    const evilUrl = evil.serviceUrl.replace('127.0.0.1', 'localhost');
    h.answer.handler = async () => ({ kind: 'reply', text: 'ok', ephemeral: false });
    try {
      const activity = channelMention({ ...h.world, serviceUrl: evilUrl }, DANA, 'help');
      const res = await h.post(activity, h.issuer.channelToken({ aud: APP_ID, serviceUrl: evilUrl }));
      expect(res.status).toBe(403);
      await new Promise((r) => setTimeout(r, 300));
      expect(evil.attempts).toEqual([]);
      expect(h.connector.attempts).toEqual([]);
      expect(h.events).toEqual([]);
      expect(JSON.stringify(h.logs)).toContain('not on teams.serviceUrlAllowList');
    } finally {
      await evil.close();
      await h.close();
    }
  });

  it('an outbound send to a stored reference with a non-allowed serviceUrl is never made and never carries the token', async () => {
    const h = await startTeamsHarness();
    const evil = await startFakeBotConnector({ acceptAnonymous: true });
    const evilUrl = evil.serviceUrl.replace('127.0.0.1', 'localhost');
    try {
      const ref = { serviceUrl: evilUrl, channelId: 'msteams', conversation: { id: '19:c' }, bot: { id: `28:${APP_ID}` } } as unknown as ConversationReference;
      await expect(h.adapter.cloud.continueConversationAsync(APP_ID, ref, async (ctx) => void (await ctx.sendActivity('hi')))).rejects.toThrow(/serviceUrlAllowList/);
      expect(evil.attempts).toEqual([]);
    } finally {
      await evil.close();
      await h.close();
    }
  });

  it('the default list is Microsoft hosts over https only', async () => {
    const adapter = createTeamsAdapter({ appId: APP_ID, appPassword: 'x', logger: silentLogger });
    expect(adapter.serviceUrlAllowList).toContain('https://smba.trafficmanager.net');
    expect(adapter.serviceUrlAllowList.every((u) => u.startsWith('https://'))).toBe(true);
  });

  it('disableAuth with an app password is refused', () => {
    expect(() => createTeamsAdapter({ appId: APP_ID, appPassword: 'x', disableAuth: true, logger: silentLogger })).toThrow(/disableAuth/);
  });

  it('with auth off, a request is sent unsigned even if a credential exists', async () => {
    let asked = 0;
    const credential = { getToken: async () => ((asked += 1), { token: 'BOT-TOKEN', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const factory = new TokenCredentialsFactory(APP_ID, credential, true, ['https://smba.trafficmanager.net']);
    const signer = await factory.createCredentials(APP_ID, undefined);
    const headers = new Map<string, string>();
    const request = { url: 'https://attacker.example/v3/conversations', headers: { set: (k: string, v: string) => headers.set(k, v) } };
    await signer.signRequest(request as never);
    expect(headers.size).toBe(0);
    expect(asked).toBe(0);
  });

  it('with auth off, a reply over real HTTP carries no Authorization header', async () => {
    const connector = await startFakeBotConnector({ acceptAnonymous: true });
    const { createTeamsEndpoint } = await import('../../../adapters/teams/teams-endpoint');
    const { createHttpApp, listen } = await import('../../../adapters/http/http-server');
    const endpoint = createTeamsEndpoint({ appId: '', disableAuth: true, logger: silentLogger, allowedTenants: [], onEvent: async () => ({ kind: 'reply', text: 'ok', ephemeral: false }), onConversationRef: async () => undefined });
    const server = await listen(createHttpApp({ teams: endpoint }), 0, '127.0.0.1');
    try {
      const activity = channelMention({ appId: 'local', botName: 'breakglass', tenantId: 't', serviceUrl: connector.serviceUrl, teamId: '19:t', channelId: '19:c' }, DANA, 'help');
      const res = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      expect(res.status).toBe(200);
      await connector.waitForCalls(1);
      expect(connector.attempts.length).toBeGreaterThan(0);
      expect(connector.attempts.every((c) => c.authorization === undefined)).toBe(true);
    } finally {
      await server.close();
      await connector.close();
    }
  });
});
