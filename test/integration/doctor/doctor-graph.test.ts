import { DEFAULT_GRANTED_PERMISSIONS, startTenantSimulator, type TenantSimulator } from '../../../sim';
import { doctorWorkspace, type DoctorWorkspace } from './doctor-harness';

/** The Graph lines against the tenant simulator: a real token endpoint, real 403s for missing permissions. */
describe('breakglass doctor: Microsoft Graph', () => {
  let sim: TenantSimulator;
  let ws: DoctorWorkspace;
  let vars: Record<string, string>;

  beforeAll(async () => {
    sim = await startTenantSimulator({ scenario: 'quiet' });
    ws = await doctorWorkspace();
    const config = ws.writeConfig({
      tenant: { id: sim.tenantId, name: 'Contoso' },
      graph: { baseUrl: sim.graphBaseUrl, authorityHost: sim.authorityHost },
      elevation: { policies: [{ role: 'Global Administrator', grantMode: 'bot' }] },
    });
    vars = { BREAKGLASS_CONFIG: config, AZURE_TENANT_ID: sim.tenantId, AZURE_CLIENT_ID: sim.clientId, AZURE_CLIENT_SECRET: sim.clientSecret };
  });

  afterEach(() => sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS));

  afterAll(async () => {
    await sim.close();
    ws.dispose();
  });

  it('passes every line when the app holds what the enabled features need', async () => {
    const run = await ws.run(vars);
    expect(run.line('Graph', 'app token')).toMatch(/^PASS .*tenant .*app .*12 application permissions granted/);
    for (const purpose of ['read sign-in logs', 'read directory audit logs', 'read domains', 'read user accounts', 'read role definitions', 'read PIM role settings', 'read MFA registration details', 'grant and remove time-bound role assignments', 'read group members and list role-assignable groups', 'read PIM for Groups eligibility and assignments', "read privileged accounts' inbox rules"]) {
      expect(run.line('Graph', new RegExp(purpose))).toMatch(/^PASS/);
    }
    expect(run.line('Database', 'schema')).toMatch(/^PASS .*migrated to version/);
    expect(run.line('Slack', 'app')).toMatch(/^SKIP .*SLACK_BOT_TOKEN/);
    expect(run.output).toContain('All ');
    expect(run.code).toBe(0);
  });

  it('fails the lines of a revoked permission, names it, and says how to grant it', async () => {
    sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'AuditLog.Read.All'));
    const run = await ws.run(vars);
    for (const purpose of ['read sign-in logs', 'read directory audit logs', 'read MFA registration details']) {
      const line = run.line('Graph', new RegExp(purpose));
      expect(line).toMatch(/^FAIL .*the app lacks AuditLog\.Read\.All$/m);
      expect(line).toMatch(/fix: .*API permissions, add the Microsoft Graph application permission AuditLog\.Read\.All, then Grant admin consent/);
    }
    // Directory.Read.All is still granted: the sign-in line names only what is missing.
    expect(run.line('Graph', /read sign-in logs/)).not.toMatch(/lacks .*Directory\.Read\.All/);
    expect(run.line('Graph', /read role definitions/)).toMatch(/^PASS/);
    expect(run.line('Graph', 'app token')).toMatch(/^PASS .*11 application permissions granted/);
    expect(run.code).toBe(1);
  });

  it('fails the PIM for Groups line when its permission is revoked, naming it', async () => {
    sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'PrivilegedAssignmentSchedule.Read.AzureADGroup'));
    const run = await ws.run(vars);
    expect(run.line('Graph', /read PIM for Groups eligibility and assignments/)).toMatch(/^FAIL .*the app lacks PrivilegedAssignmentSchedule\.Read\.AzureADGroup$/m);
    expect(run.code).toBe(1);
  });

  it('fails the inbox rules line (step 7) when MailboxSettings.Read is revoked, naming it', async () => {
    sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'MailboxSettings.Read'));
    const run = await ws.run(vars);
    expect(run.line('Graph', /read privileged accounts' inbox rules/)).toMatch(/^FAIL .*the app lacks MailboxSettings\.Read$/m);
    expect(run.code).toBe(1);
  });

  it("fails the grant line from the token alone, without touching the tenant, when the write permission is gone", async () => {
    sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    const writes = () => sim.requests.filter((r) => r.method !== 'GET' && !r.path.includes('/oauth2/')).length;
    const before = writes();
    const run = await ws.run(vars);
    expect(run.line('Graph', /grant and remove time-bound role assignments/)).toMatch(/^FAIL .*does not carry RoleAssignmentSchedule\.ReadWrite\.Directory[\s\S]*fix: .*RoleAssignmentSchedule\.ReadWrite\.Directory/);
    expect(writes()).toBe(before);
    expect(run.code).toBe(1);
  });

  it("in pim grant mode checks that PIM's requests can be listed, which Graph allows only with a write permission", async () => {
    const pimConfig = ws.writeConfig({
      tenant: { id: sim.tenantId, name: 'Contoso' },
      graph: { baseUrl: sim.graphBaseUrl, authorityHost: sim.authorityHost },
      elevation: { policies: [{ role: 'Exchange Administrator', grantMode: 'pim' }] },
    });
    const pimVars = { ...vars, BREAKGLASS_CONFIG: pimConfig };
    const ok = await ws.run(pimVars);
    expect(ok.line('Graph', /list PIM's role assignment requests/)).toMatch(/^PASS .*Graph answered/);
    expect(ok.output).not.toMatch(/grant and remove time-bound role assignments/);
    expect(ok.code).toBe(0);

    // Read-only role management, as the README once advised for pim mode: Graph refuses the listing.
    sim.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'RoleAssignmentSchedule.ReadWrite.Directory'));
    const run = await ws.run(pimVars);
    const line = run.line('Graph', /list PIM's role assignment requests/);
    expect(line).toMatch(/^FAIL .*the app lacks RoleAssignmentSchedule\.ReadWrite\.Directory$/m);
    expect(line).toMatch(/fix: .*add the Microsoft Graph application permission RoleAssignmentSchedule\.ReadWrite\.Directory, then Grant admin consent/);
    expect(run.line('Graph', /read role definitions/)).toMatch(/^PASS/);
    expect(run.code).toBe(1);
  });

  it('reports a wrong client secret once, with the setting to change', async () => {
    const run = await ws.run({ ...vars, AZURE_CLIENT_SECRET: 'not-the-secret' });
    expect(run.line('Graph', 'app token')).toMatch(/^FAIL .*AADSTS7000215[\s\S]*fix: .*set AZURE_CLIENT_SECRET/);
    expect(run.output).not.toContain('not-the-secret');
    expect(run.output).not.toMatch(/(PASS|FAIL)\s+Graph\s+read/);
    expect(run.code).toBe(1);
  });

  it('checks the built-in simulated tenant like a real one when the bot would use it, and says it is simulated', async () => {
    const run = await ws.run({ BREAKGLASS_CONFIG: ws.writeConfig({}) });
    expect(run.output).toContain('Using the simulated tenant (under-attack), as npm start does');
    expect(run.line('Graph', 'app token')).toMatch(/^PASS .*https:\/\/127\.0\.0\.1:\d+/);
    expect(run.line('Graph', /read sign-in logs/)).toMatch(/^PASS /);
    expect(run.code).toBe(0);
  });
});
