import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { verifyAuditExport } from '../../../bot/audit/verify-audit-export';
import { button, IncidentHarness, labels, MINUTE, ROOM, stepState, stepStates, textOf } from './incident-harness';

/**
 * One incident worked end to end through the real core: commands typed and
 * buttons clicked in a fake chat, the bot talking to the simulated tenant
 * under attack, time moved by hand.
 */
describe('a break-glass incident worked through all eight steps', () => {
  let h: IncidentHarness;
  beforeAll(async () => {
    h = await IncidentHarness.start();
  });
  afterAll(async () => {
    await h.stop();
  });

  let id = '';

  it('start posts one checklist card in the channel and pages the level-0 manager by DM', async () => {
    id = await h.startIncident('alice', 'start Global admins locked out after a Conditional Access change');

    const card = h.checklist(id);
    expect(card.header?.title).toBe('Break glass: Global admins locked out after a Conditional Access change');
    expect(textOf(card)).toContain('Commander: Alice');
    expect(h.chat.inConversation(ROOM).filter((m) => !m.ref.threadId)).toHaveLength(1);

    const pages = h.dms('ivan');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.message.header?.title).toBe('Break glass: please acknowledge');
    expect(textOf(pages[0]!.message)).toContain('Global admins locked out');
    expect(labels(pages[0]!.message)).toEqual(['Acknowledge']);
    expect(h.dms('judy')).toHaveLength(0); // level 1 only after the timeout
  });

  it('step 5: the sign-in summary from the attacked tenant names each error code in words and says reports lag', async () => {
    const summary = h.notice('Sign-in review (step 5)');
    const text = textOf(summary);
    expect(text).toMatch(/× error 50126: wrong user name or password/);
    expect(text).toMatch(/× error 53003: blocked by Conditional Access/);
    expect(text).toMatch(/× error 50074: MFA required but not completed/);
    expect(text).toMatch(/× error 500121: MFA failed/);
    expect(text).toMatch(/× error 50053: account locked/);
    expect(text).toMatch(/× error 50057: account disabled/);
    expect(text).toMatch(/MFA prompts? denied or reported as fraud: adm-alice@contoso.com/);
    expect(text).toMatch(/new country: BR/);
    expect(text).toMatch(/legacy protocol: IMAP4/);
    expect(text).toMatch(/Risky sign-in \(medium\) by adm-bob@contoso.com/);
    expect(text).toMatch(/Emergency account bg-01@contoso.onmicrosoft.com/);
    expect(text).toMatch(/arrive a few minutes late/);
    expect(stepState(h.checklist(id), 5)).toBe('done');
  });

  it('step 6: the tenant has no federated domain, so the bot finishes the federation check on its own', async () => {
    expect(stepState(h.checklist(id), 6)).toBe('done');
    expect(textOf(h.notice('Step 6'))).toMatch(/No federated domains \(\d+ checked\)/);
    expect(labels(h.checklist(id))).not.toContain('AD FS is down');
  });

  it('step 1: the paged manager acknowledges from the DM; the page and the checklist update in place', async () => {
    h.clock.advance(2 * MINUTE);
    const page = h.dms('ivan')[0]!;
    expect(await h.click('ivan', button(page.message, 'Acknowledge'), undefined, 'dm:ivan')).toBeUndefined();

    expect(h.dms('ivan')).toHaveLength(1);
    expect(page.message.header?.title).toBe('Break glass: page answered');
    expect(textOf(page.message)).toContain('Acknowledged by Ivan');
    expect(page.message.buttons).toBeUndefined();
    expect(stepState(h.checklist(id), 1)).toBe('done');
    expect(textOf(h.checklist(id))).toMatch(/Acknowledged: Ivan .* at 03:02 UTC/);
  });

  it('step 2: a responder confirms the playbook was reviewed', async () => {
    await h.click('alice', button(h.checklist(id), 'Playbook reviewed'));
    expect(stepState(h.checklist(id), 2)).toBe('done');
    expect(labels(h.checklist(id))).not.toContain('Playbook reviewed');
  });

  it('step 3: alice picks an emergency account, may not confirm it herself, bob confirms; the bot says where the credential is kept', async () => {
    await h.click('alice', button(h.checklist(id), 'Use bg-01@contoso.onmicrosoft.com'));
    expect(stepState(h.checklist(id), 3)).toBe('in_progress');
    const ask = h.notice('Confirm emergency account bg-01@contoso.onmicrosoft.com?');
    expect(textOf(ask)).toMatch(/Two-person rule/);

    const refused = await h.click('alice', button(h.checklist(id), 'Confirm bg-01@contoso.onmicrosoft.com'));
    expect(refused).toBe('The two-person rule needs a second responder: you chose bg-01@contoso.onmicrosoft.com, so someone else must confirm.');
    expect(stepState(h.checklist(id), 3)).toBe('in_progress');

    await h.click('bob', button(h.checklist(id), 'Confirm bg-01@contoso.onmicrosoft.com'));
    expect(stepState(h.checklist(id), 3)).toBe('done');
    const done = textOf(h.notice('Emergency account bg-01@contoso.onmicrosoft.com checked out'));
    expect(done).toMatch(/Bob .* confirmed the use of bg-01@contoso.onmicrosoft.com chosen by Alice/);
    expect(done).toContain('The credential is kept at: Safe in the CISO office, envelope A (simulated)');
    expect(textOf(h.checklist(id))).toMatch(/Emergency account: bg-01@contoso.onmicrosoft.com in use since 03:02 UTC \(chosen by Alice .*, confirmed by Bob .*\)/);

    const confirmed = (await h.audit('breakglass.checkout.confirm')).filter((e) => e.workflowId === id);
    expect(confirmed.map((e) => e.actorPlatformId)).toEqual(['playground:bob']);
  });

  it('step 4: the support case is recorded from the button input', async () => {
    const record = button(h.checklist(id), 'Record support case');
    expect(await h.click('alice', record)).toMatch(/needs a value first/);
    await h.click('alice', record, { reference: '2603030040001234' });
    expect(stepState(h.checklist(id), 4)).toBe('done');
    expect(textOf(h.checklist(id))).toContain('Support case: 2603030040001234');
  });

  it('step 7: the mailbox reminder repeats every 30 minutes until a responder marks the step done', async () => {
    // Started at 03:00; the clock is at 03:02, so the first reminder is due 03:30.
    await h.advance(27 * MINUTE);
    expect(h.notices().filter((m) => m.header?.title === 'Monitor privileged mailboxes (step 7)')).toHaveLength(0);
    await h.advance(1 * MINUTE);
    expect(textOf(h.notice('Monitor privileged mailboxes (step 7)'))).toMatch(/^Reminder 1: step 7 is still open/m);
    await h.advance(30 * MINUTE);
    const reminders = h.notices().filter((m) => m.header?.title === 'Monitor privileged mailboxes (step 7)');
    expect(reminders.map((m) => /Reminder (\d+)/.exec(textOf(m))?.[1])).toEqual(['1', '2']);

    await h.click('bob', button(reminders[1]!, 'Mailboxes are watched'));
    expect(stepState(h.checklist(id), 7)).toBe('done');
    await h.advance(90 * MINUTE);
    expect(h.notices().filter((m) => m.header?.title === 'Monitor privileged mailboxes (step 7)')).toHaveLength(2);
  });

  it('step 8: the export writes JSONL files whose counts and SHA-256 match what the channel is told', async () => {
    await h.click('alice', button(h.checklist(id), 'Export logs'));
    expect(stepState(h.checklist(id), 8)).toBe('done');

    const result = h.notice('Logs backed up for forensics (step 8)');
    const facts = result.blocks.flatMap((b) => (b.kind === 'facts' ? b.facts : []));
    expect(facts.map((f) => f.label.split(/[\\/]/).pop())).toEqual(['incident-audit.jsonl', 'signins.jsonl', 'directory-audits.jsonl']);
    for (const fact of facts) {
      expect(existsSync(fact.label)).toBe(true);
      const content = readFileSync(fact.label);
      const lines = content.toString('utf8').split('\n').filter(Boolean);
      const [, count, sha] = /^(\d+) records · sha256 ([0-9a-f]{64})$/.exec(fact.value) ?? [];
      expect(Number(count)).toBe(lines.length);
      expect(Number(count)).toBeGreaterThan(0);
      expect(sha).toBe(createHash('sha256').update(content).digest('hex'));
    }
    const manifest = JSON.parse(readFileSync(join(dirname(facts[0]!.label), 'manifest.json'), 'utf8')) as { workflowId: string; files: Array<{ sha256: string }> };
    expect(manifest.workflowId).toBe(id);
    expect(manifest.files.map((f) => f.sha256)).toEqual(facts.map((f) => /sha256 (\w+)/.exec(f.value)?.[1]));
    // One manifest format for every export: the audit verifier accepts it, and its files are named bare.
    expect(await verifyAuditExport(dirname(facts[0]!.label))).toMatchObject({ ok: true });
    expect(readFileSync(join(dirname(facts[0]!.label), 'SHA256SUMS'), 'utf8')).toBe(
      facts.map((f) => `${/sha256 (\w+)/.exec(f.value)?.[1]}  ${f.label.split(/[\\/]/).pop()}\n`).join(''),
    );
  });

  it('every step is done; close posts a report with the timeline, who did what and Microsoft\'s follow-ups', async () => {
    expect(stepStates(h.checklist(id))).toEqual(Array(8).fill('done'));
    expect(h.checklist(id).fallbackText).toContain('8 of 8 steps done');

    await h.say('alice', 'close Admins back in; CA policy reverted');
    const card = h.checklist(id);
    expect(card.header?.title).toMatch(/^Closed: /);
    // Closed: the account was in use, it is not any more.
    expect(textOf(card)).toMatch(/Emergency account: bg-01@contoso\.onmicrosoft\.com used 03:02 UTC to \d\d:\d\d UTC/);
    expect(textOf(card)).not.toContain('in use since');
    expect(card.buttons).toBeUndefined();

    const report = textOf(h.notice('Incident report'));
    expect(report).toContain('Outcome: Admins back in; CA policy reverted');
    expect(report).toContain('Open steps:\n• None: every step was done or skipped.');
    expect(report).toMatch(/Who did what:\n• Alice [^:]*: Started the incident/);
    expect(report).toMatch(/• Ivan [^:]*: Acknowledged the page/);
    expect(report).toMatch(/• Bob [^:]*: Confirmed use of emergency account bg-01@contoso.onmicrosoft.com/);
    expect(report).toContain('Rotate the credential of bg-01@contoso.onmicrosoft.com');
    expect(report).toMatch(/Review every action taken with bg-01@contoso.onmicrosoft.com/);
    expect(report).toMatch(/Validate the response plan/);
    expect(report).toMatch(/Timeline:\n(.|\n)*03:00 UTC Alice [^:]*: Started the incident(.|\n)*Closed the incident: Admins back in/);
    expect(report).toMatch(/error 50126 \(wrong user name or password\)/);

    const closed = (await h.audit('breakglass.close')).filter((e) => e.workflowId === id);
    expect(closed.map((e) => e.actorPlatformId)).toEqual(['playground:alice']);
    expect((await h.bot.runtime.get(id))?.timers).toEqual([]); // nothing pages or reminds about a closed incident
  });

  it('a closed incident refuses changes until reopened', async () => {
    expect(await h.say('bob', `note found the CA policy --incident ${id}`)).toBe(`Note added to ${id}.`);
    expect(await h.say('bob', `done 7 --incident ${id}`)).toMatch(/closed/);

    await h.say('bob', `reopen --incident ${id}`);
    expect(textOf(h.notice('Incident reopened'))).toMatch(/Bob .* reopened the incident/);
    expect(h.checklist(id).header?.title).toMatch(/^Break glass: /);
    const status = await h.say('alice', 'status');
    expect(status).toMatch(/^Break glass: Global admins locked out/);
    expect(status).toMatch(/8\. Back up logs for forensics \(done\)/);
  });
});
