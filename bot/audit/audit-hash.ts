import { createHash } from 'node:crypto';
import type { AuditEntry, AuditEntryInput } from '../runtime/storage';
import { canonicalJson } from './canonical-json';

/** prevHash of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where the chain stands: the last entry's seq and hash (seq 0 and GENESIS_HASH when empty). */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

export const GENESIS_HEAD: AuditChainHead = { seq: 0, hash: GENESIS_HASH };

/**
 * The exact fields the hash covers: everything but the hashes, with absent
 * actors/workflow as null and data as it reads back from JSON, so an entry
 * read from the database or an export hashes like the one that was written.
 */
export interface HashedAuditFields {
  seq: number;
  at: number;
  actorEntraId: string | null;
  actorPlatformId: string | null;
  workflowId: string | null;
  type: string;
  data: Record<string, unknown>;
}

export function hashedAuditFields(entry: AuditEntryInput & { seq: number }): HashedAuditFields {
  return {
    seq: entry.seq,
    at: entry.at,
    actorEntraId: entry.actorEntraId ?? null,
    actorPlatformId: entry.actorPlatformId ?? null,
    workflowId: entry.workflowId ?? null,
    type: entry.type,
    data: JSON.parse(canonicalJson(entry.data)) as Record<string, unknown>,
  };
}

/** hash = sha256(prevHash || canonical JSON of the entry without its hashes), hex. */
export function auditEntryHash(prevHash: string, entry: AuditEntryInput & { seq: number }): string {
  return createHash('sha256')
    .update(prevHash + canonicalJson(hashedAuditFields(entry)), 'utf8')
    .digest('hex');
}

/** The entry that follows `head` in the chain. */
export function chainAuditEntry(head: AuditChainHead, input: AuditEntryInput): AuditEntry {
  const fields = hashedAuditFields({ ...input, seq: head.seq + 1 });
  return { ...fields, prevHash: head.hash, hash: auditEntryHash(head.hash, fields) };
}
