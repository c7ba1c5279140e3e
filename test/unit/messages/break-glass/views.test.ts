import { fullCloseReport } from '../../../../bot/messages/break-glass/close-report';
import { messageToText } from '../../../../bot/messages/message-text';
import type { BreakGlassContext } from '../../../../workflows/break-glass/context';
import { breakGlassEventForAction } from '../../../../bot/messages/break-glass/button-events';
import { parseButtonValue } from '../../../../bot/messages/break-glass/button-values';
import { refusalFor } from '../../../../workflows/break-glass/refusals';
import { alice, at, bob, carol, incidentInput, send, sendAll, startIncident, timer, type Step } from '../../workflows/break-glass/drive';
import { domains, exportedFiles, twoBadPasswords } from '../../workflows/break-glass/fixtures';
import { allText, render, renderChat } from './render';

const unavailable = { code: 'graph.unavailable', message: 'Microsoft Graph did not answer.' };

/** A whole incident touching every view, returning each transition so views can be rendered as the runtime would. */
function fullIncident(drill: boolean): Step[] {
  const steps: Step[] = [startIncident(incidentInput({ drill }))];
  const push = (event: Parameters<typeof send>[1]) => {
    const last = steps[steps.length - 1] as Step;
    steps.push(send(last.snapshot, event));
  };
  const first = steps[0] as Step;
  push(timer(first.actions, 'ackTimeout').event); // escalation page
  push(timer(steps[1]?.actions ?? [], 'ackTimeout').event); // nobody answered
  push(timer(first.actions, 'stallTimeout').event); // stall ping
  push(timer(first.actions, 'mailboxReminder').event);
  push({ type: 'ack', actor: carol, at: at(50) });
  push({ type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(51) });
  push({ type: 'step.retry', step: 5, actor: alice, at: at(52) });
  push({ type: 'graph.signIns.succeeded', result: twoBadPasswords(), tag: 'signins:2', at: at(53) });
  push({ type: 'graph.domains.succeeded', result: domains.hybrid, tag: 'domains:1', at: at(53) });
  push({ type: 'federation.adfs', available: false, actor: bob, at: at(54) });
  push({ type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(55) });
  push({ type: 'checkout.confirm', actor: bob, at: at(56) });
  push({ type: 'step.assign', step: 4, assignee: bob, actor: alice, at: at(57) });
  push({ type: 'commander.set', commander: bob, actor: alice, at: at(58) });
  push({ type: 'export.run', actor: bob, at: at(60) });
  push({ type: 'export.succeeded', files: exportedFiles, tag: 'export:1', at: at(61) });
  push({ type: 'step.skip', step: 2, reason: 'playbook wiki is down too', actor: bob, at: at(62) });
  push({ type: 'close', summary: 'Admins back in', actor: bob, at: at(70) });
  push({ type: 'reopen', actor: alice, at: at(71) });
  return steps;
}

describe('break-glass views', () => {
  it('has a view for everything the machine posts, and labels every message of a drill DRILL', () => {
    const rendered = fullIncident(true).flatMap(renderChat);
    const views = new Set(rendered.map((r) => r.view));
    expect([...views].sort()).toEqual(
      ['ack-request', 'ack-unanswered', 'checklist', 'checkout', 'export-result', 'federation', 'incident-update', 'mailbox-reminder', 'report', 'sign-in-summary', 'stall', 'step-degraded', 'step-update'].sort(),
    );
    for (const { view, message } of rendered) {
      expect({ view, label: message.header?.label }).toEqual({ view, label: 'DRILL' });
      expect(message.fallbackText.startsWith('[DRILL] ')).toBe(true);
    }
  });

  it('does not label a real incident as a drill', () => {
    for (const { message } of fullIncident(false).flatMap(renderChat)) {
      expect(message.header?.label).toBeUndefined();
      expect(message.fallbackText).not.toContain('DRILL');
    }
  });

  describe('the checklist card', () => {
    it('shows the summary, all eight steps and buttons for what can be done now', () => {
      const card = render('checklist', startIncident().snapshot.context);
      expect(card.header?.title).toBe('Break glass: Conditional Access policy locked out every admin');
      const checklist = card.blocks.find((b) => b.kind === 'checklist');
      expect(checklist?.kind === 'checklist' && checklist.items.map((i) => i.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'in_progress', 'in_progress', 'pending', 'pending']);
      expect(allText(card)).toContain('carol: paging; dave: paging; sam: paging. Level 0 paged at 02:00 UTC; escalates after 10m');
      expect(card.buttons?.map((b) => [b.actionId, b.value])).toEqual([
        ['breakglass.playbook', 'INC-7'],
        ['breakglass.checkout', 'INC-7|bg1@contoso.onmicrosoft.com'],
        ['breakglass.checkout', 'INC-7|bg2@contoso.onmicrosoft.com'],
        ['breakglass.support', 'INC-7'],
        ['breakglass.done', 'INC-7|7'],
        ['breakglass.export', 'INC-7'],
      ]);
      expect(card.buttons?.find((b) => b.actionId === 'breakglass.support')?.input).toMatchObject({ id: 'reference', required: true });
      expect(card.blocks).toContainEqual({ kind: 'link', text: 'Attack playbook', url: 'https://wiki.contoso.example/playbooks/admin-lockout' });
    });

    it('swaps account buttons for a confirm button while a checkout waits, and offers retry when Graph failed', () => {
      const run = sendAll(startIncident().snapshot, [
        { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(1) },
        { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(2) },
        { type: 'graph.domains.succeeded', result: domains.hybrid, tag: 'domains:1', at: at(2) },
      ]);
      const card = render('checklist', run.snapshot.context);
      const buttons = card.buttons?.map((b) => `${b.actionId} ${b.value}`) ?? [];
      expect(buttons).toContain('breakglass.confirm INC-7');
      expect(buttons).not.toContain('breakglass.checkout INC-7|bg1@contoso.onmicrosoft.com');
      expect(buttons).toContain('breakglass.checkout INC-7|bg2@contoso.onmicrosoft.com');
      expect(buttons).toContain('breakglass.retry INC-7|5');
      expect(buttons).toEqual(expect.arrayContaining(['breakglass.adfs INC-7|yes', 'breakglass.adfs INC-7|no']));
      expect(allText(card)).toContain('Graph is unavailable: retry, or do it by hand');
      expect(allText(card)).toContain('Alice Admin chose bg1@contoso.onmicrosoft.com at 02:01 UTC. A different responder must confirm');
    });

    it('shows who holds which emergency account, and drops the buttons once closed', () => {
      const run = sendAll(startIncident().snapshot, [
        { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(1) },
        { type: 'checkout.confirm', actor: bob, at: at(2) },
        { type: 'close', actor: alice, at: at(3) },
      ]);
      const card = render('checklist', run.snapshot.context);
      expect(allText(card)).toContain('bg1@contoso.onmicrosoft.com used 02:02 UTC to 02:03 UTC (chosen by Alice Admin, confirmed by Bob Builder)');
      expect(card.header?.title).toMatch(/^Closed: /);
      expect(card.buttons).toBeUndefined();
    });

    it('has only buttons that turn into events the machine accepts', () => {
      const { snapshot } = startIncident();
      for (const button of render('checklist', snapshot.context).buttons ?? []) {
        const event = breakGlassEventForAction(button.actionId, button.value, { reference: 'case 42' }, bob, at(1));
        expect({ button: button.label, event: event?.type }).toEqual({ button: button.label, event: expect.any(String) });
        if (event) expect({ button: button.label, refusal: refusalFor(snapshot.context, event) }).toEqual({ button: button.label, refusal: undefined });
        expect(parseButtonValue(button.value).incidentId).toBe('INC-7');
      }
    });
  });

  it('pages with an Acknowledge button, then shows who answered on the same card', () => {
    const start = startIncident();
    const page = render('ack-request', start.snapshot.context, { person: 'carol' });
    expect(page.buttons).toEqual([{ actionId: 'breakglass.ack', label: 'Acknowledge', value: 'INC-7|to:carol', style: 'primary' }]);
    expect(allText(page)).toContain('Conditional Access policy locked out every admin');
    const acked = send(start.snapshot, { type: 'ack', actor: carol, at: at(4) });
    const answered = render('ack-request', acked.snapshot.context, { person: 'dave' });
    expect(answered.buttons).toBeUndefined();
    expect(allText(answered)).toContain('Acknowledged by Carol Manager at 02:04 UTC');
  });

  it('says where the credential is kept when a checkout is confirmed, and nothing more', () => {
    const run = sendAll(startIncident().snapshot, [
      { type: 'checkout.request', upn: 'bg2@contoso.onmicrosoft.com', actor: alice, at: at(1) },
      { type: 'checkout.confirm', actor: bob, at: at(2) },
    ]);
    const text = allText(render('checkout', run.snapshot.context, { stage: 'confirmed', upn: 'bg2@contoso.onmicrosoft.com' }));
    expect(text).toContain('The credential is kept at: Vault path secret/bg2');
    expect(text).toContain('Bob Builder confirmed the use of bg2@contoso.onmicrosoft.com chosen by Alice Admin');
    expect(text).toMatch(/never paste it into chat/i);
  });

  it('summarises sign-ins with error meanings and the reporting lag', () => {
    const done = send(startIncident().snapshot, { type: 'graph.signIns.succeeded', result: twoBadPasswords(), tag: 'signins:1', at: at(1) });
    const text = allText(render('sign-in-summary', done.snapshot.context));
    expect(text).toContain('2 × error 50126: wrong user name or password (adm-alex@contoso.com)');
    expect(text).toContain('3 (2 failed) by 1 accounts');
    expect(text).toMatch(/arrive a few minutes late/);
  });

  it('says plainly that Graph is unavailable and how to do the step by hand', () => {
    const failed = send(startIncident().snapshot, { type: 'graph.signIns.failed', error: unavailable, tag: 'signins:1', at: at(1) });
    const msg = render('step-degraded', failed.snapshot.context, { step: 5 });
    expect(msg.header?.title).toBe('Step 5 (Review the sign-in reports): Graph is unavailable');
    expect(allText(msg)).toContain('Sign-in logs');
    expect(msg.buttons).toEqual([{ actionId: 'breakglass.retry', label: 'Retry', value: 'INC-7|5' }]);
  });

  it('guides the switch to managed authentication and names who decided', () => {
    const run = sendAll(startIncident().snapshot, [
      { type: 'graph.domains.succeeded', result: domains.hybrid, tag: 'domains:1', at: at(1) },
      { type: 'federation.adfs', available: false, actor: bob, at: at(3) },
    ]);
    const question = render('federation', run.snapshot.context, { stage: 'question' });
    expect(allText(question)).toContain('Federated domains: corp.contoso.com');
    const text = allText(render('federation', run.snapshot.context, { stage: 'guidance' }));
    expect(text).toContain('Bob Builder decided at 02:03 UTC that AD FS is unavailable');
    expect(text).toContain('password hash sync');
    expect(text).toContain('convert the domains back to federated');
  });

  it('lists exported files with counts and hashes', () => {
    const run = sendAll(startIncident().snapshot, [
      { type: 'export.run', actor: alice, at: at(10) },
      { type: 'export.succeeded', files: exportedFiles, tag: 'export:1', at: at(11) },
    ]);
    const text = allText(render('export-result', run.snapshot.context));
    expect(text).toContain(`INC-7-signins.jsonl: 412 records · sha256 ${'a'.repeat(64)}`);
    expect(text).toContain('2025-03-02T01:00:00.000Z to 2025-03-03T02:10:00.000Z');
  });

  it('reports timeline, who did what, time per step, open steps, findings and follow-ups at close', () => {
    const steps = fullIncident(false);
    const closing = steps.find((s) => s.snapshot.value === 'closed') as Step;
    const report = renderChat(closing).find((r) => r.view === 'report')?.message;
    if (!report) throw new Error('no report');
    // The channel gets a short summary; the whole report is its attachment.
    const summary = allText({ ...report, attachment: undefined });
    expect(summary).toContain('Steps: 4 done, 1 skipped, 3 still open (4, 6, 7).');
    expect(summary).toContain('Validate the response plan');
    expect(summary).not.toContain('Who did what');
    expect(report.attachment).toMatchObject({ filename: 'INC-7-report.txt', title: 'Full incident report' });
    const full = fullCloseReport(closing.snapshot.context as BreakGlassContext);
    expect(report.attachment?.text).toBe(messageToText(full));
    const text = allText(full);
    expect(text).toContain('Duration: 1h 10m');
    expect(text).toContain('Closed by: Bob Builder');
    expect(text).toContain('Outcome: Admins back in');
    expect(text).toContain('Open steps:\n• Step 4 Open a Microsoft support request: pending');
    expect(text).toContain('Step 6 Check hybrid federation (AD FS): in progress');
    expect(text).toMatch(/1 Notify key managers and security officers done .*done by Carol Manager in 50m/);
    expect(text).toMatch(/Who did what:\n• Alice Admin: Started the incident/);
    expect(text).toContain('Bob Builder: Said AD FS is unavailable');
    expect(text).toContain('2 × error 50126 (wrong user name or password)');
    expect(text).toContain('Rotate the credential of bg1@contoso.onmicrosoft.com');
    expect(text).toContain('Review every action taken with bg1@contoso.onmicrosoft.com');
    expect(text).toContain('Validate the response plan');
    expect(text).toMatch(/Timeline:\n(.|\n)*02:50 UTC Carol Manager: Acknowledged the page/);
  });

  it('pings the commander by name when the incident stalls', () => {
    const text = allText(render('stall', startIncident().snapshot.context, { stage: 'commander' }));
    expect(text).toContain('Alice Admin, no step has moved for 30m. Open steps: 1, 2, 3, 4, 5, 6, 7 and 8.');
  });
});

describe('breakGlassEventForAction', () => {
  it.each([
    ['breakglass.ack', 'INC-7', undefined, { type: 'ack' }],
    ['breakglass.playbook', 'INC-7', undefined, { type: 'playbook.confirm' }],
    ['breakglass.checkout', 'INC-7|bg1@contoso.onmicrosoft.com', undefined, { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com' }],
    ['breakglass.confirm', 'INC-7', undefined, { type: 'checkout.confirm' }],
    ['breakglass.support', 'INC-7', { reference: ' 2503030040001234 ' }, { type: 'support.case', reference: '2503030040001234' }],
    ['breakglass.adfs', 'INC-7|no', undefined, { type: 'federation.adfs', available: false }],
    ['breakglass.adfs', 'INC-7|yes', undefined, { type: 'federation.adfs', available: true }],
    ['breakglass.done', 'INC-7|7', undefined, { type: 'step.done', step: 7 }],
    ['breakglass.retry', 'INC-7|8', undefined, { type: 'step.retry', step: 8 }],
    ['breakglass.export', 'INC-7', undefined, { type: 'export.run' }],
  ])('%s %s', (actionId, value, inputs, expected) => {
    expect(breakGlassEventForAction(actionId, value, inputs, alice, at(1))).toEqual({ ...expected, actor: alice, at: at(1) });
  });

  it.each([
    ['breakglass.support', 'INC-7', { reference: '  ' }],
    ['breakglass.adfs', 'INC-7|maybe', undefined],
    ['breakglass.done', 'INC-7|9', undefined],
    ['breakglass.checkout', 'INC-7', undefined],
    ['elevation.approve', 'EL-1', undefined],
  ])('ignores %s %s', (actionId, value, inputs) => {
    expect(breakGlassEventForAction(actionId, value, inputs, alice, at(1))).toBeUndefined();
  });
});
