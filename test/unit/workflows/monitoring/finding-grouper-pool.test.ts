import fc from 'fast-check';
import { createFindingGrouper, foldFinding, type FindingGroup } from '../../../../workflows/monitoring/group-findings';
import type { Finding } from '../../../../workflows/monitoring/finding';

/**
 * The grouper keeps one copy of each repeated string (a memory saving for
 * ~100k groups): what it reports must be exactly what folding the same
 * findings one by one gives.
 */
const finding = fc.record({
  ruleId: fc.constantFrom('signin.mfa-failed', 'signin.lockout'),
  riskLevel: fc.constantFrom('High' as const, 'Medium' as const),
  title: fc.constantFrom('A', 'B'),
  detail: fc.string({ maxLength: 5 }),
  subject: fc.constantFrom('alice@contoso.com', 'bob@contoso.com'),
  emergencyAccount: fc.boolean(),
  when: fc.integer({ min: 0, max: 1e6 }).map((s) => new Date(1.7e12 + s * 1000).toISOString()),
  where: fc.record({ ip: fc.constantFrom('10.0.0.1', '10.0.0.2'), location: fc.constantFrom('Dublin, IE', 'Oslo, NO') }, { requiredKeys: [] }),
  recordIds: fc.array(fc.uuid(), { minLength: 1, maxLength: 2 }),
  recordCount: fc.integer({ min: 1, max: 3 }),
  dedupeKey: fc.constantFrom('k1', 'k2', 'k3'),
}) as fc.Arbitrary<Finding>;

describe('the finding grouper', () => {
  test('reports what folding each finding into its group gives', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 30 }), (findings) => {
        const grouper = createFindingGrouper();
        const folded = new Map<string, FindingGroup>();
        for (const f of findings) {
          grouper.add(f);
          folded.set(f.dedupeKey, foldFinding(folded.get(f.dedupeKey), f));
        }
        const byKey = (gs: FindingGroup[]) => [...gs].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : 1));
        expect(byKey(grouper.groups())).toEqual(byKey([...folded.values()]));
      }),
    );
  });
});
