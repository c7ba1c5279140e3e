import { requiredBotScopes } from '../../../adapters/slack/slack-scopes';
import { FakeSlack } from '../../fakes/fake-slack';
import { doctorWorkspace, type DoctorWorkspace } from './doctor-harness';

/** The Slack lines against the fake Slack Web API (auth.test, x-oauth-scopes). */
describe('breakglass doctor: Slack', () => {
  let slack: FakeSlack;
  let ws: DoctorWorkspace;
  let vars: Record<string, string>;

  beforeAll(async () => {
    slack = await FakeSlack.start();
    ws = await doctorWorkspace();
    vars = { BREAKGLASS_CONFIG: ws.writeConfig({}), SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: 'signing-secret', SLACK_API_URL: slack.apiUrl };
  });

  afterEach(() => {
    slack.scopes = requiredBotScopes();
  });

  afterAll(async () => {
    await slack.close();
    ws.dispose();
  });

  it('passes a working bot token with every scope the bot uses', async () => {
    const run = await ws.run(vars);
    expect(run.line('Slack', 'bot token (auth.test)')).toMatch(/^PASS .*Fake Team \(T0FAKE01\) as bot user UBOT0001/);
    expect(run.line('Slack', 'scopes')).toMatch(new RegExp(`^PASS .*all ${requiredBotScopes().length} `));
    expect(slack.calls.map((c) => c.method)).toContain('auth.test');
    expect(run.code).toBe(0);
  });

  it('fails the token line for a token Slack refuses, and says how to get a good one', async () => {
    const run = await ws.run({ ...vars, SLACK_BOT_TOKEN: 'xoxb-revoked-token-123' });
    expect(run.line('Slack', 'bot token (auth.test)')).toMatch(/^FAIL .*Slack refused the token: invalid_auth[\s\S]*fix: Install the app to the workspace again and set SLACK_BOT_TOKEN/);
    expect(run.output).not.toContain('xoxb-revoked-token-123');
    expect(run.code).toBe(1);
  });

  it('names the scopes the installed app is missing', async () => {
    slack.scopes = requiredBotScopes().filter((s) => s !== 'groups:write' && s !== 'users:read.email');
    const run = await ws.run(vars);
    expect(run.line('Slack', 'scopes')).toMatch(/^FAIL .*missing groups:write, users:read\.email[\s\S]*fix: Add them under OAuth & Permissions/);
    expect(run.code).toBe(1);
  });
});
