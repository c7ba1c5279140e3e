/**
 * Recognises text that looks like a credential so the bot never echoes or
 * stores it. Deliberately errs toward warning: a false alarm costs a retype,
 * a miss puts a password in the audit log forever.
 *
 * Every rule yields spans (where the secret itself sits), so detection and
 * redaction can never disagree: whatever is detected is exactly what is cut.
 */

interface Span {
  start: number;
  end: number;
  kind: string;
}

/** Known token formats: the whole match is the secret. */
const FORMATS: Array<{ kind: string; re: RegExp }> = [
  { kind: 'a private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g },
  { kind: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/g },
  { kind: 'a Slack app token', re: /\bxapp-\d-[A-Za-z0-9-]{10,}/g },
  { kind: 'an Entra client secret', re: /(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~-])/g },
  { kind: 'a token (JWT)', re: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}/g },
  { kind: 'a GitHub token', re: /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/g },
  { kind: 'an AWS access key', re: /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g },
];

/** Formats where only one group is the secret (the password inside a connection string). */
const INNER: Array<{ kind: string; re: RegExp }> = [
  { kind: 'a connection string with a password', re: /:\/\/[^/\s:@]+:([^@\s]{3,})@/g },
  { kind: 'a connection string with a password', re: /\b(?:Password|Pwd|AccountKey|SharedAccessKey|ClientSecret)\s*=\s*([^;\s]+)/gi },
  { kind: 'an AWS secret key', re: /\baws_secret_access_key\s*[:=]\s*(\S+)/gi },
];

/**
 * Password-ish words in the languages responders type in. Multi-word ones
 * first so "mot de passe" wins over nothing. Bounded by "not a letter or
 * digit" because \b does not understand ö, ł or Cyrillic.
 */
const KEYWORDS = [
  'client[_ -]?secret', 'mot de passe', 'password', 'passwd', 'passphrase', 'passcode', 'pass', 'pwd', 'pw', 'pin', 'secret', 'token',
  'passwort', 'kennwort', 'contraseña', 'contrasena', 'senha', 'wachtwoord', 'lösenord', 'losenord', 'salasana', 'hasło', 'haslo', 'пароль', 'parola', 'adgangskode', 'passord',
].join('|');
const EDGE_BEFORE = '(?<![\\p{L}\\p{N}_])';
const EDGE_AFTER = '(?![\\p{L}\\p{N}_])';
/** "pw: x", "Passwort = x", "pin 4821" is too loose; a colon or equals sign is the marker. */
const KEYWORD_ASSIGN = new RegExp(`${EDGE_BEFORE}(?:${KEYWORDS})${EDGE_AFTER}\\s*[:=]\\s*(\\S{4,})`, 'giu');
/** "the bg01 password is Tr0ub4dor&3", "das Passwort ist Geheim123!", "le mot de passe est X". */
const KEYWORD_IN_WORDS = new RegExp(
  `${EDGE_BEFORE}(?:${KEYWORDS})${EDGE_AFTER}(?:\\s+(?:for|of|für|von|pour|de|para|do|voor|för|för)\\s+\\S+)?\\s+(?:is|was|ist|war|est|était|es|era|é|era|is|was|är|var|on|oli|jest|był|это|:|=)\\s*(\\S{4,})`,
  'giu',
);
/** "used bg-01 with Tr0ub4dor&3-horse-battery": a credential handed over as the means. */
const WITH_VALUE = /\b(?:with|using|mit|avec|con|com|met|med)\s+(\S{8,})/giu;

const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;
const URL_LIKE = /^(?:https?|ftp|file):\/\//i;
const TICKET = /^[A-Za-z]{2,10}-\d{1,10}$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const EMAIL = /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/;
/** Characters of chat markup and code, never part of a generated token. */
const MARKUP = /[<>|(){}[\]`"']/;
const TRAILING_PUNCT = /[.,;:!?'")\]]+$/;

function classesOf(word: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(word)).length;
}

/** Bits per character: random strings are high, words and ids with repeats are low. */
export function shannonEntropy(word: string): number {
  const counts = new Map<string, number>();
  for (const ch of word) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / word.length) * Math.log2(n / word.length);
  return bits;
}

/** Things that are long and mixed but are known not to be secrets. */
function knownHarmless(word: string): boolean {
  return GUID.test(word) || URL_LIKE.test(word) || TICKET.test(word) || ISO_DATE.test(word) || EMAIL.test(word);
}

/**
 * A long run that looks machine-generated: ≥16 characters, letters and
 * digits interleaved (many switches between character classes), high
 * entropy. Hyphenated role names and words have few switches and no digits.
 */
export function looksRandom(raw: string): boolean {
  const word = raw.replace(TRAILING_PUNCT, '');
  if (word.length < 16 || knownHarmless(word)) return false;
  // Chat markup (<#C0123|general>, <script>alert(1)</script>, {{DATE(...)}}) is mixed and long but
  // not a token: generated secrets come from base64/hex-like alphabets, which lack these characters.
  if (MARKUP.test(word)) return false;
  if (!/[A-Za-z]/.test(word) || !/\d/.test(word)) return false;
  if (classesOf(word) < 3 && !(word.length >= 24 && /[a-z]/i.test(word))) return false;
  const cls = (c: string) => (/[a-z]/.test(c) ? 0 : /[A-Z]/.test(c) ? 1 : /\d/.test(c) ? 2 : 3);
  let switches = 0;
  for (let i = 1; i < word.length; i++) if (cls(word[i - 1]!) !== cls(word[i]!)) switches++;
  return switches / word.length >= 0.3 && shannonEntropy(word) >= 3.5;
}

/** A value someone would use as a password: letters with digits or symbols, not an id or link. */
function looksLikePassword(raw: string): boolean {
  const value = raw.replace(TRAILING_PUNCT, '');
  if (value.length < 4 || knownHarmless(value)) return false;
  return /\p{L}/u.test(value) ? /[\d\W_]/.test(value.replace(/\p{L}/gu, '')) : /^\d{4,}$/.test(value);
}

/** "with X": stricter, since "with dana" and "with CA-policy" are everyday English. */
function looksLikeCredential(raw: string): boolean {
  const value = raw.replace(TRAILING_PUNCT, '');
  if (value.length < 8 || knownHarmless(value) || /^[@#<]/.test(value)) return false;
  return classesOf(value) >= 3 && /\d/.test(value) && /[A-Za-z]/.test(value);
}

function groupSpans(text: string, re: RegExp, kind: string, accept: (value: string) => boolean): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const value = m[1];
    if (value === undefined || m.index === undefined || !accept(value)) continue;
    const start = m.index + m[0].length - value.length;
    spans.push({ start, end: start + value.length, kind });
  }
  return spans;
}

function findSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const { kind, re } of FORMATS) for (const m of text.matchAll(re)) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind });
  for (const { kind, re } of INNER) spans.push(...groupSpans(text, re, kind, () => true));
  spans.push(...groupSpans(text, KEYWORD_ASSIGN, 'a password', (v) => looksLikePassword(v) || v.length >= 8));
  spans.push(...groupSpans(text, KEYWORD_IN_WORDS, 'a password', looksLikePassword));
  spans.push(...groupSpans(text, WITH_VALUE, 'a password', looksLikeCredential));
  for (const m of text.matchAll(/\S+/g)) if (looksRandom(m[0])) spans.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: 'a secret or token' });
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

/** What kind of secret the text seems to contain, or undefined. */
export function detectSecret(text: string): string | undefined {
  return findSpans(text)[0]?.kind;
}

/** Replaces anything secret-looking with "[redacted]", for logs and stored text. */
export function redactSecrets(text: string): string {
  const spans = findSpans(text);
  if (spans.length === 0) return text;
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    out += `${text.slice(at, Math.max(at, s.start))}[redacted]`;
    at = s.end;
  }
  return out + text.slice(at);
}
