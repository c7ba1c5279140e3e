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

describe('breakglass doctor: can the bot reach each configured Slack channel and person', () => {
  let slack: FakeSlack;
  let ws: DoctorWorkspace;
  let vars: Record<string, string>;

  beforeAll(async () => {
    slack = await FakeSlack.start({
      users: [
        { id: 'U0IVAN', name: 'ivan' },
        { id: 'U0GONE', name: 'gone', deleted: true },
      ],
    });
    slack.addChannel({ id: 'C0SECURITY', name: 'security', botIsMember: true });
    slack.addChannel({ id: 'C0APPROVE', name: 'approvers', botIsMember: false });
    ws = await doctorWorkspace();
    const config = {
      channels: { security: { slack: 'C0SECURITY' }, approvers: { slack: 'C0APPROVE' } },
      people: {
        ivan: { name: 'Ivan Ivanov', slack: 'U0IVAN' },
        gone: { name: 'Gone Person', slack: 'U0GONE' },
        typo: { name: 'Typo Person', slack: 'U0NOBODY' },
      },
    };
    vars = { BREAKGLASS_CONFIG: ws.writeConfig(config), SLACK_BOT_TOKEN: slack.botToken, SLACK_SIGNING_SECRET: 'signing-secret', SLACK_API_URL: slack.apiUrl };
  });

  afterAll(async () => {
    await slack.close();
    ws.dispose();
  });

  it('passes a channel the bot is in and a live person; fails, with the fix, a channel it is not in and a deactivated or unknown person', async () => {
    const run = await ws.run(vars);
    expect(run.line('Slack', 'reach channel security')).toMatch(/^PASS .*#security: the bot is a member/);
    expect(run.line('Slack', 'reach channel approvers')).toMatch(/^FAIL .*not a member of #approvers[\s\S]*fix: Invite it: \/invite @breakglass in #approvers/);
    expect(run.line('Slack', 'reach person ivan')).toMatch(/^PASS .*U0IVAN: an active account/);
    expect(run.line('Slack', 'reach person gone')).toMatch(/^FAIL .*U0GONE is a deactivated account[\s\S]*fix: Set people\.gone\.slack/);
    expect(run.line('Slack', 'reach person typo')).toMatch(/^FAIL .*U0NOBODY: Slack answered user_not_found[\s\S]*fix: Set people\.typo\.slack/);
    expect(slack.callsTo('conversations.info')).toHaveLength(2);
    expect(run.code).toBe(1);
  });
});
