import { createHash, createHmac } from 'node:crypto';
import type { AuditEntry, AuditEntryInput } from '../ports/storage';
import { canonicalJson } from '../shared/canonical-json';

/** prevHash of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64);

/** Where the chain stands: the last entry's seq and hash (seq 0 and GENESIS_HASH when empty). */
export interface AuditChainHead {
  seq: number;
  hash: string;
}

export const GENESIS_HEAD: AuditChainHead = { seq: 0, hash: GENESIS_HASH };

/**
 * The HMAC key entries are chained with. It lives outside the database
 * (environment or a key file), so a database writer cannot recompute the chain.
 */
export interface AuditKey {
  /** Recorded on every entry chained with this key, so verify can pick it after rotation. */
  id: string;
  secret: Buffer;
}

/**
 * The exact fields the hash covers: everything but the hashes, with absent
 * actors/workflow as null and data as it reads back from JSON, so an entry
 * read from the database or an export hashes like the one that was written.
 * keyId is covered only when set, so legacy (unkeyed) entries hash as before.
 */
export interface HashedAuditFields {
  seq: number;
  at: number;
  actorEntraId: string | null;
  actorPlatformId: string | null;
  workflowId: string | null;
  type: string;
  data: Record<string, unknown>;
  keyId?: string;
}

export function hashedAuditFields(entry: AuditEntryInput & { seq: number; keyId?: string | null }): HashedAuditFields {
  return {
    seq: entry.seq,
    at: entry.at,
    actorEntraId: entry.actorEntraId ?? null,
    actorPlatformId: entry.actorPlatformId ?? null,
    workflowId: entry.workflowId ?? null,
    type: entry.type,
    data: JSON.parse(canonicalJson(entry.data)) as Record<string, unknown>,
    ...(entry.keyId ? { keyId: entry.keyId } : {}),
  };
}

/**
 * Keyed entries: hash = HMAC-SHA256(key, prevHash || canonical JSON of the entry without its hashes).
 * Legacy entries (no key id): hash = sha256(same), kept so old rows still verify.
 */
export function auditEntryHash(prevHash: string, entry: AuditEntryInput & { seq: number; keyId?: string | null }, key?: AuditKey): string {
  const text = prevHash + canonicalJson(hashedAuditFields(entry));
  if (entry.keyId) {
    if (!key || key.id !== entry.keyId) throw new Error(`audit entry ${entry.seq} needs key ${entry.keyId}`);
    return createHmac('sha256', key.secret).update(text, 'utf8').digest('hex');
  }
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The entry that follows `head` in the chain; keyed when a key is given. */
export function chainAuditEntry(head: AuditChainHead, input: AuditEntryInput, key?: AuditKey): AuditEntry {
  const fields = hashedAuditFields({ ...input, seq: head.seq + 1, keyId: key?.id ?? null });
  return { ...fields, prevHash: head.hash, hash: auditEntryHash(head.hash, fields, key) };
}
