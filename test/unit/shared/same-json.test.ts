import fc from 'fast-check';
import { canonicalJson } from '../../../bot/shared/canonical-json';
import { sameJson } from '../../../bot/shared/same-json';

/** JSON-ish values with what canonicalJson treats specially: undefined members, non-finite numbers, toJSON. */
const value = fc.letrec((tie) => ({
  any: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, undefined, true, false, 0, -0, 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '', 'a', '1', 'é'),
    fc.array(tie('any'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c', '1', '10', 'é'), tie('any'), { maxKeys: 4 }),
    tie('any').map((inner) => ({ toJSON: () => inner })),
  ),
})).any;

/** The same value with every object's keys in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (typeof v !== 'object' || v === null || typeof (v as { toJSON?: unknown }).toJSON === 'function') return v;
  return Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reordered(x)]));
}

describe('sameJson', () => {
  it('agrees with comparing canonicalJson for any two values', () => {
    fc.assert(fc.property(value, value, (a, b) => sameJson(a, b) === (canonicalJson(a) === canonicalJson(b))), { numRuns: 5000 });
  });

  it('agrees for a value and a close variant of it (one member changed, keys reordered)', () => {
    fc.assert(
      fc.property(value, value, fc.constantFrom('a', 'b', 'c'), (a, b, key) => {
        const variant = typeof a === 'object' && a !== null && !Array.isArray(a) ? { ...(reordered(a) as object), [key]: b } : b;
        return sameJson(a, variant) === (canonicalJson(a) === canonicalJson(variant));
      }),
      { numRuns: 5000 },
    );
  });

  it('ignores key order', () => {
    fc.assert(fc.property(value, (a) => sameJson(a, reordered(a))), { numRuns: 2000 });
  });
});
