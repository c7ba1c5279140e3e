import { button, IncidentHarness, MINUTE, stepState } from './incident-harness';

describe('several incidents open at once', () => {
  let h: IncidentHarness;
  let roomIncident = '';
  let warRoomIncident = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
    roomIncident = await h.startIncident('alice', 'start Tenant A admins locked out', 'incident-room');
    warRoomIncident = await h.startIncident('bob', 'start Suspicious consent grant in tenant B', 'war-room');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('each channel has its own checklist card, and a command applies to the incident of the channel it is typed in', async () => {
    expect(roomIncident).not.toBe(warRoomIncident);
    expect(h.checklistPost(roomIncident).ref.conversationId).toBe('incident-room');
    expect(h.checklistPost(warRoomIncident).ref.conversationId).toBe('war-room');

    await h.say('alice', 'done 2 Playbook B-7', 'war-room');
    expect(stepState(h.checklist(warRoomIncident), 2)).toBe('done');
    expect(stepState(h.checklist(roomIncident), 2)).toBe('pending');

    await h.say('bob', 'skip 7 Mailboxes are in another tenant', 'incident-room');
    expect(stepState(h.checklist(roomIncident), 7)).toBe('skipped');
    expect(stepState(h.checklist(warRoomIncident), 7)).toBe('pending');
  });

  it('a button changes the incident whose card it is on', async () => {
    await h.click('alice', button(h.checklist(roomIncident), 'Playbook reviewed'), undefined, 'incident-room');
    expect(stepState(h.checklist(roomIncident), 2)).toBe('done');
    await h.click('alice', button(h.checklist(warRoomIncident), 'Use bg-02@contoso.onmicrosoft.com'), undefined, 'war-room');
    expect(stepState(h.checklist(warRoomIncident), 3)).toBe('in_progress');
    expect(stepState(h.checklist(roomIncident), 3)).toBe('pending');
  });

  it('elsewhere, `--incident <id>` names one; without it the bot says none is open there', async () => {
    expect(await h.say('alice', 'done 4 case 1', 'security')).toMatch(/^No incident is open in this channel\. Start one with "start <summary>"\./);
    await h.say('alice', `done 4 case 2603030040000042 --incident ${warRoomIncident.toLowerCase()}`, 'security');
    expect(stepState(h.checklist(warRoomIncident), 4)).toBe('done');
    expect(stepState(h.checklist(roomIncident), 4)).toBe('pending');
    expect(await h.say('alice', 'done 4 x --incident BG-NOPE99', 'security')).toMatch(/^There is no incident BG-NOPE99\./);
  });

  it('a second start in a busy channel points to the open incident instead of opening another', async () => {
    const before = (await h.audit('breakglass.started')).length;
    const reply = await h.say('bob', 'start Admins locked out', 'incident-room');
    expect(reply).toBe(
      `Incident ${roomIncident} ("Tenant A admins locked out") is already open here: work it with "status" and its checklist, or type "start --new <summary>" if this is a different emergency.`,
    );
    expect(await h.audit('breakglass.started')).toHaveLength(before);
    // Commands still land on the one incident: no "several are open" question.
    expect(await h.say('bob', 'status', 'incident-room')).toMatch(/^Break glass: Tenant A admins locked out/);
  });

  it('two open in one channel: a command must name one; a closed one no longer counts', async () => {
    const second = await h.startIncident('bob', 'start --new Second problem in the same room', 'incident-room');
    expect(h.checklist(second).header?.title).toBe('Break glass: Second problem in the same room');
    expect(await h.say('alice', 'done 4 case 3', 'incident-room')).toMatch(new RegExp(`^Several incidents are open here \\((${roomIncident}, ${second}|${second}, ${roomIncident})\\); add --incident <id>\\.`));
    // Buttons need no question: they carry their incident.
    await h.click('bob', button(h.checklist(second), 'Playbook reviewed'), undefined, 'incident-room');
    expect(stepState(h.checklist(second), 2)).toBe('done');

    h.clock.advance(MINUTE);
    await h.say('alice', `close Duplicate of ${roomIncident} --incident ${second}`, 'incident-room');
    h.clock.advance(MINUTE);
    // The closed one was touched last, yet a note, the status and a step are about the one still being worked.
    await h.say('bob', 'note Tenant A: CA policy found', 'incident-room');
    expect((await h.audit('breakglass.note.add')).map((e) => e.workflowId)).toEqual([roomIncident]);
    expect(await h.say('bob', 'status', 'incident-room')).toMatch(/^Break glass: Tenant A admins locked out/);
    await h.say('alice', 'done 4 case 2603030040000043', 'incident-room');
    expect(stepState(h.checklist(roomIncident), 4)).toBe('done');
    expect(stepState(h.checklist(second), 4)).toBe('pending');

    // Reopen is about the closed one.
    await h.say('alice', 'reopen', 'incident-room');
    expect(h.checklist(second).header?.title).toBe('Break glass: Second problem in the same room');
    await h.say('alice', `close Duplicate --incident ${second}`, 'incident-room');
  });

  it('an incident started in a thread is the one commands in that thread apply to', async () => {
    const thread = { platform: 'playground' as const, conversationId: 'incident-room', threadId: 'm-thread-1' };
    const reply = await h.say('bob', 'start Phishing wave against the helpdesk', thread);
    const threaded = /(BG-\w+)/.exec(reply ?? '')![1]!;
    await h.say('alice', 'done 2', thread);
    expect(stepState(h.checklist(threaded), 2)).toBe('done');
    expect(await h.say('alice', 'done 2', 'incident-room')).toMatch(/^Several incidents are open here/);
  });
});
