/** fast-check generators for secrets the detector must catch and incident text it must leave alone. */
import fc from 'fast-check';

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
export const secretArb: fc.Arbitrary<{ phrase: string; secret: string }> = fc.oneof(
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
export const ordinaryText = fc.array(fc.oneof(words, words, words, guid, ticket, role, isoDate), { minLength: 1, maxLength: 20 }).map((a) => a.join(' '));
