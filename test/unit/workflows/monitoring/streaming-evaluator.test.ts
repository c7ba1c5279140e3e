import fc from 'fast-check';
import type { DirectoryAudit, SignIn } from '../../../../workflows/graph-records';
import { buildRuleContext } from '../../../../workflows/monitoring/context';
import { groupFindings } from '../../../../workflows/monitoring/group-findings';
import { runAllRules } from '../../../../workflows/monitoring/run-all-rules';
import { createStreamingEvaluator } from '../../../../workflows/monitoring/streaming-evaluator';
import type { Finding } from '../../../../workflows/monitoring/finding';
import { ADMIN, ADMIN_NO_PREFIX, audit, BREAK_GLASS, failedSignIn, signIn, USER } from '../../../fixtures/signins/build-records';
import { baseContext } from './test-context';

/** A busy night: a spray, MFA fatigue, break-glass use, ordinary traffic and directory changes. */
function night(): { signIns: SignIn[]; audits: DirectoryAudit[] } {
  const t0 = Date.parse('2026-03-03T01:00:00Z');
  const at = (min: number) => new Date(t0 + min * 60_000).toISOString();
  const signIns: SignIn[] = [];
  for (let i = 0; i < 40; i++) signIns.push(failedSignIn(50126, { createdDateTime: at(i * 3), ipAddress: `198.51.100.${i % 7}`, location: { countryOrRegion: 'RU' } }));
  for (let i = 0; i < 6; i++) signIns.push(failedSignIn(500121, { createdDateTime: at(100 + i), status: { additionalDetails: 'MFA denied; user declined the authentication' } }));
  signIns.push(failedSignIn(53003, { user: ADMIN_NO_PREFIX, createdDateTime: at(7) }));
  signIns.push(signIn({ user: BREAK_GLASS, createdDateTime: at(30) }));
  signIns.push(signIn({ createdDateTime: at(200), clientAppUsed: 'IMAP4', riskLevelDuringSignIn: 'high', riskState: 'atRisk' }));
  for (let i = 0; i < 300; i++) signIns.push(failedSignIn(i % 3 ? 0 : 50126, { user: { upn: `user${i % 17}@contoso.com`, id: `u-${i % 17}` }, createdDateTime: at(i) }));
  const audits = [
    audit({ activity: 'Add user', target: { upn: 'mallory@contoso.com', id: 'm-1' }, at: at(50) }),
    audit({ activity: 'Add member to role outside of PIM (permanent)', service: 'PIM', target: { upn: 'mallory@contoso.com', id: 'm-1' }, role: 'Global Administrator', at: at(52) }),
    audit({ activity: 'Update role setting in PIM', service: 'PIM', role: 'Global Administrator', resultReason: 'MFA on activation disabled', at: at(55) }),
    audit({ activity: 'Reset user password', target: BREAK_GLASS, at: at(60) }),
    audit({ activity: 'Add member to role completed (PIM activation)', service: 'PIM', target: ADMIN, by: ADMIN, role: 'Global Administrator', at: at(61) }),
    audit({ activity: 'User registered security info', service: 'Authentication Methods', target: USER, at: at(62) }),
  ];
  return { signIns, audits };
}

const ctx = buildRuleContext(baseContext);

const normalise = (fs: Finding[]) => [...fs].sort((a, b) => (a.when + a.ruleId + a.recordIds[0]).localeCompare(b.when + b.ruleId + b.recordIds[0]));

function streamed(signIns: readonly SignIn[], audits: readonly DirectoryAudit[], pageSize: number, mode: 'collect' | 'callback'): Finding[] {
  const got: Finding[] = [];
  const ev = createStreamingEvaluator(ctx, mode === 'callback' ? { onFinding: (f) => got.push(f) } : {});
  for (let i = 0; i < Math.max(signIns.length, audits.length); i += pageSize) {
    ev.addSignIns(signIns.slice(i, i + pageSize));
    for (const a of audits.slice(i, i + pageSize)) ev.addAudit(a);
  }
  const rest = ev.finish();
  return normalise(mode === 'callback' ? got : rest);
}

describe('streaming evaluator', () => {
  const { signIns, audits } = night();
  const batch = normalise(runAllRules(signIns, audits, ctx));

  it('finds what the batch run finds on the busy night', () => {
    expect(new Set(batch.map((f) => f.ruleId))).toEqual(
      new Set([
        'signin.bad-password-threshold',
        'signin.unapproved-location',
        'signin.mfa-denied',
        'signin.ca-blocked',
        'signin.naming-policy',
        'emergency.sign-in',
        'signin.legacy-protocol',
        'signin.identity-protection-risk',
        'signin.outside-working-hours',
        'audit.role-assigned-outside-pim',
        'audit.privileged-account-created',
        'audit.pim-settings-changed',
        'emergency.password-change',
        'audit.pim-activation',
      ]),
    );
    expect(streamed(signIns, audits, 1000, 'collect')).toEqual(batch);
  });

  it('gives the same findings for any page size, record order and delivery mode', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 120 }), fc.boolean(), fc.constantFrom<'collect' | 'callback'>('collect', 'callback'), (pageSize, reverse, mode) => {
        const s = reverse ? [...signIns].reverse() : signIns;
        const a = reverse ? [...audits].reverse() : audits;
        expect(streamed(s, a, pageSize, mode)).toEqual(batch);
      }),
      { numRuns: 40 },
    );
  });

  it('counts records and findings, and refuses to be finished twice', () => {
    const ev = createStreamingEvaluator(ctx);
    ev.addSignIns(signIns);
    ev.addAudits(audits);
    const out = ev.finish();
    expect(ev.stats).toEqual({ signIns: signIns.length, audits: audits.length, findings: out.length });
    expect(() => ev.finish()).toThrow('already finished');
  });

  it('groups repeats of one pattern into one line', () => {
    const groups = groupFindings(batch);
    const denied = groups.find((g) => g.ruleId === 'signin.mfa-denied');
    expect(denied).toMatchObject({ count: 6, recordCount: 6, subject: ADMIN.upn });
    expect(groups[0]?.emergencyAccount).toBe(true);
    expect(groups.length).toBeLessThan(batch.length);
  });
});
