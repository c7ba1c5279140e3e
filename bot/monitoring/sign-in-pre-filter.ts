import type { RuleContext } from '../../workflows/monitoring/context';

/**
 * Decides from a record's raw JSON text, without parsing it, that the record
 * is a Graph sign-in of an account the rules ignore, so it can be counted and
 * passed over. Every sign-in rule looks only at privileged and emergency
 * accounts (the streaming evaluator drops the rest after `classify`), and a
 * million-record export is mostly ordinary users: JSON.parse of those is most
 * of the time offline analysis takes.
 *
 * It answers "pass over" only when it can read, from the start of the text,
 * the same top-level `id`, `createdDateTime`, `userPrincipalName` and `userId`
 * strings JSON.parse would give: the record then takes the sign-in path of
 * `toLogRecord` (never the audit, Azure Monitor or Log Analytics one), and
 * `classify` on those two values is what the evaluator would decide. So:
 * - any backslash in the record (a `\u` escape can spell an admin's name):
 *   parse it;
 * - the four fields must come first, as strings, among top-level pairs whose
 *   values are strings or null (Graph's and the portal's order). Anything else
 *   (Azure Monitor and Log Analytics records, other key orders): parse it.
 * - a sign-in without `"status":{"errorCode":<number>` is skipped by the
 *   parser (and counted as unreadable): parse it, so it still is.
 * Not checked, to stay cheap: the rest of the record. A record that is broken
 * elsewhere (bad JSON in the middle) is counted as a sign-in where a full
 * parse would count it as skipped; it is never a finding either way. Entra does not write duplicate keys; a file edited to add one can make
 * this read a different user than JSON.parse would (whoever can edit the
 * file can as well delete the record).
 */
export interface SignInPreFilter {
  /** True: a sign-in of an account outside the privileged set; count it, do not parse it. */
  passOver(text: string): boolean;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const FIELD_ID = 1;
const FIELD_CREATED = 2;
const FIELD_UPN = 4;
const FIELD_USER_ID = 8;
const ALL_FIELDS = FIELD_ID | FIELD_CREATED | FIELD_UPN | FIELD_USER_ID;
/** Graph puts the four within the first five pairs; a few more allow for other exporters. */
const MAX_PAIRS = 12;

/** No pre-filter when every account counts as privileged: then nothing can be passed over. */
export function createSignInPreFilter(ctx: RuleContext): SignInPreFilter | undefined {
  if (ctx.input.allAccountsPrivileged === true) return undefined;
  return {
    passOver(text) {
      if (text.indexOf('\\') >= 0) return false;
      const fields = readLeadingFields(text);
      return fields !== undefined && hasErrorCode(text, fields.end) && ctx.classify(fields.upn, fields.userId) === 'other';
    },
  };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Which of the four fields a key is (0: another one). Lengths first: most keys are none of them. */
function fieldOf(text: string, start: number, end: number): number {
  switch (end - start) {
    case 2:
      return text.startsWith('id', start) ? FIELD_ID : 0;
    case 6:
      return text.startsWith('userId', start) ? FIELD_USER_ID : 0;
    case 15:
      return text.startsWith('createdDateTime', start) ? FIELD_CREATED : 0;
    case 17:
      return text.startsWith('userPrincipalName', start) ? FIELD_UPN : 0;
    default:
      return 0;
  }
}

const STATUS = '"status":{"errorCode":';

/** Graph's compact form of a readable status; anything else (a string code, spaces) goes to the parser. */
function hasErrorCode(text: string, from: number): boolean {
  const at = text.indexOf(STATUS, from);
  if (at < 0) return false;
  const c = text.charCodeAt(at + STATUS.length);
  return c === 0x2d || (c >= 0x30 && c <= 0x39);
}

/**
 * The leading top-level pairs of a backslash-free object, read as far as
 * needed for the four fields; undefined when they are not all there as strings.
 */
function readLeadingFields(text: string): { upn: string; userId: string; end: number } | undefined {
  let i = skipSpace(text, 0);
  if (text.charCodeAt(i) !== OPEN_OBJ) return undefined;
  // A record cut short (the last line of a truncated file) must reach the parser and be reported.
  let last = text.length - 1;
  while (last > i && isSpace(text.charCodeAt(last))) last--;
  if (text.charCodeAt(last) !== CLOSE_OBJ) return undefined;
  i++;
  let seen = 0;
  let upn = '';
  let userId = '';
  for (let pair = 0; pair < MAX_PAIRS; pair++) {
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = text.indexOf('"', i + 1);
    if (keyEnd < 0) return undefined;
    const field = fieldOf(text, i + 1, keyEnd);
    // A repeated field: JSON.parse keeps the last one; let it decide.
    if (field & seen) return undefined;
    i = skipSpace(text, keyEnd + 1);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(text, i + 1);
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const valueEnd = text.indexOf('"', i + 1);
      if (valueEnd < 0) return undefined;
      if (field === FIELD_UPN) upn = text.slice(i + 1, valueEnd);
      else if (field === FIELD_USER_ID) userId = text.slice(i + 1, valueEnd);
      seen |= field;
      i = valueEnd + 1;
    } else if (field === 0 && text.startsWith('null', i)) {
      i += 4;
    } else {
      return undefined;
    }
    if (seen === ALL_FIELDS) return { upn, userId, end: i };
    i = skipSpace(text, i);
    if (text.charCodeAt(i) !== COMMA) return undefined;
    i++;
  }
  return undefined;
}
