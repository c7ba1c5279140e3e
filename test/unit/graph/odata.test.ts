import { and, anyOf, dateTime, quote } from '../../../adapters/graph/odata';
import { evaluateFilter, parseFilter } from '../../../sim';
import { retryAfterMs } from '../../../adapters/graph/retry-after';

describe('building OData filters safely', () => {
  it("doubles quotes so a name cannot end the literal (O'Brien, or an injection attempt)", () => {
    expect(quote("O'Brien")).toBe("'O''Brien'");
    const hostile = "x' or userPrincipalName ne 'x";
    const filter = `userPrincipalName eq ${quote(hostile)}`;
    expect(evaluateFilter(parseFilter(filter), { userPrincipalName: 'someone@contoso.com' })).toBe(false);
    expect(evaluateFilter(parseFilter(filter), { userPrincipalName: hostile })).toBe(true);
  });

  it('joins parts and user lists', () => {
    expect(and('a eq 1', undefined, '', 'b eq 2')).toBe('a eq 1 and b eq 2');
    expect(anyOf('userId', ['u1', 'u2'])).toBe("(userId eq 'u1' or userId eq 'u2')");
    expect(anyOf('userId', [])).toBeUndefined();
    expect(dateTime('2026-01-07T15:00:00+01:00')).toBe('2026-01-07T14:00:00.000Z');
    expect(() => dateTime('yesterday')).toThrow();
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(retryAfterMs('7', 0)).toBe(7_000);
    expect(retryAfterMs('Thu, 01 Jan 1970 00:00:10 GMT', 4_000)).toBe(6_000);
    expect(retryAfterMs('soon', 0)).toBeUndefined();
    expect(retryAfterMs(null, 0)).toBeUndefined();
  });
});
