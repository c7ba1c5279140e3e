import { createHash } from 'node:crypto';
import { auditEntryHash, chainAuditEntry, GENESIS_HASH, GENESIS_HEAD } from '../../../bot/audit/audit-hash';
import { verifyAuditChain } from '../../../bot/audit/verify-audit-chain';
import type { AuditEntry } from '../../../bot/ports/storage';

const T0 = Date.parse('2026-03-01T09:00:00Z');

function chain(n: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = GENESIS_HEAD;
  for (let i = 1; i <= n; i += 1) {
    const entry = chainAuditEntry(head, { at: T0 + i, actorEntraId: 'oid-1', workflowId: 'wf-1', type: 'step', data: { i } });
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  }
  return entries;
}

function headOf(entries: AuditEntry[]): { seq: number; hash: string } {
  const last = entries[entries.length - 1]!;
  return { seq: last.seq, hash: last.hash };
}

describe('audit hash', () => {
  it('is sha256(prevHash || canonical entry without hashes), so anyone can recompute it', () => {
    const entry = chainAuditEntry(GENESIS_HEAD, { at: 5, type: 'breakglass.declared', data: { z: 1, a: 'x' } });
    const canonical = '{"actorEntraId":null,"actorPlatformId":null,"at":5,"data":{"a":"x","z":1},"seq":1,"type":"breakglass.declared","workflowId":null}';
    expect(entry.prevHash).toBe(GENESIS_HASH);
    expect(entry.hash).toBe(createHash('sha256').update(GENESIS_HASH + canonical).digest('hex'));
    expect(auditEntryHash(entry.prevHash, entry)).toBe(entry.hash);
  });
});

describe('verifyAuditChain', () => {
  it('accepts an intact chain and an empty one', () => {
    const entries = chain(5);
    expect(verifyAuditChain(entries, { head: headOf(entries) })).toEqual({ ok: true, count: 5, last: headOf(entries) });
    expect(verifyAuditChain([], { head: GENESIS_HEAD })).toMatchObject({ ok: true, count: 0 });
  });

  it('names an entry whose data was edited', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, data: { i: 300 } };
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, seq: 3, reason: 'altered' });
  });

  it('names an entry that was rewritten with a fresh hash, by the link the next entry keeps', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, actorEntraId: 'oid-attacker' };
    entries[2] = { ...forged, hash: auditEntryHash(forged.prevHash, forged) };
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, seq: 3, reason: 'altered' });
  });

  it('names the missing entry when one was deleted', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, seq: 2, reason: 'missing', message: 'entry 2 is missing: entry 3 follows entry 1' });
    expect(verifyAuditChain(chain(3).slice(1))).toMatchObject({ ok: false, seq: 1, reason: 'missing' });
  });

  it('names entries that were moved out of order', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, seq: 3, reason: 'reordered' });
    const duplicated = [...chain(3), chain(3)[1]!];
    expect(verifyAuditChain(duplicated)).toMatchObject({ ok: false, seq: 2, reason: 'reordered' });
  });

  it('catches entries cut off the end, or the last one rewritten, against the recorded head', () => {
    const entries = chain(5);
    expect(verifyAuditChain(entries.slice(0, 3), { head: headOf(entries) })).toMatchObject({ ok: false, seq: 4, reason: 'missing' });
    const last = { ...entries[4]!, data: { i: 'forged' } };
    const rewritten = [...entries.slice(0, 4), { ...last, hash: auditEntryHash(last.prevHash, last) }];
    expect(verifyAuditChain(rewritten)).toMatchObject({ ok: true });
    expect(verifyAuditChain(rewritten, { head: headOf(entries) })).toMatchObject({ ok: false, seq: 5, reason: 'altered' });
  });

  it('verifies a slice from the entry before it', () => {
    const entries = chain(6);
    const slice = entries.slice(3);
    expect(verifyAuditChain(slice)).toMatchObject({ ok: false, reason: 'missing' });
    expect(verifyAuditChain(slice, { from: { seq: 3, hash: entries[2]!.hash } })).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses a first entry that claims something came before it', () => {
    const forged = { ...chain(1)[0]!, prevHash: 'f'.repeat(64) };
    const entries = [{ ...forged, hash: auditEntryHash(forged.prevHash, forged) }];
    expect(verifyAuditChain(entries)).toMatchObject({ ok: false, seq: 1, reason: 'altered' });
  });
});
