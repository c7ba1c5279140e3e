import { elevationDefinition } from '../../../../bot/messages/elevation/definition';
import { elevationsList } from '../../../../bot/messages/elevation/elevations-list';
import { requestRefusedMessage } from '../../../../bot/messages/elevation/request-refused';
import type { Message } from '../../../../bot/messages/message';
import type { ElevationContext } from '../../../../workflows/pim-elevation/types';
import { ALICE, BOB, GA, HOUR, MIN, T0, activeGrant, approve, baseInput, context, fire, send, start, type Step } from '../../workflows/pim-elevation/elevation-harness';

const views = elevationDefinition.views;

function render(view: string, step: Step | ElevationContext): Message {
  const builder = views[view];
  if (!builder) throw new Error(`no view ${view}`);
  return builder('snapshot' in step ? context(step) : step, undefined);
}

function text(message: Message): string {
  return message.blocks.map((b) => (b.kind === 'text' ? b.text : b.kind === 'facts' ? b.facts.map((f) => `${f.label}: ${f.value}`).join('\n') : '')).join('\n');
}

describe('elevation notices', () => {
  it('outcome DM when granted says until when and how to end it early', () => {
    const m = render('outcome', activeGrant());
    expect(m.header?.title).toBe('You have Global Administrator');
    expect(text(m)).toContain('It is removed automatically at 04:02 UTC. To end it early: revoke elev-7');
  });

  it('outcome DM when denied carries the reason and who', () => {
    const m = render('outcome', send(start(), { type: 'deny', actor: BOB, reason: 'Use the change window', at: T0 + 5 * MIN }));
    expect(m.header).toEqual({ title: 'Your Global Administrator request was denied', tone: 'danger' });
    expect(text(m)).toContain('Denied by Bob Approver at 03:05 UTC: Use the change window.');
  });

  it('outcome DM when Graph refused explains it in words', () => {
    const exists = send(approve(start(), BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.conflict', message: 'RoleAssignmentExists' } });
    expect(render('outcome', exists).header?.title).toBe('You already hold Global Administrator');
    expect(text(render('outcome', exists))).toContain('the person already holds this role in Entra (RoleAssignmentExists)');
    const policy = send(approve(start(), BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.bad_request', message: 'The following policy rules failed: ["ExpirationRule"]' } });
    expect(text(render('outcome', policy))).toContain("the grant failed: PIM's policy for this role refused the request (failed rules: ExpirationRule). Nothing was granted.");
  });

  it('after an outage nobody retried, the outcome does not promise nothing was granted', () => {
    const stalled = send(approve(start(), BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.unavailable', message: '' }, at: T0 + 2 * MIN });
    const gaveUp = fire(stalled, stalled, 'expireAfter');
    expect(context(gaveUp).phase).toBe('grant-failed');
    expect(text(render('outcome', gaveUp))).toContain('Check PIM for a partial grant before asking again.');
    expect(text(render('outcome', gaveUp))).not.toContain('Nothing was granted');
  });

  it('reminder says how long it waited, what it needs, and when it expires', () => {
    const s0 = start();
    const m = render('reminder', fire(s0, s0, 'remindAfter'));
    expect(m.fallbackText).toBe("Alice Requester's request for Global Administrator (1h) has waited 10m for a decision. It needs 1 more approval; approve or deny it on the card. It expires at 03:45 UTC.");
  });

  it('escalation says the manager chain has the card', () => {
    const s0 = start();
    expect(render('escalation', fire(s0, s0, 'escalateAfter')).fallbackText).toBe(
      "No decision on Alice Requester's Global Administrator request after 20m: escalated to the manager chain (2 people), who now have the card.",
    );
  });

  it('request-expired tells everyone nothing was granted', () => {
    const s0 = start();
    expect(render('request-expired', fire(s0, s0, 'expireAfter')).fallbackText).toBe(
      "Alice Requester's Global Administrator request expired at 03:45 UTC without a decision. Nothing was granted.",
    );
  });

  it('assignment-ended and verification: expired, then confirmed gone or an alarm', () => {
    const active = activeGrant();
    const verifying = fire(active, active, 'grantDuration');
    expect(render('assignment-ended', verifying).fallbackText).toBe("Alice Requester's Global Administrator elevation expired at 04:02 UTC. Checking with Microsoft Graph that the assignment is gone.");
    const gone = send(verifying, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [] });
    expect(render('verification', gone).fallbackText).toBe('Confirmed: Alice Requester no longer holds Global Administrator.');
    const present = send(verifying, { type: 'graph.assignmentInstances.succeeded', tag: 'verify', result: [{ id: 'inst-1', principalId: ALICE.id, roleDefinitionId: GA.id, directoryScopeId: '/', endDateTime: '2026-03-02T09:00:00Z' }] });
    const alarm = render('verification', present);
    expect(alarm.header).toEqual({ title: 'ALERT: Global Administrator still assigned', tone: 'danger' });
    expect(text(alarm)).toContain('Assignment inst-1: active, ends 2026-03-02T09:00:00Z');
    expect(alarm.buttons?.map((b) => b.actionId)).toEqual(['elevation.reverify', 'elevation.revoke']);
  });

  it('mfa-needed names the people, marking the reader', () => {
    const waiting = send(approve(start(baseInput({ requireRecentMfaMinutes: 15 })), BOB), { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [ALICE.id, BOB.id] } });
    expect(render('mfa-needed', waiting).fallbackText).toBe(
      'Global Administrator needs a sign-in with MFA within the last 15 minutes from Alice Requester (you) and Bob Approver. Sign in with MFA, then press Re-check MFA on the card.',
    );
  });

  it('error view gives the failure in words and the next step', () => {
    const stalled = send(approve(start(), BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.forbidden', message: 'Authorization_RequestDenied' }, at: T0 + 2 * MIN });
    const m = render('error', stalled);
    expect(m.header?.title).toBe('Could not grant Global Administrator for Alice Requester');
    expect(text(m)).toBe(
      'The bot is missing a Microsoft Graph permission (RoleAssignmentSchedule.ReadWrite.Directory, with admin consent). Press Retry grant on the card; if nobody does, the request gives up at 03:47 UTC.',
    );
    expect(m.context).toContain('graph.forbidden');
  });

  it('every view the machine names exists and renders in every phase', () => {
    const s0 = start();
    const active = activeGrant();
    const steps: Step[] = [s0, fire(s0, s0, 'remindAfter'), fire(s0, s0, 'escalateAfter'), fire(s0, s0, 'expireAfter'), active, fire(active, active, 'grantDuration'), start(baseInput({ mode: 'pim', pim: { requestId: 'p' } }))];
    const named = new Set<string>();
    for (const step of steps) {
      for (const a of step.actions) if (a.type === 'chat.card' || a.type === 'chat.notice') named.add((a.params as { view: string }).view);
      for (const view of Object.keys(views)) expect(render(view, step).fallbackText.length).toBeGreaterThan(0);
    }
    for (const view of named) expect(Object.keys(views)).toContain(view);
    expect(elevationDefinition.kind).toBe('pim-elevation');
  });
});

describe('elevations list', () => {
  it('lists active and pending requests with the time each has left', () => {
    const pending = context(approve(start(baseInput({ requestId: 'elev-8', approvalsRequired: 2 })), BOB));
    const active = context(activeGrant());
    const closed = context(send(start(baseInput({ requestId: 'elev-9' })), { type: 'deny', actor: BOB, reason: 'no', at: T0 }));
    const m = elevationsList([closed, pending, active], T0 + 30 * MIN);
    expect(text(m)).toBe(
      [
        'Active (1)',
        'elev-7: Global Administrator for Alice Requester: active, 32m left (until 04:02 UTC)',
        'Pending (1)',
        'elev-8: Global Administrator for Alice Requester: waiting for approval (1 of 2: Bob Approver); 15m left (until 03:45 UTC) to decide',
      ].join('\n'),
    );
    expect(m.fallbackText).toBe('1 active, 1 pending elevation.');
    expect(m.context).toBe('As of 03:30 UTC');
  });

  it('shows the 15 that have waited longest of a long list and counts the rest', () => {
    const many = Array.from({ length: 40 }, (_, i) => context(start(baseInput({ requestId: `elev-${100 + i}`, requestedAt: T0 + i * MIN }))));
    const lines = text(elevationsList(many.reverse(), T0 + HOUR)).split('\n');
    expect(lines[0]).toBe('Pending (40)');
    expect(lines.slice(1, 16).map((l) => l.split(':')[0])).toEqual(Array.from({ length: 15 }, (_, i) => `elev-${100 + i}`));
    expect(lines.slice(16)).toEqual(['…and 25 more, newer than these.']);
  });

  it('says so when there is nothing', () => {
    expect(text(elevationsList([], T0 + HOUR))).toBe('No pending or active elevations.');
  });
});

describe('request refused', () => {
  it('lists every reason on its own line', () => {
    const m = requestRefusedMessage('GA', [
      { rule: 'not-eligible', message: 'You are not eligible for Global Administrator in PIM, so it cannot be granted to you.' },
      { rule: 'justification-missing', message: 'Say why you need it: add "because <reason>".' },
    ]);
    expect(m.blocks).toHaveLength(2);
    expect(m.header?.title).toBe('Elevation to GA not requested');
  });
});
