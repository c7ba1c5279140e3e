/**
 * Recognises text that looks like a credential so the bot never echoes or
 * stores it. Deliberately errs toward warning: a false alarm costs a retype,
 * a miss puts a password in the audit log forever.
 */
const PATTERNS: Array<{ kind: string; re: RegExp }> = [
  { kind: 'a Slack token', re: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { kind: 'a Slack app token', re: /\bxapp-\d-[A-Za-z0-9-]{10,}/ },
  { kind: 'an Entra client secret', re: /\b[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}\b/ },
  { kind: 'a token (JWT)', re: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}/ },
  { kind: 'a private key', re: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { kind: 'a GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{30,}/ },
  { kind: 'an AWS access key', re: /\bAKIA[0-9A-Z]{16}\b/ },
  { kind: 'a password', re: /\b(pass(word|wd)?|pwd|secret|client[_ -]?secret)\s*[:=]\s*\S{4,}/i },
  { kind: 'a connection string with a password', re: /:\/\/[^/\s:@]+:[^@\s]{3,}@/ },
];

/** A long run of mixed letters, digits and symbols, but not a GUID or a plain word. */
function looksRandom(word: string): boolean {
  if (word.length < 32 || /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(word)) return false;
  if (/^https?:\/\//i.test(word)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(word)).length;
  return classes >= 3;
}

/**
 * "the bg01 password is Tr0ub4dor&3": a password said in words. Only a value
 * that looks like one (letters with digits or symbols) counts, so "the
 * password is in envelope A" or "password was changed" pass.
 */
const PASSWORD_IN_WORDS = /\b(?:pass(?:word|wd|phrase)?|pwd|secret)\b(?:\s+(?:for|of)\s+\S+)?\s+(?:is|was|:|=)\s*(\S{6,})/gi;

function looksLikePassword(value: string): boolean {
  if (/^https?:\/\//i.test(value) || /^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(value)) return false;
  return /[A-Za-z]/.test(value) && /[\d\W_]/.test(value.replace(/[.,;:!?'")]+$/, ''));
}

function passwordsInWords(text: string): string[] {
  return [...text.matchAll(PASSWORD_IN_WORDS)].map((m) => m[1] ?? '').filter(looksLikePassword);
}

/** What kind of secret the text seems to contain, or undefined. */
export function detectSecret(text: string): string | undefined {
  for (const { kind, re } of PATTERNS) if (re.test(text)) return kind;
  if (passwordsInWords(text).length > 0) return 'a password';
  if (text.split(/\s+/).some(looksRandom)) return 'a secret or token';
  return undefined;
}

/** Replaces anything secret-looking, for logs and stored text. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const value of passwordsInWords(text)) out = out.split(value).join('[redacted]');
  for (const { re } of PATTERNS) out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), '[redacted]');
  return out
    .split(/(\s+)/)
    .map((w) => (looksRandom(w) ? '[redacted]' : w))
    .join('');
}
