import fc from 'fast-check';
import { writeAnalysisJson } from '../../../bot/monitoring/analysis-json-writer';

/**
 * `signins analyze --json` is read by scripts: written piece by piece it must
 * be exactly the text one JSON.stringify(…, null, 2) of the whole answer gives,
 * for any head and any number of groups (batch edges included).
 */
describe('signins analyze --json written group by group', () => {
  const written = (head: Record<string, unknown>, groups: unknown[]) => {
    const pieces: string[] = [];
    writeAnalysisJson((text) => pieces.push(text), head, groups);
    return pieces;
  };

  test('is the same text as stringifying the whole answer at once', () => {
    const head = fc.record({ file: fc.string(), complete: fc.boolean(), signIns: fc.nat(), findings: fc.nat(), format: fc.constantFrom('graph-json', 'csv') });
    const group = fc.record({ dedupeKey: fc.string(), count: fc.nat(), recordIds: fc.array(fc.uuid(), { maxLength: 3 }), where: fc.record({ ip: fc.ipV4() }, { requiredKeys: [] }), detail: fc.string() });
    fc.assert(
      fc.property(head, fc.array(group, { maxLength: 40 }), (h, groups) => {
        expect(written(h, groups).join('')).toBe(`${JSON.stringify({ ...h, groups }, null, 2)}\n`);
      }),
    );
  });

  test.each([0, 1, 499, 500, 501, 1000, 1234])('with %i groups (writes of 500)', (n) => {
    const groups = Array.from({ length: n }, (_, i) => ({ dedupeKey: `rule|user-${i}`, recordIds: [`id-${i}`], where: {} }));
    const head = { file: 'x.jsonl', signIns: n };
    const pieces = written(head, groups);
    expect(pieces.join('')).toBe(`${JSON.stringify({ ...head, groups }, null, 2)}\n`);
    // Never the whole answer in one piece: the head alone first, then batches.
    expect(pieces[0]).not.toContain('rule|user-');
    expect(Math.max(...pieces.map((p) => p.split('"dedupeKey"').length - 1))).toBeLessThanOrEqual(500);
  });
});
