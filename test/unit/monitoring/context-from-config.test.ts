import { configSchema } from '../../../bot/config/schema';
import { contextFromConfig, postureContextFromConfig } from '../../../bot/monitoring/context-from-config';
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
});
