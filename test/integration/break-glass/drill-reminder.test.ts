import { IncidentHarness } from './incident-harness';

const DAY = 86_400_000;

describe('the 90-day drill reminder', () => {
  let h: IncidentHarness;
  beforeEach(async () => {
    h = await IncidentHarness.start({ scenario: 'quiet' });
  });
  afterEach(() => h.stop());

  const reminders = () => h.chat.inConversation('security').filter((m) => m.message.header?.title === 'Break-glass drill overdue');

  it('tells the security channel once when 90 days pass without a drill, and again after each further interval', async () => {
    await h.advance(89 * DAY);
    expect(reminders()).toHaveLength(0);
    await h.advance(1 * DAY);
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.message.fallbackText).toBe('Break-glass drill overdue: none for 90 days.');
    await h.advance(30 * DAY);
    expect(reminders()).toHaveLength(1);
    await h.restart();
    await h.advance(60 * DAY);
    expect(reminders()).toHaveLength(2);
  });

  it('counts from the last drill, not from real incidents', async () => {
    await h.advance(80 * DAY);
    await h.startIncident('alice', 'start --drill quarterly exercise');
    await h.say('alice', 'close drill done');
    await h.advance(20 * DAY);
    await h.startIncident('alice', 'start real outage', 'other-room');
    await h.advance(69 * DAY);
    expect(reminders()).toHaveLength(0);
    await h.advance(1 * DAY);
    expect(reminders()).toHaveLength(1);
  });
});
