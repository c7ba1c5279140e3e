import type { AuditEntry } from '../runtime/storage';
import { auditEntryHash, GENESIS_HEAD, type AuditChainHead } from './audit-hash';

export type AuditChainProblem = 'altered' | 'missing' | 'reordered';

export type AuditChainResult =
  | { ok: true; count: number; last: AuditChainHead }
  | { ok: false; seq: number; reason: AuditChainProblem; message: string };

export interface VerifyAuditChainOptions {
  /** What precedes the first entry: the genesis head, or for a partial export the entry before it. */
  from?: AuditChainHead;
  /** The recorded chain head; when given, entries cut off the end are caught too. */
  head?: AuditChainHead;
}

/**
 * Recomputes the chain over entries in the order given and names the first
 * entry that was altered, is missing (a gap in seq) or is out of order.
 */
export function verifyAuditChain(entries: readonly AuditEntry[], options: VerifyAuditChainOptions = {}): AuditChainResult {
  let prev = options.from ?? GENESIS_HEAD;
  for (let i = 0; i < entries.length; i += 1) {
    const entry = entries[i] as AuditEntry;
    const expected = prev.seq + 1;
    if (entry.seq !== expected) return seqProblem(entries, i, expected);
    if (auditEntryHash(entry.prevHash, entry) !== entry.hash) {
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
