import { badPasswordThreshold } from '../../../../workflows/monitoring/rules/signin-bad-password-threshold';
import { caBlocked } from '../../../../workflows/monitoring/rules/signin-ca-blocked';
import { disabledAccount } from '../../../../workflows/monitoring/rules/signin-disabled-account';
import { identityProtectionRisk } from '../../../../workflows/monitoring/rules/signin-identity-protection-risk';
import { legacyProtocol } from '../../../../workflows/monitoring/rules/signin-legacy-protocol';
import { lockout } from '../../../../workflows/monitoring/rules/signin-lockout';
import { mfaDenied } from '../../../../workflows/monitoring/rules/signin-mfa-denied';
import { mfaFailed } from '../../../../workflows/monitoring/rules/signin-mfa-failed';
import { mfaInterrupted } from '../../../../workflows/monitoring/rules/signin-mfa-interrupted';
import { namingPolicy } from '../../../../workflows/monitoring/rules/signin-naming-policy';
import { newDeviceOrLocation } from '../../../../workflows/monitoring/rules/signin-new-device-or-location';
import { outsideWorkingHours } from '../../../../workflows/monitoring/rules/signin-outside-working-hours';
import { unapprovedLocation } from '../../../../workflows/monitoring/rules/signin-unapproved-location';
import { ADMIN, ADMIN_NO_PREFIX, BREAK_GLASS, failedSignIn, signIn, USER } from '../../../fixtures/signins/build-records';
import { contextWith, ctx } from './test-context';

const spray = (n: number, user = ADMIN, start = Date.parse('2026-03-03T02:00:00Z'), stepMs = 60_000) =>
  Array.from({ length: n }, (_, i) => failedSignIn(50126, { user, createdDateTime: new Date(start + i * stepMs).toISOString(), ipAddress: `198.51.100.${i + 1}` }));

describe('bad-password threshold (50126)', () => {
  it('alerts once the threshold is reached within the window, with every attempt counted', () => {
    const records = spray(4);
    const [f, ...rest] = badPasswordThreshold.evaluate(records, ctx);
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ ruleId: 'signin.bad-password-threshold', riskLevel: 'High', subject: ADMIN.upn, recordCount: 4, when: records[0]?.createdDateTime, until: records[3]?.createdDateTime });
    expect(f?.recordIds).toEqual(records.map((r) => r.id));
    expect(f?.detail).toContain('4 sign-ins failed');
  });

  it('stays quiet below the threshold, for ordinary users, and when attempts are hours apart', () => {
    expect(badPasswordThreshold.evaluate(spray(2), ctx)).toEqual([]);
    expect(badPasswordThreshold.evaluate(spray(10, USER), ctx)).toEqual([]);
    expect(badPasswordThreshold.evaluate(spray(3, ADMIN, Date.parse('2026-03-03T02:00:00Z'), 2 * 3_600_000), ctx)).toEqual([]);
  });

  it('counts the same whatever order the records arrive in', () => {
    const records = spray(60);
    const forward = badPasswordThreshold.evaluate(records, ctx);
    const backward = badPasswordThreshold.evaluate([...records].reverse(), ctx);
    expect(backward).toEqual(forward);
    expect(forward[0]?.recordIds).toHaveLength(50);
    expect(forward[0]?.recordCount).toBe(60);
  });
});

describe.each([
  ['CA block (53003)', caBlocked, 53003, 'signin.ca-blocked', 'High'],
  ['lockout (50053)', lockout, 50053, 'signin.lockout', 'High'],
  ['disabled account (50057)', disabledAccount, 50057, 'signin.disabled-account', 'Low'],
  ['MFA interrupt (50074)', mfaInterrupted, 50074, 'signin.mfa-interrupted', 'Medium'],
  ['strong auth failed (500121)', mfaFailed, 500121, 'signin.mfa-failed', 'High'],
] as const)('%s', (_name, rule, code, id, risk) => {
  it('alerts on a privileged account', () => {
    const r = failedSignIn(code);
    expect(rule.evaluate([r], ctx)).toEqual([expect.objectContaining({ ruleId: id, riskLevel: risk, subject: ADMIN.upn, recordIds: [r.id], when: r.createdDateTime })]);
  });
  it('ignores other error codes and ordinary users', () => {
    expect(rule.evaluate([failedSignIn(code, { user: USER }), failedSignIn(50126), signIn()], ctx)).toEqual([]);
  });
});

describe('MFA denied or fraud', () => {
  it('alerts on a denial in status.additionalDetails and a fraud report in authenticationDetails, not as a plain MFA failure too', () => {
    const denied = failedSignIn(500121, { status: { additionalDetails: 'MFA denied; user declined the authentication' } });
    const fraud = failedSignIn(500121, { authenticationDetails: [{ authenticationMethod: 'Mobile app notification', succeeded: false, authenticationStepResultDetail: 'MFA denied; Phone App Reported Fraud' }] });
    const found = mfaDenied.evaluate([denied, fraud], ctx);
    expect(found.map((f) => f.recordIds[0])).toEqual([denied.id, fraud.id]);
    expect(found[1]?.detail).toContain('fraud');
    expect(mfaFailed.evaluate([denied, fraud], ctx)).toEqual([]);
  });
  it('ignores a 500121 without a denial and a successful sign-in', () => {
    expect(mfaDenied.evaluate([failedSignIn(500121, { status: { additionalDetails: 'MFA required in Azure AD' } }), signIn()], ctx)).toEqual([]);
  });
});

describe('outside expected controls', () => {
  it('alerts on an unapproved country and an IP outside the ranges, naming both', () => {
    const r = signIn({ ipAddress: '192.0.2.44', location: { city: 'Lagos', state: 'Lagos', countryOrRegion: 'NG' } });
    const [f] = unapprovedLocation.evaluate([r], ctx);
    expect(f?.detail).toContain('country NG');
    expect(f?.detail).toContain('IP 192.0.2.44');
    expect(f?.where).toMatchObject({ ip: '192.0.2.44', location: 'Lagos, Lagos, NG' });
  });
  it('alerts on an unapproved device when devices are restricted', () => {
    const c = contextWith({ approvedDevices: { requireCompliant: true } });
    expect(unapprovedLocation.evaluate([signIn({ deviceDetail: { isCompliant: false, deviceId: null } })], c)).toHaveLength(1);
  });
  it('accepts approved places, IPv6 inside a range, and applies no check whose list is empty', () => {
    expect(unapprovedLocation.evaluate([signIn(), signIn({ ipAddress: '2001:db8:1::5' })], ctx)).toEqual([]);
    const open = contextWith({ allowedCountries: [], allowedIpRanges: [] });
    expect(unapprovedLocation.evaluate([signIn({ ipAddress: '192.0.2.44', location: { countryOrRegion: 'NG' } })], open)).toEqual([]);
  });
});

describe('outside working hours', () => {
  it('alerts on a successful sign-in at 03:30 Berlin time and on a Sunday', () => {
    const night = signIn({ createdDateTime: '2026-03-03T02:30:00Z' });
    const sunday = signIn({ createdDateTime: '2026-03-08T10:00:00Z' });
    const found = outsideWorkingHours.evaluate([night, sunday], ctx);
    expect(found.map((f) => f.recordIds[0])).toEqual([night.id, sunday.id]);
    expect(found[0]?.detail).toContain('03:30 on Tuesday (Europe/Berlin)');
  });
  it('ignores sign-ins in hours (in the user’s zone, across DST) and failed ones', () => {
    // 06:30 UTC is 08:30 in Berlin in summer time (UTC+2) - in hours.
    expect(outsideWorkingHours.evaluate([signIn({ createdDateTime: '2026-07-07T06:30:00Z' }), failedSignIn(50126, { createdDateTime: '2026-03-03T02:30:00Z' })], ctx)).toEqual([]);
  });
  it('uses per-user hours when given', () => {
    const c = contextWith({ workingHoursByUser: { [ADMIN.upn]: { start: '22:00', end: '06:00', timeZone: 'Europe/Berlin', days: [1, 2, 3, 4, 5] } } });
    expect(outsideWorkingHours.evaluate([signIn({ createdDateTime: '2026-03-03T02:30:00Z' })], c)).toEqual([]);
  });
});

describe('Identity Protection risk', () => {
  it('alerts on medium risk during sign-in and on atRisk state', () => {
    const a = signIn({ riskLevelDuringSignIn: 'medium', riskState: 'atRisk', riskEventTypes_v2: ['unfamiliarFeatures'] });
    const b = failedSignIn(50126, { riskLevelDuringSignIn: 'none', riskState: 'atRisk' });
    const found = identityProtectionRisk.evaluate([a, b], ctx);
    expect(found).toHaveLength(2);
    expect(found[0]?.detail).toContain('unfamiliarFeatures');
  });
  it('ignores no risk, hidden risk and risk already dismissed', () => {
    expect(identityProtectionRisk.evaluate([signIn(), signIn({ riskLevelDuringSignIn: 'hidden' }), signIn({ riskLevelDuringSignIn: 'high', riskState: 'dismissed' })], ctx)).toEqual([]);
  });
});

describe('legacy protocol', () => {
  it('alerts on IMAP4 and "Other clients", even when they fail', () => {
    const found = legacyProtocol.evaluate([signIn({ clientAppUsed: 'IMAP4', appDisplayName: 'Office 365 Exchange Online' }), failedSignIn(50126, { clientAppUsed: 'Other clients' })], ctx);
    expect(found.map((f) => f.where.client)).toEqual(['IMAP4', 'Other clients']);
  });
  it('ignores browsers and modern clients', () => {
    expect(legacyProtocol.evaluate([signIn(), signIn({ clientAppUsed: 'Mobile Apps and Desktop clients' })], ctx)).toEqual([]);
  });
});

describe('new device or location', () => {
  it('alerts on a device and a country not in the baseline', () => {
    const [f] = newDeviceOrLocation.evaluate([signIn({ deviceDetail: { deviceId: 'dev-laptop-9', displayName: 'LAPTOP-9' }, location: { countryOrRegion: 'FR', city: 'Paris' } })], ctx);
    expect(f?.detail).toBe('First sign-in from country FR and device LAPTOP-9.');
  });
  it('ignores the known device and country, and users without a baseline', () => {
    expect(newDeviceOrLocation.evaluate([signIn(), signIn({ user: ADMIN_NO_PREFIX, deviceDetail: { deviceId: 'x' } })], ctx)).toEqual([]);
  });
  it('judges only what the baseline records', () => {
    const countriesOnly = contextWith({ baselines: { [ADMIN.upn]: { countries: ['DE'] } } });
    expect(newDeviceOrLocation.evaluate([signIn({ deviceDetail: { deviceId: 'dev-new' } })], countriesOnly)).toEqual([]);
    expect(newDeviceOrLocation.evaluate([signIn({ location: { countryOrRegion: 'US' } })], countriesOnly)).toHaveLength(1);
  });
  it('knows a device without an id by its system and browser, across browser updates', () => {
    const byKind = contextWith({ baselines: { [ADMIN.upn]: { devices: ['Windows 11|Edge 119.0'] } } });
    const updated = signIn({ deviceDetail: { deviceId: null, operatingSystem: 'Windows 11', browser: 'Edge 120.0.2210' } });
    const mac = signIn({ deviceDetail: { deviceId: null, operatingSystem: 'MacOs', browser: 'Safari 17.1' } });
    expect(newDeviceOrLocation.evaluate([updated, mac], byKind).map((f) => f.recordIds[0])).toEqual([mac.id]);
  });
});

describe('naming policy', () => {
  it('alerts on a privileged account without the prefix', () => {
    expect(namingPolicy.evaluate([signIn({ user: ADMIN_NO_PREFIX })], ctx)).toEqual([expect.objectContaining({ subject: ADMIN_NO_PREFIX.upn, dedupeKey: `signin.naming-policy|${ADMIN_NO_PREFIX.upn}` })]);
  });
  it('ignores prefixed admins, ordinary users and emergency accounts', () => {
    expect(namingPolicy.evaluate([signIn(), signIn({ user: USER }), signIn({ user: BREAK_GLASS })], ctx)).toEqual([]);
  });
});
