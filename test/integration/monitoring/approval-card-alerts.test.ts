import { PEOPLE } from '../../../sim';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { withoutPimMfaEvidence } from '../elevation/elevation-harness';
import { MonitorHarness, textOf } from './monitor-harness';

/**
 * The approval card shows the approver what the bot's own monitoring raised
 * about the requester in the last day (PIM's approval mail never does), and
 * turns red for it.
 */
describe('an elevation requested by someone the monitor has alerted about', () => {
  let h: MonitorHarness;

  beforeEach(async () => {
    // MFA evidence off: this is about what the card shows, not about the grant waiting for an MFA sign-in.
    h = await MonitorHarness.start({ scenario: 'under-attack', config: withoutPimMfaEvidence(playgroundConfig()) });
    await h.poll();
  });

  afterEach(async () => {
    await h.stop();
  });

  const approvalCard = (id: string) => h.chat.messages.find((m) => m.message.fallbackText.startsWith(`Elevation ${id}:`))?.message;

  it("lists the requester's alerts on the approval card", async () => {
    // Alice's MFA was denied in the under-attack tenant: the monitor alerted about her.
    const aliceAlerts = h.securityAlerts().filter((m) => textOf(m.message).includes(`Who: ${PEOPLE.alice.upn}`));
    expect(aliceAlerts.length).toBeGreaterThan(0);
    const reply = await h.say('alice', 'elevate GA for 30m because restore the CA policy');
    const id = /Request (EL-[A-Z0-9-]+)/.exec(reply ?? '')?.[1];
    if (!id) throw new Error(`refused: ${reply}`);
    const card = textOf(approvalCard(id!)!);
    expect(card).toMatch(/Alerts the bot raised about Alice Admin in the last day: .*risk, \d{4}-\d\d-\d\d \d\d:\d\d UTC\)/);
    expect(approvalCard(id!)!.header?.tone).toBe('danger');
  });
});
