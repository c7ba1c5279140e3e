import { ODataError, evaluateFilter, filterPaths, parseFilter } from '../../../sim/odata-filter';

const signIn = {
  id: 'a1',
  createdDateTime: '2026-01-07T14:00:00Z',
  userId: '965ef773-c2b2-5060-bd03-60e9036bc41b',
  userPrincipalName: 'adm-alice@contoso.com',
  clientAppUsed: 'IMAP4',
  isInteractive: true,
  status: { errorCode: 50126, failureReason: 'Invalid username or password', additionalDetails: null },
  location: { countryOrRegion: 'RU', city: 'Moscow' },
  signInEventTypes: ['interactiveUser'],
  proxyAddresses: ['SMTP:Alice@contoso.com'],
};

const matches = (filter: string, record: object = signIn) => evaluateFilter(parseFilter(filter), record);

describe('OData $filter evaluation', () => {
  it.each([
    ['status/errorCode eq 50126', true],
    ['status/errorCode ne 50126', false],
    ['status/errorCode gt 50000 and status/errorCode lt 60000', true],
    ['status/errorCode ge 50126 and status/errorCode le 50126', true],
    ["createdDateTime ge 2026-01-07T13:00:00Z and createdDateTime le 2026-01-07T14:00:00.000Z", true],
    ['createdDateTime gt 2026-01-07T14:00:00Z', false],
    ["userPrincipalName eq 'ADM-ALICE@CONTOSO.COM'", true],
    ["startswith(userPrincipalName, 'adm-')", true],
    ["startswith(userPrincipalName,'erin')", false],
    ["location/countryOrRegion eq 'RU' or location/countryOrRegion eq 'BR'", true],
    ["(status/errorCode eq 53003 or status/errorCode eq 50126) and clientAppUsed eq 'IMAP4'", true],
    ["status/errorCode eq 53003 or status/errorCode eq 50126 and clientAppUsed eq 'Browser'", false],
    ["not (clientAppUsed eq 'Browser')", true],
    ['status/additionalDetails eq null', true],
    ["signInEventTypes/any(t: t eq 'nonInteractiveUser')", false],
    ["signInEventTypes/any(t: t eq 'interactiveUser')", true],
    ["proxyAddresses/any(x:x eq 'smtp:alice@contoso.com')", true],
    ["userId in ('x', '965ef773-c2b2-5060-bd03-60e9036bc41b')", true],
    ['userId eq 965ef773-c2b2-5060-bd03-60e9036bc41b', true],
    ['isInteractive eq true', true],
    ["location/city eq 'Moscow' and missing/deep/path eq 'x'", false],
    ["status/errorCode eq '50126'", false],
  ])('%s -> %s', (filter, expected) => {
    expect(matches(filter)).toBe(expected);
  });

  it('reads doubled quotes inside strings', () => {
    expect(matches("displayName eq 'O''Brien'", { displayName: "O'Brien" })).toBe(true);
  });

  it('reports the properties a filter reads, lambda variables resolved', () => {
    expect(filterPaths(parseFilter("status/errorCode eq 1 and signInEventTypes/any(t: t eq 'x') and startswith(userPrincipalName,'a')"))).toEqual([
      'status/errorCode',
      'signInEventTypes',
      'signInEventTypes',
      'userPrincipalName',
    ]);
  });

  it.each(["userId eq 'unterminated", 'status/errorCode eq', '(a eq 1', 'a eq 1)', 'frobnicate(a)', 'a 1', ''])('rejects malformed filter %p', (filter) => {
    expect(() => parseFilter(filter)).toThrow(ODataError);
  });
});
