import { button, IncidentHarness, labels, MINUTE, stepState, textOf } from './incident-harness';

/** GRAPH=simulator:adfs-outage: contoso.com is federated and AD FS is down. */
describe('step 6 with a federated domain', () => {
  let h: IncidentHarness;
  let id = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'adfs-outage' });
    id = await h.startIncident('alice', 'start Nobody at contoso.com can sign in');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('lists the federated domain and asks whether AD FS is available', async () => {
    const question = h.notice('Is AD FS available? (step 6)');
    expect(textOf(question)).toMatch(/^Federated domains: contoso\.com\. Is AD FS available\?/m);
    expect(labels(question)).toEqual(['AD FS is up', 'AD FS is down']);
    expect(stepState(h.checklist(id), 6)).toBe('in_progress');
    expect(textOf(h.checklist(id))).toContain('Federated: contoso.com. Is AD FS available?');
  });

  it('"AD FS is down" records who decided, posts the switch to managed authentication, and keeps the step open until it is done', async () => {
    h.clock.advance(4 * MINUTE);
    await h.click('bob', button(h.notice('Is AD FS available? (step 6)'), 'AD FS is down'));
    const guidance = textOf(h.notice('Switch to managed authentication (step 6)'));
    expect(guidance).toMatch(/^Bob [^ ]* decided at 03:04 UTC that AD FS is unavailable: switch contoso\.com to managed authentication/m);
    expect(guidance).toMatch(/password hash sync/);
    expect(guidance).toMatch(/convert the domains back to federated/);
    expect(stepState(h.checklist(id), 6)).toBe('in_progress');
    expect(labels(h.checklist(id))).not.toContain('AD FS is up');

    const decided = (await h.audit('breakglass.federation.adfs')).filter((e) => e.workflowId === id);
    expect(decided.map((e) => [e.actorPlatformId, (e.data as { event: { available: boolean } }).event.available])).toEqual([['playground:bob', false]]);
  });

  it('an answer from the stale question card does not overturn the decision', async () => {
    const reply = await h.click('alice', button(h.notice('Is AD FS available? (step 6)'), 'AD FS is up'));
    expect(reply).toMatch(/^Bob [^ ]* already answered at 03:04 UTC: AD FS is unavailable\./);
    expect(stepState(h.checklist(id), 6)).toBe('in_progress');
  });

  it('the switch is marked done from the guidance; the report keeps the decision', async () => {
    h.clock.advance(20 * MINUTE);
    await h.click('bob', button(h.notice('Switch to managed authentication (step 6)'), 'Switched to managed auth'));
    expect(stepState(h.checklist(id), 6)).toBe('done');
    await h.say('alice', 'close AD FS restored later');
    const report = textOf(h.notice('Incident report'));
    expect(report).toContain('Federated domains: contoso.com.');
    expect(report).toMatch(/AD FS was unavailable; Bob [^ ]* decided to switch to managed authentication \(password hash sync\)\./);
  });
});

describe('step 6 when AD FS is still up', () => {
  let h: IncidentHarness;
  afterAll(async () => {
    await h.stop();
  });

  it('"AD FS is up" finishes the step with who said so', async () => {
    h = await IncidentHarness.start({ scenario: 'adfs-outage' });
    const id = await h.startIncident('alice', 'start Admins cannot reach the portal');
    await h.click('alice', button(h.checklist(id), 'AD FS is up'));
    expect(stepState(h.checklist(id), 6)).toBe('done');
    expect(textOf(h.checklist(id))).toMatch(/AD FS is available: domains stay federated \(Alice [^)]*\)/);
  });
});
