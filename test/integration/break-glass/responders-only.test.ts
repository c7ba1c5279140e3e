import { button, IncidentHarness, stepState, stepStates } from './incident-harness';

/** carol is an approver, not a responder; mallory is nobody the config knows. */
describe('only configured responders start or change an incident', () => {
  let h: IncidentHarness;
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterAll(async () => {
    await h.stop();
  });

  const denials = async () => (await h.audit('authz.denied')).map((e) => ({ who: e.actorPlatformId, workflowId: e.workflowId, what: (e.data as { what: string }).what }));

  it('a non-responder cannot start one: refused in one sentence and audited', async () => {
    expect(await h.say('carol', 'start I think we are hacked')).toMatch(/^Only a configured responder can start an incident\. \(ref [\w-]+\)$/);
    expect(await h.say('mallory', 'start I think we are hacked')).toMatch(/^I can't match your chat account to an Entra user/);
    expect(h.chat.messages).toHaveLength(0);
    expect(await h.bot.runtime.list('break-glass')).toHaveLength(0);
    expect(await denials()).toEqual([
      { who: 'playground:carol', workflowId: null, what: 'start an incident' },
      { who: 'playground:mallory', workflowId: null, what: 'start an incident' },
    ]);
  });

  it('a non-responder cannot change one by command or by button; each refusal is audited against the incident', async () => {
    const id = await h.startIncident('alice', 'start Global admins locked out');
    const before = stepStates(h.checklist(id));

    expect(await h.say('carol', 'done 2')).toMatch(/^Only a configured responder can change an incident\./);
    expect(await h.say('carol', 'skip 7 not needed')).toMatch(/^Only a configured responder can change an incident\./);
    expect(await h.say('carol', 'close')).toMatch(/^Only a configured responder can close an incident\./);
    expect(await h.click('carol', button(h.checklist(id), 'Playbook reviewed'))).toMatch(/^Only a configured responder can work the checklist\./);
    expect(await h.click('carol', button(h.checklist(id), 'Use bg-01@contoso.onmicrosoft.com'))).toMatch(/^Only a configured responder can work the checklist\./);
    // The page's button is for managers and security officers, not any passer-by.
    expect(await h.click('carol', button(h.dms('ivan')[0]!.message, 'Acknowledge'), undefined, 'dm:ivan')).toMatch(/^Only a manager or a security officer can acknowledge a page\./);
    expect(await h.say('mallory', 'status')).toMatch(/^I can't match your chat account to an Entra user/);

    expect(stepStates(h.checklist(id))).toEqual(before);
    expect(stepState(h.checklist(id), 1)).toBe('pending');
    const againstIncident = (await denials()).filter((d) => d.workflowId === id);
    expect(againstIncident.map((d) => `${d.who} ${d.what}`)).toEqual([
      'playground:carol change an incident',
      'playground:carol change an incident',
      'playground:carol close an incident',
      'playground:carol work the checklist',
      'playground:carol work the checklist',
      'playground:carol acknowledge a page',
      'playground:mallory see an incident',
    ]);
    const changes = (await h.audit()).filter((e) => e.workflowId === id && e.type.startsWith('breakglass.') && e.type !== 'breakglass.started');
    expect(changes).toEqual([]);
  });

  it('someone with another role may still read the checklist', async () => {
    expect(await h.say('carol', 'status')).toMatch(/^Break glass: Global admins locked out/);
  });
});
