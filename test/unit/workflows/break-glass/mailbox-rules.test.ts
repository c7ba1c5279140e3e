import { forwardingRules, isExternalAddress, summarizeMailboxRules } from '../../../../workflows/break-glass/mailbox-rules';
import type { MessageRule } from '../../../../workflows/graph-records';
import { refusalFor } from '../../../../workflows/break-glass/refusals';
import { alice, at, effectsOf, notices, send, startIncident } from './drive';

const to = (address: string) => ({ emailAddress: { name: address, address } });
const rule = (displayName: string, actions: MessageRule['actions'], isEnabled = true): MessageRule => ({ id: displayName, displayName, isEnabled, actions });

describe('step 7: inbox rules that send privileged mail elsewhere', () => {
  it('lists forwardTo, forwardAsAttachmentTo and redirectTo, enabled first, and leaves rules that only file mail out', () => {
    const summary = summarizeMailboxRules([
      { upn: 'adm-alice@contoso.com', rules: [rule('PIM notifications', {})] },
      { upn: 'adm-grace@contoso.com', rules: [rule('Old forward', { forwardAsAttachmentTo: [to('grace@fabrikam.com')] }, false)] },
      { upn: 'adm-bob@contoso.com', rules: [rule('.', { forwardTo: [to('collect@proton.example')], redirectTo: [to('x@outlook.example'), to('y@outlook.example')] })] },
      { upn: 'bg-01@contoso.onmicrosoft.com', rules: undefined },
    ]);
    expect(summary).toEqual({
      mailboxes: 3,
      withoutMailbox: ['bg-01@contoso.onmicrosoft.com'],
      forwarding: [
        { upn: 'adm-bob@contoso.com', rule: '.', enabled: true, action: 'forwardTo', recipients: ['collect@proton.example'] },
        { upn: 'adm-bob@contoso.com', rule: '.', enabled: true, action: 'redirectTo', recipients: ['x@outlook.example', 'y@outlook.example'] },
        { upn: 'adm-grace@contoso.com', rule: 'Old forward', enabled: false, action: 'forwardAsAttachmentTo', recipients: ['grace@fabrikam.com'] },
      ],
    });
    expect(forwardingRules('a@b.c', [rule('empty lists', { forwardTo: [], redirectTo: null })])).toEqual([]);
  });

  it("tells addresses outside the tenant's domains (subdomains count as inside) once the domains are known", () => {
    const domains = ['contoso.com', 'contoso.onmicrosoft.com'];
    expect(isExternalAddress('carol@contoso.com', domains)).toBe(false);
    expect(isExternalAddress('Carol@EU.Contoso.com', domains)).toBe(false);
    expect(isExternalAddress('collect@proton.example', domains)).toBe(true);
    expect(isExternalAddress('x@notcontoso.com', domains)).toBe(true);
    expect(isExternalAddress('collect@proton.example', [])).toBeUndefined();
    expect(isExternalAddress('Archive', domains)).toBeUndefined();
  });

  it('asks Graph at start, notes what it found on step 7 and posts it, and leaves the step to the manual watch', () => {
    const start = startIncident();
    const effects = effectsOf(start.actions);
    const call = effects.find((e) => e.type === 'graph.call' && e.params.op === 'mailboxRules');
    expect(call?.type === 'graph.call' && call.params.tag).toBe('mailboxRules:1');
    // An incident's effects run in order: the pages go out before the (slow) mailbox reads.
    const lastPage = effects.map((e) => e.type === 'chat.card' && e.params.view === 'ack-request').lastIndexOf(true);
    expect(lastPage).toBeGreaterThan(0);
    expect(effects.indexOf(call!)).toBeGreaterThan(lastPage);
    const summary = summarizeMailboxRules([{ upn: 'adm-bob@contoso.com', rules: [rule('.', { forwardTo: [to('collect@proton.example')] })] }]);
    const done = send(start.snapshot, { type: 'graph.mailboxRules.succeeded', result: summary, tag: 'mailboxRules:1', at: at(1) });
    const ctx = done.snapshot.context;
    expect(ctx.mailboxRules).toMatchObject({ status: 'succeeded', summary });
    expect(ctx.steps[6]).toMatchObject({ state: 'pending', notes: ['Inbox rules: 1 inbox rule forwards or redirects mail (1 enabled) in 1 privileged mailboxes'] });
    expect(notices(done.actions, 'mailbox-rules')).toHaveLength(1);
    expect(ctx.timeline.at(-1)?.text).toMatch(/^Inbox rules checked: 1 inbox rule/);
  });

  it('shows a failure with a retry, leaves the step open, and ignores an older answer after a retry', () => {
    const start = startIncident();
    const failed = send(start.snapshot, { type: 'graph.mailboxRules.failed', error: { code: 'graph.forbidden', message: 'The bot needs MailboxSettings.Read.' }, tag: 'mailboxRules:1', at: at(1) });
    expect(failed.snapshot.context.mailboxRules).toMatchObject({ status: 'unavailable', error: 'The bot needs MailboxSettings.Read.' });
    expect(failed.snapshot.context.steps[6]?.state).toBe('pending');
    expect(notices(failed.actions, 'mailbox-rules')).toHaveLength(1);

    const retried = send(failed.snapshot, { type: 'step.retry', step: 7, actor: alice, at: at(2) });
    const again = effectsOf(retried.actions).find((e) => e.type === 'graph.call');
    expect(again?.type === 'graph.call' && again.params).toMatchObject({ op: 'mailboxRules', tag: 'mailboxRules:2' });
    const stale = { type: 'graph.mailboxRules.succeeded' as const, result: summarizeMailboxRules([]), tag: 'mailboxRules:1', at: at(3) };
    expect(refusalFor(retried.snapshot.context, stale)).toMatch(/older inbox rule check/);
  });

  it('reads a snapshot from before step 7 read inbox rules (no mailboxRules) without failing', () => {
    const { snapshot } = startIncident();
    const { mailboxRules: _gone, ...old } = snapshot.context;
    expect(refusalFor(old, { type: 'graph.mailboxRules.succeeded', result: summarizeMailboxRules([]), tag: 'mailboxRules:1', at: at(1) })).toMatch(/older/);
    expect(refusalFor(old, { type: 'step.retry', step: 7, actor: alice, at: at(1) })).toBeUndefined();
  });
});
