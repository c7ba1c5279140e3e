import { SIGN_IN_LAG_NOTE, hasFindings, summarizeSignIns } from '../../../../workflows/break-glass/sign-in-summary';
import { signIn } from './fixtures';

const window = { since: '2025-03-02T02:00:00Z', until: '2025-03-03T02:00:00Z' };

describe('summarizeSignIns', () => {
  it('groups failures by error code with the meaning in words, most frequent first', () => {
    const s = summarizeSignIns(
      [
        signIn({ code: 50126, upn: 'adm-a@contoso.com' }),
        signIn({ code: 50126, upn: 'adm-b@contoso.com' }),
        signIn({ code: 50126, upn: 'adm-a@contoso.com' }),
        signIn({ code: 53003 }),
        signIn({ code: 50074 }),
        signIn({ code: 500121 }),
        signIn({ code: 50053 }),
        signIn({ code: 50057 }),
        signIn({ code: 90099, status: { errorCode: 90099, failureReason: 'Application has not been authorized.' } }),
        signIn(),
      ],
      window,
    );
    expect(s).toMatchObject({ total: 10, failed: 9, succeeded: 1 });
    expect(s.failuresByCode[0]).toEqual({ code: 50126, meaning: 'wrong user name or password', count: 3, users: ['adm-a@contoso.com', 'adm-b@contoso.com'] });
    const meanings = Object.fromEntries(s.failuresByCode.map((f) => [f.code, f.meaning]));
    expect(meanings).toMatchObject({
      53003: 'blocked by Conditional Access',
      50074: 'MFA required but not completed (interrupted)',
      500121: 'MFA failed during the strong authentication request',
      50053: 'account locked after too many attempts',
      50057: 'account disabled',
      90099: 'Application has not been authorized.',
    });
  });

  it('finds MFA denials from the status or the authentication details', () => {
    const s = summarizeSignIns(
      [
        signIn({ code: 500121, upn: 'adm-a@contoso.com', status: { errorCode: 500121, additionalDetails: 'MFA denied; user declined the authentication' } }),
        signIn({ code: 500121, upn: 'adm-b@contoso.com', authenticationDetails: [{ succeeded: false, authenticationStepResultDetail: 'MFA denied; user reported fraud' }] }),
        signIn({ code: 500121, upn: 'adm-c@contoso.com' }),
      ],
      window,
    );
    expect(s.mfaDenied).toEqual({ count: 2, users: ['adm-a@contoso.com', 'adm-b@contoso.com'] });
  });

  it('flags countries outside the allowed list, or outside the user’s usual one', () => {
    const records = [signIn({ country: 'DE' }), signIn({ country: 'DE' }), signIn({ country: 'RU' })];
    expect(summarizeSignIns(records, window).newCountries).toEqual([{ user: 'adm-alex@contoso.com', country: 'RU', count: 1 }]);
    expect(summarizeSignIns(records, { ...window, allowedCountries: ['ru'] }).newCountries).toEqual([{ user: 'adm-alex@contoso.com', country: 'DE', count: 2 }]);
  });

  it('flags successful sign-ins outside working hours in the configured time zone', () => {
    const hours = { start: '08:00', end: '18:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] };
    const s = summarizeSignIns(
      [
        signIn({ when: '2025-03-03T02:30:00Z' }), // 03:30 Berlin, Monday: outside
        signIn({ when: '2025-03-03T09:00:00Z' }), // 10:00 Berlin: inside
        signIn({ when: '2025-03-03T02:31:00Z', code: 50126 }), // failures are counted elsewhere
      ],
      { ...window, workingHours: hours },
    );
    expect(s.outsideWorkingHours).toEqual({ checked: true, count: 1, items: [{ user: 'adm-alex@contoso.com', at: '2025-03-03T02:30:00Z', country: 'DE' }] });
    expect(summarizeSignIns([signIn()], window).outsideWorkingHours.checked).toBe(false);
  });

  it('lists legacy protocols and risky sign-ins, and emergency account activity', () => {
    const s = summarizeSignIns(
      [
        signIn({ clientAppUsed: 'IMAP4' }),
        signIn({ clientAppUsed: 'IMAP4' }),
        signIn({ clientAppUsed: 'Mobile Apps and Desktop clients' }),
        signIn({ riskLevelDuringSignIn: 'high', riskState: 'atRisk', when: '2025-03-03T01:00:00Z' }),
        signIn({ upn: 'BG1@contoso.onmicrosoft.com', code: 50126, when: '2025-03-03T01:10:00Z' }),
        signIn({ upn: 'bg1@contoso.onmicrosoft.com', when: '2025-03-03T01:20:00Z' }),
      ],
      { ...window, emergencyUpns: ['bg1@contoso.onmicrosoft.com'] },
    );
    expect(s.legacyProtocols).toEqual([{ user: 'adm-alex@contoso.com', clientApp: 'IMAP4', count: 2 }]);
    expect(s.risky).toEqual({ count: 1, items: [{ user: 'adm-alex@contoso.com', at: '2025-03-03T01:00:00Z', level: 'high', state: 'atRisk' }] });
    expect(s.emergencyAccounts).toEqual([{ upn: 'bg1@contoso.onmicrosoft.com', count: 2, failed: 1, lastAt: '2025-03-03T01:20:00Z' }]);
  });

  it('always says that reports lag, and that a quiet window has no findings', () => {
    const s = summarizeSignIns([signIn()], window);
    expect(s.lagNote).toBe(SIGN_IN_LAG_NOTE);
    expect(s.lagNote).toMatch(/minutes late/);
    expect(hasFindings(s)).toBe(false);
    expect(hasFindings(summarizeSignIns([signIn({ code: 50126 })], window))).toBe(true);
  });

  it('"new country" only for a successful sign-in; failed attempts from a new country are counted apart', () => {
    const records = [
      signIn({ code: 0, upn: 'adm-alex@contoso.com', country: 'DE' }),
      ...Array.from({ length: 7 }, () => signIn({ code: 50126, upn: 'adm-alex@contoso.com', country: 'RU' })),
    ];
    const s = summarizeSignIns(records, window);
    expect(s.newCountries).toEqual([]);
    expect(s.failedFromNewCountries).toEqual([{ user: 'adm-alex@contoso.com', country: 'RU', count: 7 }]);
  });

  it('bounds every list so the result fits in a workflow event', () => {
    const many = Array.from({ length: 40 }, (_, i) => signIn({ code: 50126, upn: `adm-${i}@contoso.com`, country: `C${i % 26}` }));
    const s = summarizeSignIns(many, { ...window, maxItems: 5, allowedCountries: ['DE'] });
    expect(s.failuresByCode[0]?.users).toHaveLength(5);
    expect(s.failuresByCode[0]?.count).toBe(40);
    // All 40 failed: "new country" is kept for successful sign-ins, the attempts are counted apart.
    expect(s.newCountries).toEqual([]);
    expect(s.failedFromNewCountries).toHaveLength(5);
    expect(JSON.parse(JSON.stringify(s))).toEqual(s);
  });
});
