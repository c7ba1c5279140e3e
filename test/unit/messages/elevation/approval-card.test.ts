import { approvalCard } from '../../../../bot/messages/elevation/approval-card';
import type { Message } from '../../../../bot/messages/message';
import { PIM_APPROVAL_URL } from '../../../../workflows/pim-elevation/pim-links';
import { ALICE, BOB, CAROL, DAN, MIN, T0, activeGrant, approve, baseInput, context, fire, send, start } from '../../workflows/pim-elevation/elevation-harness';

function text(message: Message): string {
  return message.blocks
    .map((b) => (b.kind === 'text' ? b.text : b.kind === 'facts' ? b.facts.map((f) => `${f.label}: ${f.value}`).join('\n') : ''))
    .join('\n');
}

const approvers = { copy: 'approvers' };

describe('elevation approval card', () => {
  it('shows the request, the risk context and Approve/Deny for approvers only (never the requester)', () => {
    const card = approvalCard(context(start()), approvers);
    // Failures, an MFA denial and a new location: the card is red and the risk leads.
    expect(card.header).toEqual({ title: 'Global Administrator for Alice Requester (1h)', tone: 'danger' });
    const body = text(card);
    expect(body).toContain('Requester: Alice Requester');
    expect(body).toContain('Role: Global Administrator');
    expect(body).toContain('Duration: 1h');
    expect(body).toContain('Justification: Restore the break-glass CA exclusion');
    expect(body).toContain('Ticket: INC-42');
    expect(body).toContain('Approvals: 0 of 1');
    expect(body).toContain('⚠ RISK, review before approving. Sign-in risk, last 24h: 3 failed sign-ins, 1 MFA denial, new locations: Lagos, NG.');
    expect(body).toContain('Waiting for 1 more approval; expires at 03:45 UTC if nobody decides.');
    expect(card.buttons?.map((b) => b.actionId)).toEqual(['elevation.approve', 'elevation.deny']);
    for (const b of card.buttons ?? []) {
      expect(b.value).toBe('elev-7');
      expect(b.visibleTo).toEqual([BOB.id, CAROL.id, DAN.id]);
    }
    expect(card.buttons?.[1]?.input).toMatchObject({ id: 'reason', required: true });
    expect(card.context).toBe('Request elev-7 · requested 03:00 UTC');
    expect(card.fallbackText).toContain('Alice Requester asks for Global Administrator');
  });

  it("gives the requester's copy a Withdraw button and no Approve", () => {
    const card = approvalCard(context(start()), { copy: 'requester' });
    expect(card.buttons).toEqual([{ actionId: 'elevation.withdraw', label: 'Withdraw', value: 'elev-7', visibleTo: [ALICE.id] }]);
  });

  it('says when the logs show nothing unusual, and when they could not be read', () => {
    const quiet = baseInput({ riskContext: { lookbackMs: 24 * 60 * MIN, recentFailures: 0, mfaDenials: 0, newLocations: [] } });
    expect(text(approvalCard(context(start(quiet)), approvers))).toContain('nothing unusual');
    expect(text(approvalCard(context(start(baseInput({ riskContext: undefined }))), approvers))).toContain('Sign-in risk: not available');
  });

  it('keeps user text as plain text in the model (renderers escape it)', () => {
    const card = approvalCard(context(start(baseInput({ justification: '<!channel> see <https://evil.example|here>' }))), approvers);
    expect(text(card)).toContain('Justification: <!channel> see <https://evil.example|here>');
    expect(card.blocks.some((b) => b.kind === 'link')).toBe(false);
    expect(card.buttons?.some((b) => b.url)).toBe(false);
  });

  it('after 1 of 2 approvals, shows who approved and keeps the buttons', () => {
    const one = approve(start(baseInput({ approvalsRequired: 2 })), BOB);
    const card = approvalCard(context(one), approvers);
    expect(text(card)).toContain('Approvals: 1 of 2: Bob Approver');
    expect(text(card)).toContain('Waiting for 1 more approval');
    expect(card.buttons?.map((b) => b.actionId)).toEqual(['elevation.approve', 'elevation.deny']);
  });

  it('once granted: buttons gone, decision and who shown, Revoke offered', () => {
    const card = approvalCard(context(activeGrant()), approvers);
    expect(card.header?.tone).toBe('good');
    expect(text(card)).toContain('Approved by Bob Approver at 03:01 UTC; active until 04:02 UTC.');
    expect(card.buttons?.map((b) => b.actionId)).toEqual(['elevation.revoke']);
  });

  it('once denied: no buttons on any copy, the reason and who shown', () => {
    const denied = context(send(start(), { type: 'deny', actor: BOB, reason: 'No change ticket', at: T0 + 5 * MIN }));
    for (const copy of ['approvers', 'requester', 'manager']) {
      const card = approvalCard(denied, { copy });
      expect(card.buttons).toEqual([]);
      expect(text(card)).toContain('Denied by Bob Approver at 03:05 UTC: No change ticket.');
      expect(card.header?.tone).toBe('danger');
    }
  });

  it('after T3: says it expired and nothing was granted', () => {
    const s0 = start();
    const card = approvalCard(context(fire(s0, s0, 'expireAfter')), approvers);
    expect(card.buttons).toEqual([]);
    expect(text(card)).toContain('Expired at 03:45 UTC without a decision. Nothing was granted.');
  });

  it("the managers' copy explains why they got it", () => {
    const s0 = start();
    const card = approvalCard(context(fire(s0, s0, 'escalateAfter')), { copy: 'manager' });
    expect(text(card)).toContain('Escalated to you at 03:20 UTC: no approver has decided yet.');
  });

  it('in pim mode links to the PIM approval page instead of Approve/Deny', () => {
    const card = approvalCard(context(start(baseInput({ mode: 'pim', pim: { requestId: 'pim-9' } }))), approvers);
    expect(card.buttons).toEqual([{ actionId: 'elevation.open-pim', label: 'Open in PIM', value: 'elev-7', url: PIM_APPROVAL_URL, visibleTo: [BOB.id, CAROL.id, DAN.id] }]);
    expect(text(card)).toContain('Approvals: decided in PIM');
    expect(card.context).toContain('PIM request pim-9');
  });

  it('while waiting for MFA says who still needs it and offers a re-check', () => {
    const mfa = send(approve(start(baseInput({ requireRecentMfaMinutes: 15 })), BOB), { type: 'graph.recentMfa.succeeded', tag: 'mfa', result: { missing: [ALICE.id, BOB.id] } });
    const card = approvalCard(context(mfa), approvers);
    expect(text(card)).toContain('waiting for an MFA sign-in (within 15 min) from Alice Requester and Bob Approver');
    expect(card.buttons).toEqual([{ actionId: 'elevation.recheck-mfa', label: 'Re-check MFA', value: 'elev-7', visibleTo: [ALICE.id, BOB.id] }]);
  });

  it('shows a grant failure in words with Retry', () => {
    const stalled = send(approve(start(), BOB), { type: 'graph.createAssignmentRequest.failed', tag: 'grant', error: { code: 'graph.throttled', message: 'Too many requests' }, at: T0 + 2 * MIN });
    const card = approvalCard(context(stalled), approvers);
    expect(text(card)).toContain('the grant failed: Microsoft Graph asked the bot to slow down; try again in a minute. Retry, or it gives up at 03:47 UTC.');
    expect(card.buttons?.map((b) => b.actionId)).toEqual(['elevation.retry', 'elevation.revoke']);
  });

  it('raises the alarm on the card when the role is still assigned after the end', () => {
    const active = activeGrant();
    const alarm = send(fire(active, active, 'grantDuration'), {
      type: 'graph.assignmentInstances.succeeded',
      tag: 'verify',
      result: [{ id: 'inst-9', principalId: ALICE.id, roleDefinitionId: context(active).role.id, directoryScopeId: '/', endDateTime: null, assignmentType: 'Assigned' }],
    });
    const card = approvalCard(context(alarm), approvers);
    expect(card.header?.tone).toBe('danger');
    expect(text(card)).toContain('ALERT: Alice Requester still holds Global Administrator after the elevation ended.');
    expect(text(card)).toContain('Assignment inst-9: Assigned, no end date');
    expect(card.buttons?.map((b) => b.actionId)).toEqual(['elevation.reverify', 'elevation.revoke']);
  });
});
