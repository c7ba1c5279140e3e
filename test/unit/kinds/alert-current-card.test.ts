import { personKeyOf } from '../../../bot/config/person-key';
import { alertKind } from '../../../bot/kinds/alert';
import { chooseFirstLevel, initialAlertContext, pageCurrentLevel, receiveFinding } from '../../../workflows/monitoring/alert-steps';
import type { Finding } from '../../../workflows/monitoring/finding';

const IVAN = '0f6c9c1e-5a53-4f0b-9f0e-1c2d3e4f5a6b';
const finding: Finding = {
  ruleId: 'emergency.sign-in',
  riskLevel: 'High',
  title: 'Emergency access account sign-in',
  detail: 'Break-glass account sign-in to Azure Portal from 131.107.160.20 succeeded.',
  subject: 'bg-01@contoso.onmicrosoft.com',
  emergencyAccount: true,
  when: '2026-01-07T14:30:00Z',
  where: { ip: '131.107.160.20' },
  recordIds: ['r1'],
  recordCount: 1,
  dedupeKey: 'emergency.sign-in|bg-01@contoso.onmicrosoft.com|success',
};

function pagedAlert() {
  const start = initialAlertContext({
    alertId: 'AL-TEST',
    dedupeKey: finding.dedupeKey,
    route: 'page',
    simulated: false,
    createdAt: Date.parse('2026-01-07T15:00:00Z'),
    settings: { managers: [['ivan'], ['judy']], securityOfficers: [], ackTimeoutMs: 600_000, suppressionMs: 86_400_000 },
  });
  const received = receiveFinding(start, { type: 'finding', finding, at: start.createdAt }).context;
  return pageCurrentLevel(chooseFirstLevel(received).context).context;
}

describe('the alert card Teams answers a click or refresh with', () => {
  const config = { people: { ivan: { name: 'Ivan Ivanov', entraObjectId: IVAN } } };
  /** As the current-card lookup asks: the viewer's people key from their Entra id, and the clicked button. */
  function alertCurrentCard(context: ReturnType<typeof pagedAlert>, viewerEntraId: string, actionId: string) {
    const person = personKeyOf(config, viewerEntraId);
    return alertKind.currentCard(context, { ...(person ? { person } : {}), actionId });
  }

  it("gives a paged manager's Acknowledge click its DM page back", () => {
    expect(alertCurrentCard(pagedAlert(), IVAN, 'alert.ack')?.header?.title).toBe('Emergency account alert: please acknowledge');
  });

  it('gives everyone else, and every other button, the alert card', () => {
    expect(alertCurrentCard(pagedAlert(), IVAN, 'card.refresh')?.header?.title).toBe('Emergency account: Emergency access account sign-in');
    expect(alertCurrentCard(pagedAlert(), '11111111-2222-4333-8444-555555555555', 'alert.ack')?.header?.title).toBe('Emergency account: Emergency access account sign-in');
  });
});
