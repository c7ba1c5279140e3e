import { createHmac } from 'node:crypto';
import { chainAuditEntry, GENESIS_HASH, GENESIS_HEAD, type AuditKey } from '../../../bot/audit/audit-hash';
import { verifyAuditChain } from '../../../bot/audit/verify-audit-chain';
import type { AuditEntry } from '../../../bot/ports/storage';

const K1: AuditKey = { id: 'k1', secret: Buffer.from('1'.repeat(40)) };
const K2: AuditKey = { id: 'k2', secret: Buffer.from('2'.repeat(40)) };

/** Legacy entries, then entries under each key in turn, as an upgrade and a rotation leave them. */
function chain(keys: Array<AuditKey | undefined>): AuditEntry[] {
  const entries: AuditEntry[] = [];
  let head = GENESIS_HEAD;
  keys.forEach((key, i) => {
    const entry = chainAuditEntry(head, { at: i, actorEntraId: 'oid-1', type: 'step', data: { i } }, key);
    entries.push(entry);
    head = { seq: entry.seq, hash: entry.hash };
  });
  return entries;
}

const ring = (...keys: AuditKey[]) => new Map(keys.map((k) => [k.id, k]));

describe('keyed audit chain', () => {
  it('is HMAC-SHA256(key, prevHash || canonical entry with its key id)', () => {
    const [entry] = chain([K1]);
    const canonical = '{"actorEntraId":"oid-1","actorPlatformId":null,"at":0,"data":{"i":0},"keyId":"k1","seq":1,"type":"step","workflowId":null}';
    expect(entry!.keyId).toBe('k1');
    expect(entry!.hash).toBe(createHmac('sha256', K1.secret).update(GENESIS_HASH + canonical).digest('hex'));
  });

  it('verifies legacy entries, then entries under a retired key and the current one', () => {
    const entries = chain([undefined, undefined, K1, K1, K2]);
    expect(verifyAuditChain(entries, { keyring: ring(K1, K2) })).toMatchObject({ ok: true, count: 5 });
    expect(verifyAuditChain(entries, { keyring: ring(K2) })).toMatchObject({ ok: false, seq: 3, message: expect.stringContaining('"k1", which is not in the keyring') });
  });

  it('catches a chain recomputed with a wrong key', () => {
    const forged = chain([K1, { id: 'k1', secret: Buffer.from('x'.repeat(40)) }]);
    expect(verifyAuditChain(forged, { keyring: ring(K1) })).toMatchObject({ ok: false, seq: 2, reason: 'altered' });
  });

  it('catches a chain whose keyed entries were rewritten unkeyed', () => {
    expect(verifyAuditChain(chain([K1, undefined]), { keyring: ring(K1) })).toMatchObject({ ok: false, seq: 2 });
    expect(verifyAuditChain(chain([undefined, undefined]), { keyring: ring(K1) })).toMatchObject({ ok: false, seq: 1 });
  });

  it('catches a chain that does not pass through an anchor', () => {
    const entries = chain([K1, K1, K1]);
    const rewritten = chain([K1, K1]);
    const anchor = { seq: 3, hash: entries[2]!.hash };
    expect(verifyAuditChain(entries, { keyring: ring(K1), anchors: [anchor] })).toMatchObject({ ok: true });
    expect(verifyAuditChain(rewritten, { keyring: ring(K1), anchors: [anchor] })).toMatchObject({ ok: false, seq: 3, reason: 'missing' });
    const other = chain([K1, K1, K2]);
    expect(verifyAuditChain(other, { keyring: ring(K1, K2), anchors: [anchor] })).toMatchObject({ ok: false, seq: 3, reason: 'altered' });
  });
});
