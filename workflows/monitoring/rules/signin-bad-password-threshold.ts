import { dedupeKeyOf, MAX_RECORD_IDS, type Finding, type FindingWhere } from '../finding';
import { signInAggregateRule } from '../rule';
import { isWatchedPrivileged, signInWhere } from '../signin-facts';

const ID = 'signin.bad-password-threshold';
const TITLE = 'Repeated bad passwords on a privileged account';
const MAX_IPS = 1000;

interface Stamp {
  ms: number;
  id: string;
}

interface Bucket {
  subject: string;
  subjectId?: string;
  count: number;
  /** Only what the finding shows of the first and last records: a bucket per user and hour must not hold whole records. */
  firstWhen: string;
  firstAt: Stamp;
  lastWhen: string;
  lastWhere: FindingWhere;
  lastAt: Stamp;
  /** The earliest MAX_RECORD_IDS records by time, whatever order they arrive in. */
  earliest: Stamp[];
  ips: Set<string>;
}

const byTime = (a: Stamp, b: Stamp): number => a.ms - b.ms || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function keepEarliest(list: Stamp[], s: Stamp): void {
  if (list.length < MAX_RECORD_IDS) {
    list.push(s);
    return;
  }
  let latest = 0;
  list.forEach((e, i) => {
    if (byTime(e, list[latest] ?? e) > 0) latest = i;
  });
  const l = list[latest];
  if (l && byTime(s, l) < 0) list[latest] = s;
}

function ipsText(ips: Set<string>): string {
  if (ips.size === 0) return '';
  if (ips.size >= MAX_IPS) return `, from ${MAX_IPS}+ addresses`;
  const sorted = [...ips].sort();
  const shown = sorted.slice(0, 3).join(', ');
  return sorted.length > 3 ? `, from ${shown} and ${sorted.length - 3} more` : `, from ${shown}`;
}

/**
 * Error 50126 counted per user in aligned windows (default one hour). Aligned
 * windows keep the count independent of record order and page boundaries, so
 * the live poller and the offline analyzer agree; a burst that straddles a
 * window edge is split, which the threshold should allow for.
 */
export const badPasswordThreshold = signInAggregateRule({
  id: ID,
  title: TITLE,
  riskLevel: 'High',
  start(ctx) {
    const buckets = new Map<string, Bucket>();
    return {
      add(r, subject) {
        if (r.status.errorCode !== 50126 || !isWatchedPrivileged(subject)) return;
        const at: Stamp = { ms: Date.parse(r.createdDateTime), id: r.id };
        const windowStart = Math.floor(at.ms / ctx.badPasswordWindowMs) * ctx.badPasswordWindowMs;
        const key = `${subject.name.toLowerCase()}|${windowStart}`;
        let b = buckets.get(key);
        if (!b) {
          b = { subject: subject.name, count: 0, firstWhen: r.createdDateTime, firstAt: at, lastWhen: r.createdDateTime, lastWhere: signInWhere(r), lastAt: at, earliest: [], ips: new Set() };
          if (subject.id) b.subjectId = subject.id;
          buckets.set(key, b);
        }
        b.count++;
        keepEarliest(b.earliest, at);
        if (r.ipAddress && b.ips.size < MAX_IPS) b.ips.add(r.ipAddress);
        if (byTime(at, b.firstAt) < 0) {
          b.firstWhen = r.createdDateTime;
          b.firstAt = at;
        }
        if (byTime(at, b.lastAt) > 0) {
          b.lastWhen = r.createdDateTime;
          b.lastWhere = signInWhere(r);
          b.lastAt = at;
        }
      },
      finish() {
        const out: Finding[] = [];
        const minutes = Math.round(ctx.badPasswordWindowMs / 60_000);
        for (const b of buckets.values()) {
          if (b.count < ctx.badPasswordThreshold) continue;
          const f: Finding = {
            ruleId: ID,
            riskLevel: 'High',
            title: TITLE,
            detail: `${b.count} sign-ins failed with a bad password (50126) within ${minutes} minutes (threshold ${ctx.badPasswordThreshold})${ipsText(b.ips)}.`,
            subject: b.subject,
            emergencyAccount: false,
            when: b.firstWhen,
            until: b.lastWhen,
            where: b.lastWhere,
            recordIds: b.earliest.sort(byTime).map((e) => e.id),
            recordCount: b.count,
            // No window in the key: a spray that runs for hours is one pattern to the alert layer.
            dedupeKey: dedupeKeyOf(ID, b.subject),
          };
          if (b.subjectId) f.subjectId = b.subjectId;
          out.push(f);
        }
        return out;
      },
    };
  },
});
