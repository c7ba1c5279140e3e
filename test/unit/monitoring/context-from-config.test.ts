import { configSchema } from '../../../bot/config/schema';
import { contextFromConfig, postureContextFromConfig } from '../../../bot/monitoring/context-from-config';
import type { MonitoringContext } from '../../../workflows/monitoring/context';
import { runAllRules } from '../../../workflows/monitoring/run-all-rules';
import { BREAK_GLASS, failedSignIn, signIn } from '../../fixtures/signins/build-records';

const config = configSchema.parse({
  emergencyAccounts: [{ upn: 'renamed@contoso.onmicrosoft.com', objectId: BREAK_GLASS.id, credentialLocation: 'safe B' }],
  monitoring: { badPasswordThreshold: 2, workingHours: { start: '08:00', end: '17:00', timeZone: 'Europe/Berlin' } },
});

describe('rule context from config', () => {
  it('knows the emergency account by object id and uses the configured threshold and hours', () => {
    const admin = { upn: 'adm-alex@contoso.com', id: 'a1' };
    const ctx = contextFromConfig(config, { privileged: [admin] });
    const found = runAllRules([signIn({ user: BREAK_GLASS }), failedSignIn(50126, { user: admin }), failedSignIn(50126, { user: admin }), signIn({ user: admin, createdDateTime: '2026-03-03T16:30:00Z' })], [], ctx);
    expect(found.map((f) => f.ruleId).sort()).toEqual(['emergency.sign-in', 'signin.bad-password-threshold', 'signin.outside-working-hours']);
  });

  it('gives posture the emergency accounts, the admin limit and the naming prefix', () => {
    expect(postureContextFromConfig(config, 5)).toEqual({ now: 5, emergencyAccounts: [{ upn: 'renamed@contoso.onmicrosoft.com', id: BREAK_GLASS.id }], maxGlobalAdmins: 5, privilegedNamePrefix: 'adm-' });
  });

  it('passes every knob a rule reads from config; a new context field does not compile until it is listed here', () => {
    // Only the tenant and the incident store know these; everything else must be settable in config.
    type TenantOnly = 'declaredUses' | 'baselines' | 'privilegedByPrefix' | 'allAccountsPrivileged';
    const hours = { start: '06:00', end: '14:00', timeZone: 'Asia/Tokyo', days: [1] };
    const set: Record<Exclude<keyof MonitoringContext, TenantOnly>, unknown> = {
      privileged: [{ upn: 'ops.lead@contoso.com' }, { id: 'a1b2' }],
      emergency: [{ upn: 'renamed@contoso.onmicrosoft.com', id: BREAK_GLASS.id }],
      badPasswordThreshold: 3,
      badPasswordWindowMinutes: 15,
      allowedCountries: ['DE'],
      allowedIpRanges: ['198.51.100.0/24'],
      approvedDevices: { requireCompliant: true, operatingSystems: ['Windows'] },
      workingHours: hours,
      workingHoursByUser: { 'ops.lead@contoso.com': hours },
      privilegedNamePrefix: 'admin.',
      legacyClients: ['IMAP4'],
      accountCreationWindowMinutes: 90,
    };
    const full = configSchema.parse({
      emergencyAccounts: [{ upn: 'renamed@contoso.onmicrosoft.com', objectId: BREAK_GLASS.id, credentialLocation: 'safe B' }],
      monitoring: {
        privileged: { accounts: ['ops.lead@contoso.com', 'a1b2'], groups: ['g1'] },
        badPasswordThreshold: 3,
        badPasswordWindow: '15m',
        allowedCountries: ['DE'],
        allowedIpRanges: ['198.51.100.0/24'],
        approvedDevices: { requireCompliant: true, operatingSystems: ['Windows'] },
        workingHours: hours,
        workingHoursByUser: { 'ops.lead@contoso.com': hours },
        privilegedNamePrefix: 'admin.',
        legacyClients: ['IMAP4'],
        accountCreationWindow: '1h30m',
      },
    });
    expect(contextFromConfig(full)).toEqual({ ...set, declaredUses: [], baselines: {} });
  });
});
