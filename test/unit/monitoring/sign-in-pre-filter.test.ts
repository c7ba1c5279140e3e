import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyzeSignInFile } from '../../../bot/monitoring/analyze-sign-in-file';
import { toLogRecord } from '../../../bot/monitoring/json-log-record';
import { createSignInPreFilter } from '../../../bot/monitoring/sign-in-pre-filter';
import { buildRuleContext, type MonitoringContext } from '../../../workflows/monitoring/context';

/**
 * The pre-filter may skip parsing, never a finding: whatever it passes over,
 * a full parse would have turned into something no rule looks at (an ordinary
 * user's sign-in, or an unreadable record). Records are generated with the
 * privileged accounts' ids and names in every casing, spelled with JSON `\u`
 * escapes (in values and in keys), with a Kelvin sign that lower-cases to
 * 'k', pretty-printed, reordered, wrapped as Azure Monitor and Log Analytics
 * records, as audits, and with their status missing.
 */
const ADMIN_ID = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
const EMERGENCY = { upn: 'bg-01@contoso.onmicrosoft.com', id: 'ae535ce6-ddb0-55f1-beaf-c29e1fdc19b2' };
const context: MonitoringContext = {
  privileged: [{ id: ADMIN_ID }, { upn: 'kim.ops@contoso.com' }],
  emergency: [EMERGENCY],
  privilegedByPrefix: true,
};
const rc = buildRuleContext(context);
const preFilter = createSignInPreFilter(rc);

type User = { upn: string; id: string };
const USERS: User[] = [
  { upn: 'someone@contoso.com', id: ADMIN_ID },
  { upn: 'kim.ops@contoso.com', id: '11111111-2222-4333-8444-555555555555' },
  EMERGENCY,
  { upn: 'adm-alice@contoso.com', id: '22222222-2222-4333-8444-555555555555' },
  { upn: 'sam@contoso.com', id: '33333333-2222-4333-8444-555555555555' },
  { upn: 'lee@contoso.com', id: '44444444-2222-4333-8444-555555555555' },
];

const casing = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.replace(/[a-f]/g, (c) => c.toUpperCase()),
  (s) => s.replace(/k/g, '\u212a'),
);

const shape = fc.constantFrom('graph', 'reordered', 'decoy', 'audit', 'diagnostic', 'log-analytics', 'no-status', 'text-code', 'null-name', 'nested-user');
const spelling = fc.constantFrom('compact', 'escaped-value', 'escaped-key', 'pretty');

function recordFor(kind: string, u: User, code: number): Record<string, unknown> {
  const base = { id: 'r1', createdDateTime: '2026-03-03T10:00:00Z', userDisplayName: 'X', userPrincipalName: u.upn, userId: u.id, appId: 'a', status: { errorCode: code }, location: { countryOrRegion: 'DE' } };
  switch (kind) {
    case 'reordered':
      return { status: base.status, userId: u.id, id: 'r1', userPrincipalName: u.upn, createdDateTime: base.createdDateTime };
    case 'decoy':
      return { id: 'r1', createdDateTime: base.createdDateTime, extra: { userPrincipalName: 'sam@contoso.com', userId: 'x' }, userPrincipalName: u.upn, userId: u.id, status: base.status };
    case 'audit':
      return { id: 'a1', activityDisplayName: 'Add member to role', activityDateTime: base.createdDateTime, targetResources: [{ userPrincipalName: u.upn, id: u.id, createdDateTime: base.createdDateTime }] };
    case 'diagnostic':
      return { time: base.createdDateTime, category: 'SignInLogs', resultType: String(code), properties: base };
    case 'log-analytics':
      return { TimeGenerated: base.createdDateTime, Id: 'r1', UserPrincipalName: u.upn, UserId: u.id, ResultType: String(code) };
    case 'no-status':
      return { ...base, status: undefined };
    case 'text-code':
      return { ...base, status: { errorCode: String(code) } };
    case 'null-name':
      return { ...base, userDisplayName: null };
    case 'nested-user':
      return { id: 'r1', createdDateTime: base.createdDateTime, userPrincipalName: 'sam@contoso.com', userId: 'x', status: base.status, properties: { userPrincipalName: u.upn, userId: u.id } };
    default:
      return base;
  }
}

/** `\u` escapes for every other letter of the value: JSON.parse reads the same string. */
const escapeLetters = (s: string): string => s.replace(/[a-z]/gi, (c, i: number) => (i % 2 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c));

function spell(record: Record<string, unknown>, how: string, u: User): string {
  if (how === 'pretty') return JSON.stringify(record, null, 2);
  const text = JSON.stringify(record);
  if (how === 'escaped-value') return text.split(`"${u.upn}"`).join(`"${escapeLetters(u.upn)}"`).split(`"${u.id}"`).join(`"${escapeLetters(u.id)}"`);
  if (how === 'escaped-key') return text.replace('"userPrincipalName"', '"user\\u0050rincipalName"');
  return text;
}

const recordText = fc.record({ user: fc.constantFrom(...USERS), upnCase: casing, idCase: casing, kind: shape, how: spelling, code: fc.constantFrom(0, 50126, 50053, 500121) }).map(({ user, upnCase, idCase, kind, how, code }) => {
  const u = { upn: upnCase(user.upn), id: idCase(user.id) };
  return spell(recordFor(kind, u, code), how, u);
});

describe('the sign-in pre-filter', () => {
  it('passes over only what a full parse would give no rule: never an audit, never a privileged or emergency sign-in', () => {
    fc.assert(
      fc.property(recordText, (text) => {
        if (!preFilter?.passOver(text)) return;
        const r = toLogRecord(JSON.parse(text));
        expect(r.kind).not.toBe('audit');
        expect(r.kind).toBe('signIn');
        if (r.kind === 'signIn') expect(rc.classify(r.record.userPrincipalName, r.record.userId)).toBe('other');
      }),
      { numRuns: 3000 },
    );
  });

  it('holds for any object built from the fields the readers look at, in any order, with any values', () => {
    const token = fc.constantFrom(...USERS.flatMap((u) => [u.upn, u.id, u.upn.toUpperCase()]), 'adm-x@contoso.com', '2026-03-03T10:00:00Z', 'SignInLogs', 'AuditLogs', '');
    const value = fc.oneof(token, fc.jsonValue({ maxDepth: 2 }), fc.record({ errorCode: fc.oneof(fc.integer(), fc.string()) }, { requiredKeys: [] }));
    const key = fc.constantFrom('id', 'createdDateTime', 'userPrincipalName', 'userId', 'status', 'activityDisplayName', 'activityDateTime', 'category', 'properties', 'TimeGenerated', 'UserPrincipalName', 'ResultType', 'appId');
    // Mostly a sign-in's four fields first (as strings, in any order), so the filter does get to decide.
    const lead = fc.shuffledSubarray(['id', 'createdDateTime', 'userPrincipalName', 'userId'], { minLength: 2 }).chain((ks) => fc.tuple(...ks.map((k) => fc.tuple(fc.constant(k), fc.oneof(token, token, value)))));
    const rest = fc.array(fc.tuple(key, value), { maxLength: 6 });
    const status = fc.option(fc.oneof({ arbitrary: fc.record({ errorCode: fc.integer() }), weight: 4 }, { arbitrary: fc.record({ errorCode: fc.oneof(fc.string(), fc.constant(null)) }, { requiredKeys: [] }), weight: 1 }), { freq: 5 });
    let passed = 0;
    fc.assert(
      fc.property(lead, rest, status, fc.boolean(), (first, more, st, nested) => {
        const o: Record<string, unknown> = {};
        for (const [k, v] of [...first, ...more]) o[k] = v;
        if (st) o.status = st;
        if (nested) o.properties = { ...o };
        const text = JSON.stringify(o);
        if (!preFilter?.passOver(text)) return;
        passed++;
        const r = toLogRecord(JSON.parse(text));
        expect(r.kind).toBe('signIn');
        if (r.kind === 'signIn') expect(rc.classify(r.record.userPrincipalName, r.record.userId)).toBe('other');
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: a good share of the generated objects are passed over.
    expect(passed).toBeGreaterThan(20);
  });

  it('does pass over an ordinary user’s compact Graph sign-in (or it would save nothing)', () => {
    const text = JSON.stringify(recordFor('graph', { upn: 'sam@contoso.com', id: '33333333-2222-4333-8444-555555555555' }, 0));
    expect(preFilter?.passOver(text)).toBe(true);
    expect(preFilter?.passOver(text.replace('"sam@', '"adm-sam@'))).toBe(false);
    // A record cut short is left to the parser, which reports it.
    expect(preFilter?.passOver(text.slice(0, -5))).toBe(false);
  });

  it('is off when every account counts as privileged', () => {
    expect(createSignInPreFilter(buildRuleContext({ ...context, allAccountsPrivileged: true }))).toBeUndefined();
  });

  it('gives the same findings and counts of sign-ins as parsing every record, in JSONL and in a JSON array', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pre-filter-'));
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(recordText, { minLength: 1, maxLength: 40 }), async (texts) => {
          // Distinct ids and times, so findings name distinct records.
          const lines = texts.map((t, i) => t.split('"r1"').join(`"r${i}"`).split('2026-03-03T10:00:00Z').join(new Date(Date.UTC(2026, 2, 3, 10, i)).toISOString()));
          writeFileSync(join(dir, 'x.jsonl'), `${lines.map((l) => l.replace(/\n\s*/g, '')).join('\n')}\n`);
          writeFileSync(join(dir, 'x.json'), `[${lines.join(',\n')}]`);
          for (const file of ['x.jsonl', 'x.json']) {
            const fast = await analyzeSignInFile(join(dir, file), context);
            const full = await analyzeSignInFile(join(dir, file), context, { parseEveryRecord: true });
            expect(fast.findings).toEqual(full.findings);
            expect({ signIns: fast.signIns, audits: fast.audits, skipped: fast.skipped, ignored: fast.ignored }).toEqual({ signIns: full.signIns, audits: full.audits, skipped: full.skipped, ignored: full.ignored });
          }
        }),
        { numRuns: 60 },
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
