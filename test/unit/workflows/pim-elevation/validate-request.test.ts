import type { RoleDefinition, RolePolicySummary, RoleScheduleInstance } from '../../../../workflows/graph-records';
import { validateElevationRequest, type ValidationInput, type ValidationResult } from '../../../../workflows/pim-elevation/validate-request';

const NOW = Date.parse('2026-03-02T03:00:00Z');
const ALICE = '11111111-1111-4111-8111-111111111111';
const GA: RoleDefinition = { id: '62e90394-69f5-4237-9190-012177145e10', displayName: 'Global Administrator', templateId: '62e90394-69f5-4237-9190-012177145e10', isBuiltIn: true };
const SEC: RoleDefinition = { id: '194ae4cb-b126-40b2-bd5b-6091b380977d', displayName: 'Security Administrator', isBuiltIn: true };
const H = 3_600_000;

function eligible(role: RoleDefinition, extra: Partial<RoleScheduleInstance> = {}): RoleScheduleInstance {
  return { id: `elig-${role.id}`, principalId: ALICE, roleDefinitionId: role.id, directoryScopeId: '/', startDateTime: '2025-01-01T00:00:00Z', endDateTime: null, memberType: 'Direct', ...extra };
}

function pimPolicy(max: string | null, role = GA): RolePolicySummary {
  return { roleDefinitionId: role.id, maximumActivationDuration: max, requireMfaOnActivation: true, requireJustificationOnActivation: true, requireTicketInfoOnActivation: false, requireApprovalOnActivation: false };
}

function input(overrides: Partial<ValidationInput> = {}): ValidationInput {
  return {
    request: { roleName: 'GA', justification: 'Restore the CA exclusion', ticket: 'INC-1' },
    requesterId: ALICE,
    role: GA,
    policy: { grantMode: 'bot', maxDuration: '1h', approvalsRequired: 1, requireTicket: false },
    pimPolicy: pimPolicy('PT8H'),
    eligibility: [eligible(GA)],
    existing: [],
    at: NOW,
    ...overrides,
  };
}

function problems(result: ValidationResult): string[] {
  return result.ok ? [] : result.problems.map((p) => `${p.rule}: ${p.message}`);
}

describe('validateElevationRequest', () => {
  it('accepts a good request and defaults the duration to the policy maximum', () => {
    const result = validateElevationRequest(input());
    expect(result).toMatchObject({ ok: true, durationMs: H, maxDurationMs: H, role: GA });
  });

  it('keeps a shorter requested duration', () => {
    expect(validateElevationRequest(input({ request: { roleName: 'GA', durationMs: 30 * 60_000, justification: 'x' } }))).toMatchObject({ ok: true, durationMs: 30 * 60_000 });
  });

  it('names a role that does not exist', () => {
    expect(problems(validateElevationRequest(input({ role: undefined, request: { roleName: 'Galactic Admin', justification: 'x' } })))).toEqual([
      'role-unknown: There is no directory role called "Galactic Admin".',
    ]);
  });

  it('refuses a role that is not in the configured policies', () => {
    expect(problems(validateElevationRequest(input({ role: SEC, policy: undefined, eligibility: [eligible(SEC)] })))).toEqual([
      'role-not-allowed: Security Administrator is not a role the bot grants (it is not in elevation.policies).',
    ]);
  });

  it("asks for a ticket when PIM's assignment rules require one, before the approvers are asked", () => {
    const strict = { ...pimPolicy('PT8H'), requireTicketInfoOnAssignment: true };
    const withoutTicket = validateElevationRequest(input({ pimPolicy: strict, request: { roleName: 'GA', justification: 'Restore the CA exclusion' } }));
    expect(problems(withoutTicket)).toEqual(['ticket-missing: PIM requires a ticket for Global Administrator assignments: add "ticket <id>".']);
    expect(validateElevationRequest(input({ pimPolicy: strict }))).toMatchObject({ ok: true });
  });

  it("PIM's activation rules bind bot grants: a ticket when activation needs one, MFA evidence when activation needs MFA", () => {
    const ticketed = { ...pimPolicy('PT8H'), requireTicketInfoOnActivation: true };
    const withoutTicket = validateElevationRequest(input({ pimPolicy: ticketed, request: { roleName: 'GA', justification: 'Restore the CA exclusion' } }));
    expect(problems(withoutTicket)).toEqual([expect.stringMatching(/^ticket-missing: PIM requires a ticket to activate Global Administrator \(rule Enablement_EndUser_Assignment: Ticketing\)/)]);
    expect(validateElevationRequest(input({ pimPolicy: ticketed }))).toMatchObject({ ok: true });

    // MFA on activation: the config window becomes the policy's MFA evidence, unless the policy sets its own or it is 0.
    expect(validateElevationRequest(input({ pimMfaEvidenceMinutes: 60 }))).toMatchObject({ ok: true, policy: { requireRecentMfaMinutes: 60 } });
    expect(validateElevationRequest(input({ pimMfaEvidenceMinutes: 60, policy: { grantMode: 'bot', maxDuration: '1h', approvalsRequired: 1, requireTicket: false, requireRecentMfaMinutes: 15 } }))).toMatchObject({ ok: true, policy: { requireRecentMfaMinutes: 15 } });
    expect(validateElevationRequest(input({ pimMfaEvidenceMinutes: 0 }))).toMatchObject({ ok: true, policy: expect.not.objectContaining({ requireRecentMfaMinutes: expect.anything() }) });
    expect(validateElevationRequest(input({ pimMfaEvidenceMinutes: 60, pimPolicy: { ...pimPolicy('PT8H'), requireMfaOnActivation: false } }))).toMatchObject({ ok: true, policy: expect.not.objectContaining({ requireRecentMfaMinutes: expect.anything() }) });
  });

  it('refuses up front when PIM demands MFA on assignments, which an app-granted role can never satisfy', () => {
    const result = validateElevationRequest(input({ pimPolicy: { ...pimPolicy('PT8H'), requireMfaOnAssignment: true } }));
    expect(problems(result)).toEqual([expect.stringMatching(/^pim-needs-mfa: PIM requires multifactor authentication on Global Administrator assignments/)]);
  });

  it('sends pim-mode roles to PIM instead of granting them', () => {
    const result = validateElevationRequest(input({ policy: { grantMode: 'pim', maxDuration: '1h', approvalsRequired: 1, requireTicket: false } }));
    expect(problems(result)).toEqual([expect.stringMatching(/^granted-in-pim: Global Administrator is approved in PIM/)]);
  });

  it('refuses a requester who is not eligible, or whose eligibility has ended or is for another scope', () => {
    const notEligible = 'not-eligible: You are not eligible for Global Administrator in PIM, so it cannot be granted to you.';
    expect(problems(validateElevationRequest(input({ eligibility: [] })))).toEqual([notEligible]);
    expect(problems(validateElevationRequest(input({ eligibility: [eligible(GA, { endDateTime: '2026-03-01T00:00:00Z' })] })))).toEqual([notEligible]);
    expect(problems(validateElevationRequest(input({ eligibility: [eligible(GA, { directoryScopeId: '/administrativeUnits/au-1' })] })))).toEqual([notEligible]);
    expect(problems(validateElevationRequest(input({ eligibility: [eligible(SEC)] })))).toEqual([notEligible]);
  });

  it('accepts eligibility inherited through a group', () => {
    expect(validateElevationRequest(input({ eligibility: [eligible(GA, { principalId: 'group-1', memberType: 'Group' })] })).ok).toBe(true);
  });

  it('refuses a duration over the policy maximum, saying which limit applied', () => {
    expect(problems(validateElevationRequest(input({ request: { roleName: 'GA', durationMs: 2 * H, justification: 'x' } })))).toEqual([
      "duration-too-long: 2h is longer than Global Administrator may be held: at most 1h (the bot's policy for this role).",
    ]);
  });

  it("takes PIM's maximum when it is smaller than the bot's", () => {
    const result = validateElevationRequest(input({ policy: { grantMode: 'bot', maxDuration: '4h', approvalsRequired: 1, requireTicket: false }, pimPolicy: pimPolicy('PT2H'), request: { roleName: 'GA', durationMs: 3 * H, justification: 'x' } }));
    expect(problems(result)).toEqual(["duration-too-long: 3h is longer than Global Administrator may be held: at most 2h (PIM's maximum for this role)."]);
    expect(validateElevationRequest(input({ policy: { grantMode: 'bot', maxDuration: '4h', approvalsRequired: 1, requireTicket: false }, pimPolicy: pimPolicy('PT2H') }))).toMatchObject({ ok: true, durationMs: 2 * H });
  });

  it('caps Global Administrator at one hour when the policy names no maximum', () => {
    expect(validateElevationRequest(input({ policy: { grantMode: 'bot', approvalsRequired: 1, requireTicket: false } }))).toMatchObject({ ok: true, durationMs: H });
    const sec = validateElevationRequest(input({ role: SEC, eligibility: [eligible(SEC)], policy: { grantMode: 'bot', approvalsRequired: 1, requireTicket: false }, pimPolicy: pimPolicy('PT4H', SEC) }));
    expect(sec).toMatchObject({ ok: true, durationMs: 4 * H });
  });

  it('refuses a zero duration', () => {
    expect(problems(validateElevationRequest(input({ request: { roleName: 'GA', durationMs: 0, justification: 'x' } })))).toEqual([
      'duration-invalid: The duration has to be longer than zero, like 30m or 1h.',
    ]);
  });

  it('needs a justification', () => {
    expect(problems(validateElevationRequest(input({ request: { roleName: 'GA', justification: '   ' } })))).toEqual(['justification-missing: Say why you need it: add "because <reason>".']);
  });

  it('needs a ticket when the policy says so', () => {
    const policy = { grantMode: 'bot' as const, maxDuration: '1h', approvalsRequired: 1, requireTicket: true };
    expect(problems(validateElevationRequest(input({ policy, request: { roleName: 'GA', justification: 'x' } })))).toEqual(['ticket-missing: Global Administrator needs a ticket: add "ticket <id>".']);
    expect(validateElevationRequest(input({ policy })).ok).toBe(true);
  });

  it('refuses a second request while one is pending or active for the same person and role', () => {
    const pending = input({ existing: [{ requestId: 'elev-3', requesterId: ALICE, roleDefinitionId: GA.id, state: 'pending' }] });
    expect(problems(validateElevationRequest(pending))).toEqual(['duplicate: You already have a pending Global Administrator elevation (elev-3).']);
    const active = input({ existing: [{ requestId: 'elev-4', requesterId: ALICE, roleDefinitionId: GA.id, state: 'active' }] });
    expect(problems(validateElevationRequest(active))).toEqual(['duplicate: You already have an active Global Administrator elevation (elev-4).']);
    const someoneElse = input({ existing: [{ requestId: 'elev-5', requesterId: 'other', roleDefinitionId: GA.id, state: 'active' }] });
    expect(validateElevationRequest(someoneElse).ok).toBe(true);
  });

  it('reports every reason the requester can fix at once, so one corrected command goes through', () => {
    const policy = { grantMode: 'bot' as const, maxDuration: '1h', approvalsRequired: 1, requireTicket: true };
    const result = validateElevationRequest(input({ policy, request: { roleName: 'GA', durationMs: 5 * H, justification: '' } }));
    expect(result.ok ? [] : result.problems.map((p) => p.rule)).toEqual(['duration-too-long', 'justification-missing', 'ticket-missing']);
  });

  // One reason per refusal: a reason no retyping fixes is the whole answer, whatever else is wrong.
  it.each([
    ['an unknown role', { role: undefined, request: { roleName: 'Galactic Admin', durationMs: 9 * H, justification: '' } }, 'role-unknown'],
    ['a role the bot does not grant', { role: SEC, policy: undefined, request: { roleName: 'SEC', durationMs: 9 * H, justification: '' } }, 'role-not-allowed'],
    ['a role approved in PIM (Exchange Administrator in the playground)', { policy: { grantMode: 'pim' as const, maxDuration: '1h', approvalsRequired: 1, requireTicket: true }, eligibility: [], request: { roleName: 'GA', durationMs: 9 * H, justification: '' } }, 'granted-in-pim'],
    ['a requester who is not eligible', { eligibility: [], request: { roleName: 'GA', durationMs: 9 * H, justification: '' } }, 'not-eligible'],
    ['a duplicate of an open request', { existing: [{ requestId: 'elev-9', requesterId: ALICE, roleDefinitionId: GA.id, state: 'pending' as const }], request: { roleName: 'GA', durationMs: 9 * H, justification: '' } }, 'duplicate'],
  ])('refuses %s with that one reason', (_what, overrides, rule) => {
    const result = validateElevationRequest(input(overrides as Parameters<typeof input>[0]));
    expect(result.ok ? [] : result.problems.map((p) => p.rule)).toEqual([rule]);
  });
});
