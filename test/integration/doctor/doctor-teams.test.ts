import { startFakeBotIssuer, type FakeBotIssuer } from '../../fakes/fake-bot-issuer';
import { doctorWorkspace, type DoctorWorkspace } from './doctor-harness';

const APP_ID = '3f6c2a1e-8b4d-4e7f-9a0c-5d2e1b3c4a6f';
const APP_SECRET = 'teams-app-secret-value';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

/** The Teams lines against a local Microsoft Entra token endpoint for the Bot Connector audience. */
describe('breakglass doctor: Teams', () => {
  let issuer: FakeBotIssuer;
  let ws: DoctorWorkspace;
  let vars: Record<string, string>;

  beforeAll(async () => {
    issuer = await startFakeBotIssuer({ clientId: APP_ID, clientSecret: APP_SECRET });
    ws = await doctorWorkspace();
    vars = {
      BREAKGLASS_CONFIG: ws.writeConfig({ tenant: { id: TENANT }, teams: { authorityHost: issuer.url } }),
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: APP_SECRET,
      MICROSOFT_APP_TENANT_ID: TENANT,
    };
  });

  afterAll(async () => {
    await issuer.close();
    ws.dispose();
  });

  it('passes when the app credentials get a Bot Connector token and the tenant is set', async () => {
    const before = issuer.tokenRequests();
    const run = await ws.run(vars);
    expect(run.line('Teams', 'app credentials')).toMatch(new RegExp(`^PASS .*app ${APP_ID}, single-tenant app in ${TENANT}: got a Bot Connector token`));
    expect(run.line('Teams', 'tenant')).toMatch(new RegExp(`^PASS .*messages accepted from ${TENANT}`));
    expect(issuer.tokenRequests()).toBe(before + 1);
    expect(run.code).toBe(0);
  });

  it('fails the credentials line for a wrong app password, naming the setting', async () => {
    const run = await ws.run({ ...vars, MICROSOFT_APP_PASSWORD: 'an-old-password' });
    expect(run.line('Teams', 'app credentials')).toMatch(/^FAIL .*AADSTS7000215[\s\S]*fix: .*set MICROSOFT_APP_PASSWORD/);
    expect(run.output).not.toContain('an-old-password');
    expect(run.code).toBe(1);
  });

  it('fails the tenant line while the config still names no real tenant, and flags disabled authentication', async () => {
    const run = await ws.run({ ...vars, BREAKGLASS_CONFIG: ws.writeConfig({ teams: { authorityHost: issuer.url, disableAuth: true } }) });
    expect(run.line('Teams', 'tenant')).toMatch(/^FAIL .*"simulated" is not a tenant id, so every Teams message would be refused[\s\S]*fix: Set tenant\.id/);
    expect(run.line('Teams', 'inbound authentication')).toMatch(/^FAIL .*OFF \(teams\.disableAuth\)[\s\S]*fix: Remove teams\.disableAuth/);
    expect(run.code).toBe(1);
  });
});

describe('breakglass doctor: can the bot reach each configured Teams channel and person', () => {
  let issuer: FakeBotIssuer;
  let ws: DoctorWorkspace;
  const IVAN = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
  const base = {
    tenant: { id: TENANT },
    channels: { security: { teams: '19:abc123@thread.tacv2' }, approvers: { teams: 'approvers' } },
    people: { ivan: { name: 'Ivan Ivanov', teams: IVAN }, typo: { name: 'Typo Person', teams: 'ivan@contoso.com' } },
  };

  beforeAll(async () => {
    issuer = await startFakeBotIssuer({ clientId: APP_ID, clientSecret: APP_SECRET });
    ws = await doctorWorkspace();
  });

  afterAll(async () => {
    await issuer.close();
    ws.dispose();
  });

  const run = (teams: Record<string, unknown>) =>
    ws.run({
      BREAKGLASS_CONFIG: ws.writeConfig({ ...base, teams: { authorityHost: issuer.url, ...teams } }),
      MICROSOFT_APP_ID: APP_ID,
      MICROSOFT_APP_PASSWORD: APP_SECRET,
      MICROSOFT_APP_TENANT_ID: TENANT,
    });

  it('fails a person the bot could page only after they messaged it, and says how to reach them', async () => {
    const r = await run({});
    expect(r.line('Teams', 'reach person ivan')).toMatch(/^FAIL .*only after they have messaged the bot[\s\S]*fix: Set teams\.appCatalogId .*TeamsAppInstallation\.ReadWriteForUser\.All/);
    expect(r.code).toBe(1);
  });

  it('passes a person once the bot can install its app for them, and fails ids that cannot be Teams ids', async () => {
    const r = await run({ appCatalogId: '1542629c-01b3-4a6d-8f76-1938b779e48d' });
    expect(r.line('Teams', 'reach person ivan')).toMatch(/^PASS .*installs its app for them through Graph/);
    expect(r.line('Teams', 'reach person typo')).toMatch(/^FAIL .*"ivan@contoso\.com" is neither an Entra object id nor a Teams user id[\s\S]*fix: Set people\.typo\.teams/);
    expect(r.line('Teams', 'reach channel security')).toMatch(/^PASS .*19:abc123@thread\.tacv2 is a channel id/);
    expect(r.line('Teams', 'reach channel approvers')).toMatch(/^FAIL .*"approvers" is not a Teams channel id[\s\S]*fix: Set channels\.approvers\.teams/);
  });
});
