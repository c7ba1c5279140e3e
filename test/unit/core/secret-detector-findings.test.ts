import fc from 'fast-check';
import { detectSecret, redactSecrets } from '../../../bot/core/secret-detector';

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

const alnum = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const charsOf = (alphabet: string, min: number, max: number) =>
  fc.array(fc.constantFrom(...alphabet.split('')), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** A high-entropy string: guaranteed lower, upper and digit, shuffled in among random characters. */
const randomToken = fc
  .tuple(charsOf(alnum + '-_+/', 20, 40), fc.constantFrom('a', 'q', 'z'), fc.constantFrom('K', 'M', 'X'), fc.constantFrom('3', '7', '9'))
  .map(([body, l, u, d]) => `${l}${d}${u}${body}${d}${l}${u}`)
  .filter((t) => new Set(t).size >= 14);

const passwordValue = fc
  .tuple(charsOf('abcdefghijklmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ', 4, 10), charsOf('0123456789', 1, 4), fc.constantFrom('!', '#', '$', '%', '&', '*', '@', '?', '-'))
  .map(([a, d, s]) => `${a}${d}${s}`);

/** Secrets in every shape the detector promises to catch, with the exact substring that must vanish. */
const secretArb: fc.Arbitrary<{ phrase: string; secret: string }> = fc.oneof(
  fc.tuple(fc.constantFrom('password', 'Passwort', 'pw', 'pwd', 'passcode', 'Kennwort', 'contraseña', 'senha', 'wachtwoord', 'lösenord', 'salasana', 'hasło', 'пароль', 'secret', 'token', 'mot de passe'), fc.constantFrom(': ', '=', ' = ', ':'), passwordValue).map(([k, sep, v]) => ({ phrase: `${k}${sep}${v}`, secret: v })),
  fc.tuple(fc.constantFrom('password is', 'password was', 'Passwort ist', 'mot de passe est'), passwordValue).map(([k, v]) => ({ phrase: `the ${k} ${v}`, secret: v })),
  fc.tuple(passwordValue, charsOf(alnum, 2, 6)).map(([v, x]) => ({ phrase: `logged in with ${v}${x}`, secret: `${v}${x}` })),
  randomToken.map((t) => ({ phrase: t, secret: t })),
  charsOf(alnum, 24, 40).map((t) => ({ phrase: `xoxb-${t}`, secret: `xoxb-${t}` })),
  fc.tuple(charsOf(alnum, 3, 3), fc.constantFrom('1', '8'), charsOf(alnum + '~_.-', 34, 34)).map(([a, d, b]) => ({ phrase: `${a}${d}Q~${b}`, secret: `${a}${d}Q~${b}` })),
  fc.tuple(charsOf(alnum, 12, 30), charsOf(alnum, 12, 30), charsOf(alnum + '-_', 20, 40)).map(([h, p, s]) => ({ phrase: `eyJ${h}.eyJ${p}.${s}`, secret: `eyJ${h}.eyJ${p}.${s}` })),
  charsOf(alnum, 36, 36).map((t) => ({ phrase: `ghp_${t}`, secret: `ghp_${t}` })),
  charsOf('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16, 16).map((t) => ({ phrase: `AKIA${t}`, secret: `AKIA${t}` })),
  passwordValue.map((v) => ({ phrase: `postgres://bg:${v}@db.internal:5432/bg`, secret: v })),
  passwordValue.map((v) => ({ phrase: `Server=db;Password=${v};`, secret: v })),
);

const words = fc.constantFrom('the', 'admins', 'are', 'locked', 'out', 'after', 'CA', 'change', 'Global', 'Administrator', 'restore', 'policy', 'helpdesk', 'called', 'Dana', 'from', 'site', 'B', 'laptop', 'is', 'with', 'for', 'see');
const guid = fc.uuid();
const ticket = fc.tuple(fc.constantFrom('INC', 'CHG', 'RITM', 'SR'), fc.integer({ min: 1, max: 99999999 })).map(([p, n]) => `${p}-${n}`);
const role = fc.constantFrom('Global Administrator', 'Privileged-Role-Administrator', 'Privileged Authentication Administrator', 'Conditional-Access-Administrator', 'Security Reader', 'User Administrator');
const isoDate = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const ordinaryText = fc.array(fc.oneof(words, words, words, guid, ticket, role, isoDate), { minLength: 1, maxLength: 20 }).map((a) => a.join(' '));

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
