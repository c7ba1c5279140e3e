import { buildCloseReport } from '../../../../workflows/break-glass/close-report';
import { alice, at, cancelled, bob, carol, cards, effectsOf, notices, send, sendAll, startIncident, timers } from './drive';
import { domains, exportedFiles, twoBadPasswords } from './fixtures';

describe('a break-glass incident from start to close', () => {
  it('posts the checklist, pages level 0 and asks Graph for sign-ins, domains and inbox rules at start', () => {
    const { snapshot, actions } = startIncident();

    expect(cards(actions)[0]).toEqual({ key: 'checklist', view: 'checklist', audience: { to: 'home' } });
    const pages = cards(actions).filter((c) => c.view === 'ack-request');
    expect(pages.map((p) => p.audience)).toEqual([
      { to: 'person', person: 'carol' },
      { to: 'person', person: 'dave' },
      { to: 'person', person: 'sam' },
    ]);
    const graph = effectsOf(actions).filter((e) => e.type === 'graph.call');
    expect(graph.map((g) => g.params.op)).toEqual(['signIns', 'domains', 'mailboxRules']);
    expect(graph[0]?.params.args).toMatchObject({ since: '2025-03-02T02:00:00.000Z', until: '2025-03-03T02:00:00.000Z' });
    expect(snapshot.context.steps.map((s) => s.state)).toEqual(['pending', 'pending', 'pending', 'pending', 'in_progress', 'in_progress', 'pending', 'pending']);
  });

  it('walks all eight steps, out of order, and closes with a report', () => {
    const start = startIncident();
    const signInTag = effectsOf(start.actions).find((e) => e.type === 'graph.call' && e.params.op === 'signIns');
    const run = sendAll(start.snapshot, [
      { type: 'support.case', reference: '2503030040001234', actor: alice, at: at(2) }, // step 4 first
      { type: 'ack', actor: carol, at: at(3) },
      { type: 'playbook.confirm', actor: alice, at: at(4) },
      { type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: at(5) },
      { type: 'checkout.confirm', actor: bob, at: at(6) },
      { type: 'graph.signIns.succeeded', result: twoBadPasswords(), tag: signInTag?.type === 'graph.call' ? signInTag.params.tag : undefined, at: at(7) },
      { type: 'graph.domains.succeeded', result: domains.cloudOnly, tag: 'domains:1', at: at(7) },
      { type: 'step.done', step: 7, note: 'Bob watches the admin mailboxes', actor: bob, at: at(8) },
      { type: 'export.run', actor: alice, at: at(20) },
    ]);
    const exportEffect = effectsOf(run.actions).find((e) => e.type === 'logs.export');
    expect(exportEffect?.params).toEqual({ since: '2025-03-02T01:00:00.000Z', until: '2025-03-03T02:20:00.000Z', tag: 'export:1' });

    const exported = send(run.snapshot, { type: 'export.succeeded', files: exportedFiles, tag: 'export:1', at: at(22) });
    const ctx = exported.snapshot.context;
    expect(ctx.steps.map((s) => s.state)).toEqual(['done', 'done', 'done', 'done', 'done', 'done', 'done', 'done']);
    expect(ctx.steps[0]?.doneBy).toEqual(carol);
    expect(ctx.steps[2]?.notes.at(-1)).toBe('bg1@contoso.onmicrosoft.com chosen by Alice Admin, confirmed by Bob Builder');
    expect(ctx.steps[3]?.notes.at(-1)).toBe('Support case 2503030040001234');
    expect(ctx.steps[5]?.notes.at(-1)).toBe('No federated domains (2 checked): nothing to switch');
    expect(ctx.supportCase).toEqual({ reference: '2503030040001234', by: alice, at: at(2) });
    expect(notices(exported.actions, 'export-result')).toHaveLength(1);

    const closed = send(exported.snapshot, { type: 'close', summary: 'CA policy reverted, admins back in', actor: alice, at: at(40) });
    expect(closed.snapshot.value).toBe('closed');
    expect(notices(closed.actions, 'report')).toHaveLength(1);
    expect(timers(closed.actions)).toEqual([]);

    const report = buildCloseReport(closed.snapshot.context);
    expect(report.openSteps).toEqual([]);
    expect(report.durationMs).toBe(40 * 60_000);
    expect(report.closingSummary).toBe('CA policy reverted, admins back in');
    expect(report.steps.find((s) => s.n === 1)).toMatchObject({ doneBy: 'Carol Manager', tookMs: 3 * 60_000 });
    expect(report.people.map((p) => p.name)).toEqual(['Alice Admin', 'Carol Manager', 'Bob Builder']);
    expect(report.findings).toContain('2 × error 50126 (wrong user name or password): adm-alex@contoso.com');
    expect(report.findings.some((f) => f.includes('INC-7-signins.jsonl (412 records'))).toBe(true);
    expect(report.followUps).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Rotate the credential of bg1@contoso.onmicrosoft.com'),
        expect.stringContaining('Review every action taken with bg1@contoso.onmicrosoft.com'),
        expect.stringContaining('Validate the response plan'),
      ]),
    );
  });

  it('keeps a timeline entry with actor and time for every change', () => {
    const { snapshot } = startIncident();
    const run = sendAll(snapshot, [
      { type: 'note.add', text: 'CA policy "Require compliant device" edited at 01:52', actor: bob, at: at(1) },
      { type: 'step.assign', step: 7, assignee: bob, actor: alice, at: at(2) },
    ]);
    expect(run.snapshot.context.timeline.slice(-2)).toEqual([
      { at: at(1), actor: bob, text: 'Note: CA policy "Require compliant device" edited at 01:52' },
      { at: at(2), actor: alice, step: 7, text: 'Assigned step 7 to Bob Builder' },
    ]);
  });

  it('keeps the timeline bounded while counting what it dropped', () => {
    const { snapshot } = startIncident();
    const notes = Array.from({ length: 210 }, (_, i) => ({ type: 'note.add' as const, text: `note ${i}`, actor: bob, at: at(1) }));
    const ctx = sendAll(snapshot, notes).snapshot.context;
    expect(ctx.timeline).toHaveLength(200);
    expect(ctx.timeline.at(-1)?.text).toBe('Note: note 209');
    expect(ctx.timelineDropped + ctx.timeline.length).toBe(210 + 2); // start + first page + the notes
  });

  it('reopens a closed incident and resumes its timers', () => {
    const { snapshot } = startIncident();
    const closed = send(snapshot, { type: 'close', actor: alice, at: at(5) });
    // Leaving the open state cancels the paging, stall and mailbox timers the runtime persisted.
    expect(cancelled(closed.actions)).toEqual(expect.arrayContaining(['ackTimeout', 'stallTimeout', 'mailboxReminder']));
    expect(send(closed.snapshot, { type: 'step.done', step: 2, actor: alice, at: at(6) }).actions).toEqual([]);

    const reopened = send(closed.snapshot, { type: 'reopen', actor: bob, at: at(10) });
    expect(reopened.snapshot.value).toEqual({ open: { paging: 'waiting', stall: 'watching', mailbox: 'reminding' } });
    expect(reopened.snapshot.context.reopenings).toEqual([{ at: at(10), by: bob }]);
    expect(notices(reopened.actions, 'incident-update')[0]?.data).toEqual({ change: 'reopened', by: 'Bob Builder' });
    expect(timers(reopened.actions).map((t) => t.id.split('.')[2])).toEqual(expect.arrayContaining(['ackTimeout', 'stallTimeout', 'mailboxReminder']));
  });

  it('ends an emergency account use at close and resumes it on reopen', () => {
    const { snapshot } = startIncident();
    const used = sendAll(snapshot, [
      { type: 'checkout.request', upn: 'bg2@contoso.onmicrosoft.com', actor: alice, at: at(5) },
      { type: 'checkout.confirm', actor: bob, at: at(6) },
      { type: 'close', actor: alice, at: at(30) },
    ]);
    expect(used.snapshot.context.emergencyUse).toEqual([{ upn: 'bg2@contoso.onmicrosoft.com', since: at(6), until: at(30), requestedBy: alice, confirmedBy: bob }]);
    const reopened = send(used.snapshot, { type: 'reopen', actor: alice, at: at(31) });
    expect(reopened.snapshot.context.emergencyUse[0]?.until).toBeUndefined();
  });

  it('hands the incident to a new commander', () => {
    const { snapshot } = startIncident();
    const next = send(snapshot, { type: 'commander.set', commander: bob, actor: alice, at: at(3) });
    expect(next.snapshot.context.commander).toEqual(bob);
    expect(send(next.snapshot, { type: 'commander.set', commander: bob, actor: alice, at: at(4) }).actions).toEqual([]);
  });
});
