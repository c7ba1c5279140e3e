import fc from 'fast-check';
import { detectSecret, redactSecrets } from '../../../bot/core/secret-detector';
import { ordinaryText, secretArb } from '../../support/secret-arbitraries';

/** Issue 14 findings: each of these reached the audit log. Made-up values. */
const FINDINGS: Array<[string, string]> = [
  ['pw: Xk7#mQ2vL9$p', 'Xk7#mQ2vL9$p'],
  ['passcode: 83jd!Kq2xx', '83jd!Kq2xx'],
  ['Passwort: Geheim123!', 'Geheim123!'],
  ['used bg-01 with Tr0ub4dor&3-horse-battery', 'Tr0ub4dor&3-horse-battery'],
  ['note q7Zk2LmX9pR4tV8wN3bY6cD1', 'q7Zk2LmX9pR4tV8wN3bY6cD1'],
];

/** One per rule, in several languages and formats (all test-only, never issued). */
const MORE: Array<[string, string]> = [
  ['le mot de passe est Soleil2026!', 'Soleil2026!'],
  ['contraseña: Verano#2025', 'Verano#2025'],
  ['senha = Brasil@123', 'Brasil@123'],
  ['wachtwoord: Fiets!Bel42', 'Fiets!Bel42'],
  ['lösenord: Sommar-2024', 'Sommar-2024'],
  ['salasana: Kesä2024!', 'Kesä2024!'],
  ['hasło: Zima#2023x', 'Zima#2023x'],
  ['пароль: Зима2024!', 'Зима2024!'],
  ['Kennwort ist Herbst_2026', 'Herbst_2026'],
  ['pin: 482915', '482915'],
  ['passphrase: correct-horse-battery-staple-9', 'correct-horse-battery-staple-9'],
  ['token=abcd1234efgh5678', 'abcd1234efgh5678'],
  ['use xoxp-1234567890-abcdefghijkl now', 'xoxp-1234567890-abcdefghijkl'],
  ['socket xapp-1-A0B1C2D3E4-12345-abcdef', 'xapp-1-A0B1C2D3E4-12345-abcdef'],
  ['ghp_abcdefghijklmnopqrstuvwxyz0123456789 leaked', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789'],
  ['aws AKIAIOSFODNN7EXAMPLE key', 'AKIAIOSFODNN7EXAMPLE'],
  ['Server=db;User Id=bg;Password=Sup3r;Secret;', 'Sup3r'],
  ['DefaultEndpointsProtocol=https;AccountName=bg;AccountKey=bGV0bWVpbg==;', 'bGV0bWVpbg=='],
  ['-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----', 'MIIEowIBAAKCAQEA'],
];

const ORDINARY = [
  'start Global admins locked out after CA change',
  'note Privileged-Role-Administrator and Conditional-Access-Administrator were removed',
  'note user 0b0a7c51-7f3d-4b4e-9a3a-2c1b0d9e8f7a is the attacker, see INC-12345',
  'note started 2026-12-02T18:51:45Z, see https://portal.azure.com/#view/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade',
  'note signed in with adm-bg01@contoso.onmicrosoft.com from the break-glass laptop',
  'note the password was changed with the helpdesk',
  'note the token is expired',
  'elevate GA for 1h because restore CA policy ticket CHG-0042',
];

describe('secret detection: issue 14 findings', () => {
  it.each([...FINDINGS, ...MORE])('redacts %j', (text, secret) => {
    expect(detectSecret(text)).toBeDefined();
    const out = redactSecrets(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it.each(ORDINARY.map((t) => [t]))('leaves ordinary text alone: %s', (text) => {
    expect(detectSecret(text)).toBeUndefined();
    expect(redactSecrets(text)).toBe(text);
  });
});

describe('secret detection: properties', () => {
  it('a secret of any known shape embedded in ordinary text never survives redaction', () => {
    fc.assert(
      fc.property(ordinaryText, secretArb, ordinaryText, (before, s, after) => {
        const text = `note ${before} ${s.phrase} ${after}`;
        expect(detectSecret(text)).toBeDefined();
        expect(redactSecrets(text)).not.toContain(s.secret);
      }),
      { numRuns: 500 },
    );
  });

  it('ordinary incident text (words, GUIDs, ticket ids, role names, dates) is not redacted', () => {
    fc.assert(
      fc.property(ordinaryText, (text) => {
        expect(detectSecret(text)).toBeUndefined();
        expect(redactSecrets(text)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
