import { detectSecret, redactSecrets } from '../../../bot/core/secret-detector';

/** Realistic shapes of what a responder might paste in a hurry (none of them real). */
const SECRETS: Array<[string, string, string]> = [
  // Test-only, made-up values shaped like real credentials; none was ever issued.
  ['an Entra client secret', 'the app secret leaked: Xy78Q~Kq3vT9pLm2Rw7YbN4cX1dF6gH0jS5aE8uI', 'Xy78Q~Kq3vT9pLm2Rw7YbN4cX1dF6gH0jS5aE8uI'],
  ['a JWT access token', 'token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl here', 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVl'],
  ['a Slack bot token', 'use xoxb-1234567890-abcdefghijklmnop for now', 'xoxb-1234567890-abcdefghijklmnop'],
  ['a password after a colon', 'password: Winter2026!', 'Winter2026!'],
  ['a password in words', 'note the bg01 password is Tr0ub4dor&3-horse', 'Tr0ub4dor&3-horse'],
  ['a password for someone, in words', 'the password for adm-bg02 was Summer_2025', 'Summer_2025'],
  ['a client_secret=value', 'client_secret=s3cr3t-value-here', 's3cr3t-value-here'],
  ['a connection string', 'postgres://bg:Hunter2Hunter2@db.internal:5432/bg', 'Hunter2Hunter2'],
  ['a long random string', 'key 9fG2kL0pQ7rS1tU3vW5xY8zA4bC6dE-Hj', '9fG2kL0pQ7rS1tU3vW5xY8zA4bC6dE-Hj'],
];

/** What responders write all the time during an incident and must not be refused. */
const ORDINARY = [
  'start Global admins locked out after CA change',
  'note the bg01 password is in the safe, envelope A',
  'note password was changed at 03:10 by the helpdesk',
  'done 4 case 2411220040001234',
  'note see https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access',
  'assign 7 @dana',
  'note user 0b0a7c51-7f3d-4b4e-9a3a-2c1b0d9e8f7a is the attacker',
  'elevate GA for 1h because restore CA policy ticket INC-4711',
];

describe('secret detection', () => {
  it.each(SECRETS)('recognises %s', (_kind, text) => {
    expect(detectSecret(text)).toBeDefined();
  });

  it.each(ORDINARY.map((t) => [t]))('lets ordinary incident text through: %s', (text) => {
    expect(detectSecret(text)).toBeUndefined();
  });

  it.each(SECRETS)('redaction removes %s', (_kind, text, secret) => {
    const redacted = redactSecrets(text);
    expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[redacted]');
  });

  it('redaction leaves ordinary text as it was', () => {
    for (const text of ORDINARY) expect(redactSecrets(text)).toBe(text);
  });

  it('names what it found without repeating it', () => {
    const kind = detectSecret('note the bg01 password is Tr0ub4dor&3-horse');
    expect(kind).toBe('a password');
    expect(kind).not.toContain('Tr0ub4dor');
  });
});
