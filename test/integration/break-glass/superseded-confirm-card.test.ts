import type { PostedMessage } from '../../fakes/fake-chat';
import { button, IncidentHarness, MINUTE, ROOM, stepState, textOf } from './incident-harness';

const BG1 = 'bg-01@contoso.onmicrosoft.com';
const BG2 = 'bg-02@contoso.onmicrosoft.com';

/**
 * The two-person checkout's "Confirm emergency account?" card: once it no
 * longer applies (a later choice replaced it, the incident closed), its
 * Confirm button is taken away in place, so no dead button stays live.
 */
describe('a superseded confirm card', () => {
  let h: IncidentHarness;
  let id = '';
  const confirmCard = (upn: string): PostedMessage => {
    const card = h.chat.inConversation(ROOM).find((m) => m.history[0]?.header?.title === `Confirm emergency account ${upn}?`);
    if (!card) throw new Error(`no confirm card for ${upn}`);
    return card;
  };

  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
    id = await h.startIncident('alice', 'start Admins locked out');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('a later choice takes the Confirm button off the earlier request', async () => {
    await h.click('alice', button(h.checklist(id), `Use ${BG1}`));
    expect(confirmCard(BG1).message.buttons?.map((b) => b.label)).toEqual([`Confirm ${BG1}`]);

    h.clock.advance(MINUTE);
    await h.click('alice', button(h.checklist(id), `Use ${BG2}`));
    expect(confirmCard(BG1).message.buttons ?? []).toEqual([]);
    expect(textOf(confirmCard(BG1).message)).toContain('A later choice replaced this request.');
    expect(confirmCard(BG2).message.buttons?.map((b) => b.label)).toEqual([`Confirm ${BG2}`]);
    // Like the notices, the card is a reply under the checklist, not a second top-level post.
    expect(confirmCard(BG2).ref.threadId).toBe(h.checklistPost(id).ref.messageId);
  });

  it('closing the incident updates the waiting card; a click on its old button is refused and changes nothing', async () => {
    const confirm = button(confirmCard(BG2).message, `Confirm ${BG2}`);
    h.clock.advance(MINUTE);
    await h.say('alice', 'close False alarm');
    expect(confirmCard(BG2).message.buttons ?? []).toEqual([]);
    expect(textOf(confirmCard(BG2).message)).toMatch(/The incident closed at 03:02 UTC before a second responder confirmed; nobody may sign in with it\./);

    // A phone that still shows the old card: the click is refused, and the incident stays as it was.
    expect(await h.click('bob', confirm)).toMatch(/closed/i);
    expect(stepState(h.checklist(id), 3)).not.toBe('done');
    expect((await h.bot.runtime.get<{ emergencyUse: unknown[] }>(id))?.context.emergencyUse).toEqual([]);
    expect(confirmCard(BG2).message.buttons ?? []).toEqual([]);
  });
});
