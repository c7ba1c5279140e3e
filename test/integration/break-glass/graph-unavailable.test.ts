import { button, IncidentHarness, labels, MINUTE, stepState, stepStates, textOf } from './incident-harness';

/**
 * In an identity emergency Graph may well be down. Here every sign-in,
 * directory-audit and domain request gets 503 from the simulator for the
 * whole incident (after the adapter's own retries).
 */
describe('Graph answering 503 throughout', () => {
  let h: IncidentHarness;
  let id = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'under-attack' });
    for (const route of ['signIns', 'directoryAudits', 'domains']) h.bot.simulator!.injectFault(route, { kind: 'unavailable', status: 503 });
    id = await h.startIncident('alice', 'start Sign-ins failing for every admin');
  });
  afterAll(async () => {
    await h.stop();
  });

  const requests = (route: string) => h.bot.simulator!.requests.filter((r) => r.route === route);

  it('step 5 says in plain words that Graph is unavailable, how to do it by hand, and offers a retry', async () => {
    expect(requests('signIns').length).toBeGreaterThan(1); // the adapter retried before giving up
    expect(requests('signIns').every((r) => r.status === 503)).toBe(true);

    const degraded = h.notice('Step 5 (Review the sign-in reports): Graph is unavailable');
    expect(textOf(degraded)).toMatch(/Retry, or do it by hand: Open the Entra admin center, Sign-in logs/);
    expect(textOf(degraded)).toContain('The rest of the checklist keeps working.');
    expect(labels(degraded)).toEqual(['Retry']);
    expect(stepState(h.checklist(id), 5)).toBe('failed');
    expect(textOf(h.checklist(id))).toContain('5. Review the sign-in reports [failed]  Graph is unavailable: retry, or do it by hand');
    expect(labels(h.checklist(id))).toContain('Retry sign-in review');
    expect(stepState(h.checklist(id), 6)).toBe('failed');
    expect(labels(h.checklist(id))).toContain('Retry domain check');
  });

  it('retry asks Graph again and, still down, says so again', async () => {
    const before = requests('signIns').length;
    await h.click('bob', button(h.notice('Step 5 (Review the sign-in reports): Graph is unavailable'), 'Retry'));
    expect(requests('signIns').length).toBeGreaterThan(before);
    expect(h.notices().filter((m) => m.header?.title === 'Step 5 (Review the sign-in reports): Graph is unavailable')).toHaveLength(2);
    expect(stepState(h.checklist(id), 5)).toBe('failed');
  });

  it('step 8: the export reports degraded with a retry button instead of files', async () => {
    await h.click('alice', button(h.checklist(id), 'Export logs'));
    const degraded = h.notice('Step 8 (Back up logs for forensics): Graph is unavailable');
    expect(textOf(degraded)).toMatch(/Download the sign-in and audit logs for the incident window from the Entra admin center/);
    expect(labels(degraded)).toEqual(['Retry']);
    expect(stepState(h.checklist(id), 8)).toBe('failed');
    expect(labels(h.checklist(id))).toContain('Retry log export');
    expect(h.notices().some((m) => m.header?.title === 'Logs backed up for forensics (step 8)')).toBe(false);
  });

  it('the manual steps all complete without Graph', async () => {
    h.clock.advance(2 * MINUTE);
    await h.click('ivan', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan');
    await h.click('alice', button(h.checklist(id), 'Playbook reviewed'));
    await h.click('alice', button(h.checklist(id), 'Use bg-02@contoso.onmicrosoft.com'));
    await h.click('bob', button(h.checklist(id), 'Confirm bg-02@contoso.onmicrosoft.com'));
    await h.say('bob', 'done 4 2603030040007777');
    await h.say('alice', 'done 6 Checked in the admin center: contoso.com is managed');
    await h.click('bob', button(h.checklist(id), 'Mailboxes are watched'));
    expect(stepStates(h.checklist(id))).toEqual(['done', 'done', 'done', 'done', 'failed', 'done', 'done', 'failed']);
  });

  it('close works and the report names the two Graph steps as open, with what to do about them', async () => {
    await h.say('alice', 'close Admins recovered through bg-02');
    const report = textOf(h.notice('Incident report'));
    expect(report).toContain('Open steps:\n• Step 5 Review the sign-in reports: failed (Graph is unavailable)\n• Step 8 Back up logs for forensics: failed (Graph is unavailable)');
    expect(report).toContain('The sign-in review could not run: Graph is unavailable.');
    expect(report).toContain('The log export failed; export the logs by hand before they age out.');
    expect(report).toContain('Rotate the credential of bg-02@contoso.onmicrosoft.com');
    expect(h.checklist(id).header?.title).toBe('Closed: Sign-ins failing for every admin');
  });
});

describe('Graph coming back', () => {
  let h: IncidentHarness;
  afterAll(async () => {
    await h.stop();
  });

  it('the retry button on a degraded step finishes it once Graph answers again', async () => {
    h = await IncidentHarness.start({ scenario: 'under-attack' });
    h.bot.simulator!.injectFault('signIns', { kind: 'unavailable', status: 503 });
    const id = await h.startIncident('alice', 'start Sign-ins failing for every admin');
    expect(stepState(h.checklist(id), 5)).toBe('failed');

    h.bot.simulator!.clearFaults();
    h.clock.advance(5 * MINUTE);
    await h.click('bob', button(h.notice('Step 5 (Review the sign-in reports): Graph is unavailable'), 'Retry'));
    expect(stepState(h.checklist(id), 5)).toBe('done');
    expect(textOf(h.notice('Sign-in review (step 5)'))).toMatch(/× error 50126: wrong user name or password/);
    expect(labels(h.checklist(id))).not.toContain('Retry sign-in review');
  });
});
