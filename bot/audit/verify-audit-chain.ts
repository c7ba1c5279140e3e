import type { AuditEntry } from '../ports/storage';
import { auditEntryHash, GENESIS_HEAD, type AuditChainHead, type AuditKey } from './audit-hash';

export type AuditChainProblem = 'altered' | 'missing' | 'reordered';

export type AuditChainResult =
  | { ok: true; count: number; last: AuditChainHead }
  | { ok: false; seq: number; reason: AuditChainProblem; message: string };

export interface VerifyAuditChainOptions {
  /** What precedes the first entry: the genesis head, or for a partial export the entry before it. */
  from?: AuditChainHead;
  /** The recorded chain head; when given, entries cut off the end are caught too. */
  head?: AuditChainHead;
  /**
   * Current and retired HMAC keys by id. Given: every keyed entry's HMAC is recomputed (an
   * unknown key id is damage) and no unkeyed entry may follow a keyed one. Absent (an export
   * checked without the key): keyed entries are checked for linkage only.
   */
  keyring?: ReadonlyMap<string, AuditKey>;
  /** Heads posted outside the database (log lines): the chain must pass through each one. */
  anchors?: readonly AuditChainHead[];
}

/**
 * Recomputes the chain over entries in the order given and names the first
 * entry that was altered, is missing (a gap in seq) or is out of order.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], options: VerifyAuditChainOptions = {}): AuditChainResult {
  let prev = options.from ?? GENESIS_HEAD;
  const keyring = options.keyring;
  let keyedSince: number | null = null;
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as AuditEntry;
    const expected = prev.seq + 1;
    if (entry.seq !== expected) return seqProblem(entries, i, expected);
    if (entry.keyId) {
      keyedSince ??= entry.seq;
      if (keyring) {
        const key = keyring.get(entry.keyId);
        if (!key) return altered(entry.seq, `entry ${entry.seq} is chained with audit key ${JSON.stringify(entry.keyId)}, which is not in the keyring`);
        if (auditEntryHash(entry.prevHash, entry, key) !== entry.hash) {
          return altered(entry.seq, `entry ${entry.seq} was changed after it was written: its contents no longer match its HMAC`);
        }
      }
    } else if (keyring && keyedSince !== null) {
      // Once the chain is keyed it stays keyed: an unkeyed entry here was written by someone without the key.
      return altered(entry.seq, `entry ${entry.seq} has no audit key although entry ${keyedSince} and later are keyed: it was rewritten without the key`);
    } else if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
      return altered(entry.seq, `entry ${entry.seq} was changed after it was written: its contents no longer match its hash`);
    }
    if (entry.prevHash !== prev.hash) {
      // This entry is intact, so the prevHash it carries is what came before it really hashed to.
      return prev.seq === 0
        ? altered(entry.seq, `entry ${entry.seq} does not start the chain, yet nothing comes before it`)
        : altered(prev.seq, `entry ${prev.seq} was rewritten: entry ${entry.seq} records a different hash for it`);
    }
    prev = { seq: entry.seq, hash: entry.hash };
  }
  // A configured key means the bot writes keyed entries: an unkeyed newest entry is a chain re-written with plain sha256.
  const newest = entries[entries.length - 1];
  if (keyring && keyring.size > 0 && newest && !newest.keyId && !options.from) {
    return altered(
      keyedSince ?? 1,
      `entry ${keyedSince ?? 1} onwards have no audit key although one is configured: the chain was recomputed without the key (or the bot has written nothing since the key was set)`,
    );
  }
  for (const anchor of options.anchors ?? []) {
    const entry = entries.find((e) => e.seq === anchor.seq);
    if (!entry) return { ok: false, seq: anchor.seq, reason: 'missing', message: `entry ${anchor.seq} is missing: an anchor records the chain at entry ${anchor.seq}` };
    if (entry.hash !== anchor.hash) return altered(anchor.seq, `entry ${anchor.seq} or an entry before it was rewritten: its hash differs from the anchor posted for it`);
  }
  if (options.head) {
    const head = options.head;
    if (head.seq > prev.seq) {
      return { ok: false, seq: prev.seq + 1, reason: 'missing', message: `entry ${prev.seq + 1} is missing: the chain head says the log runs to entry ${head.seq}` };
    }
    if (head.seq < prev.seq) {
      return altered(head.seq + 1, `entry ${head.seq + 1} was added outside the audit log: the chain head ends at entry ${head.seq}`);
    }
    if (head.hash !== prev.hash) {
      return altered(prev.seq, `entry ${prev.seq} was rewritten: the chain head records a different hash for it`);
    }
  }
  return { ok: true, count: entries.length, last: prev };
}

function seqProblem(entries: readonly AuditEntry[], index: number, expected: number): AuditChainResult {
  const entry = entries[index] as AuditEntry;
  if (entry.seq < expected) {
    return { ok: false, seq: entry.seq, reason: 'reordered', message: `entry ${entry.seq} appears again after entry ${expected - 1}` };
  }
  const later = entries.slice(index + 1).some((e) => e.seq === expected);
  return later
    ? { ok: false, seq: entry.seq, reason: 'reordered', message: `entry ${entry.seq} is out of order: it comes before entry ${expected}` }
    : { ok: false, seq: expected, reason: 'missing', message: `entry ${expected} is missing: ${expected === 1 ? `the log starts at entry ${entry.seq}` : `entry ${entry.seq} follows entry ${expected - 1}`}` };
}

function altered(seq: number, message: string): AuditChainResult {
  return { ok: false, seq, reason: 'altered', message };
}
