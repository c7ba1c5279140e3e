import { DEFAULT_GRANTED_PERMISSIONS } from '../../../sim';
import { button, IncidentHarness, stepState, textOf } from './incident-harness';

const TITLE = 'Privileged mailboxes (step 7)';

/**
 * Step 7 through the real Graph client against the simulator:
 * GET /users/{id}/mailFolders/inbox/messageRules for every privileged user,
 * with MailboxSettings.Read enforced as Graph enforces it.
 */
describe('step 7 on an attacked tenant', () => {
  let h: IncidentHarness;
  let id = '';
  beforeAll(async () => {
    h = await IncidentHarness.start({ scenario: 'under-attack' });
    id = await h.startIncident('alice', 'start Admin mailboxes may be read by an attacker');
  });
  afterAll(async () => {
    await h.stop();
  });

  it('posts the inbox rules that forward or redirect privileged mail, enabled first, marks what leaves the organisation, and leaves out the rule that only files mail', () => {
    const text = textOf(h.notice(TITLE));
    const lines = text.split('\n').filter((l) => l.startsWith('• '));
    expect(lines).toEqual([
      '• adm-bob@contoso.com: rule "." forwards to collect@proton.example (outside the organisation)',
      '• adm-carol@contoso.com: rule "To my working mailbox" forwards to carol@contoso.com',
      '• adm-dave@contoso.com: rule "Backup" redirects to dave.backup@outlook.example (outside the organisation)',
      '• adm-grace@contoso.com: rule "Old forward" (disabled) forwards as attachment to grace@fabrikam.com (outside the organisation)',
    ]);
    expect(text).not.toContain('PIM notifications');
    // The emergency accounts have no mailbox: Graph answers 404 MailboxNotEnabledForRESTAPI.
    expect(text).toMatch(/No mailbox\W+.*bg-01@contoso\.onmicrosoft\.com/);
    expect(text).toContain('ForwardingSmtpAddress');
    expect(h.bot.simulator!.requests.filter((r) => r.route === 'inboxRules').map((r) => r.status)).toEqual(expect.arrayContaining([200, 404]));
  });

  it('notes the finding on step 7 and keeps it open for the manual watch', () => {
    expect(stepState(h.checklist(id), 7)).toBe('pending');
    expect(textOf(h.checklist(id))).toContain('Inbox rules: 4 inbox rules forward or redirect mail (3 enabled)');
  });

  it('the close report keeps what was found', async () => {
    await h.say('alice', 'close Mail rules removed');
    expect(textOf(h.notice('Incident report'))).toContain('Inbox rules sending privileged mail elsewhere: adm-bob@contoso.com "." to collect@proton.example; adm-carol@contoso.com "To my working mailbox" to carol@contoso.com; adm-dave@contoso.com "Backup" to dave.backup@outlook.example; adm-grace@contoso.com "Old forward" (disabled) to grace@fabrikam.com.');
  });
});

describe('step 7 on a quiet tenant', () => {
  it('says no rule forwards mail', async () => {
    const h = await IncidentHarness.start({ scenario: 'quiet' });
    try {
      await h.startIncident('alice', 'start Drill of the checklist');
      expect(textOf(h.notice(TITLE))).toContain('No inbox rule forwards or redirects mail.');
    } finally {
      await h.stop();
    }
  });
});

describe('step 7 without MailboxSettings.Read', () => {
  it('Graph answers 403, the notice names the permission, and a retry after granting it lists the rules', async () => {
    const h = await IncidentHarness.start({ scenario: 'under-attack' });
    try {
      h.bot.simulator!.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS.filter((p) => p !== 'MailboxSettings.Read'));
      const id = await h.startIncident('alice', 'start Admin mailboxes may be read by an attacker');
      const refused = h.notice(TITLE);
      expect(textOf(refused)).toMatch(/could not be read: .*MailboxSettings\.Read/);
      expect(h.bot.simulator!.requests.filter((r) => r.route === 'inboxRules').map((r) => r.status)).toEqual([403]);
      expect(stepState(h.checklist(id), 7)).toBe('pending');

      h.bot.simulator!.setGrantedPermissions(DEFAULT_GRANTED_PERMISSIONS);
      await h.click('bob', button(refused, 'Check inbox rules again'));
      expect(textOf(h.notice(TITLE))).toContain('adm-bob@contoso.com: rule "." forwards to collect@proton.example (outside the organisation)');
    } finally {
      await h.stop();
    }
  });
});
