import { canonicalJson } from '../../../bot/shared/canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('gives the same text however the object was built', () => {
    const one = { actor: 'oid-1', data: { reason: 'outage', step: 2 } };
    const two = { data: { step: 2, reason: 'outage' }, actor: 'oid-1' };
    expect(canonicalJson(one)).toBe(canonicalJson(two));
  });

  it('sorts integer-like keys as text, as an outside verifier would', () => {
    expect(canonicalJson({ '10': 'a', '2': 'b', x: 'c' })).toBe('{"10":"a","2":"b","x":"c"}');
  });

  it('follows JSON for undefined, dates, non-finite numbers and escapes', () => {
    expect(canonicalJson({ a: undefined, b: new Date(0), c: Number.NaN, d: [undefined], e: 'line\n"q"' })).toBe(
      '{"b":"1970-01-01T00:00:00.000Z","c":null,"d":[null],"e":"line\\n\\"q\\""}',
    );
    expect(canonicalJson(undefined)).toBe('null');
  });
});
