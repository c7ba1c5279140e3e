import { runAuditVerify } from '../../../bot/audit/audit-commands';
import { auditEntryHash } from '../../../bot/audit/audit-hash';
import type { Storage } from '../../../bot/ports/storage';
import { describeEachStorage } from '../../support/storages';

const T0 = Date.parse('2026-03-01T09:00:00Z');

async function appendFive(s: Storage): Promise<void> {
  for (let i = 1; i <= 5; i += 1) {
    await s.transaction((tx) =>
      tx.appendAudit({ at: T0 + i * 1000, actorEntraId: 'oid-alice', actorPlatformId: 'slack:U1', workflowId: 'wf-1', type: `step.${i}`, data: { approved: i % 2 === 0 } }),
    );
  }
}

async function verify(s: Storage): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const code = await runAuditVerify(s, (line) => lines.push(line));
  return { code, lines };
}

describeEachStorage('breakglass audit verify', (current) => {
  beforeEach(async () => appendFive(current().storage));

  it('passes an untouched log', async () => {
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(0);
    expect(lines[0]).toMatch(/^Audit log intact: 5 entries \(1 to 5\), head [0-9a-f]{64}\.$/);
  });

  it('fails and names the row whose data was edited with SQL', async () => {
    await current().exec(`UPDATE audit SET data = ? WHERE seq = 3`, ['{"approved":true}']);
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(1);
    expect(lines).toEqual([
      'Audit log damaged: entry 3 was changed after it was written: its contents no longer match its hash.',
      `Entry 3: step.3 at ${new Date(T0 + 3000).toISOString()} in workflow wf-1.`,
    ]);
  });

  it('fails on an edited actor even when the attacker recomputes that row hash', async () => {
    await current().exec(`UPDATE audit SET actor_entra_id = 'oid-mallory' WHERE seq = 2`);
    const [row] = await current().storage.listAudit({ since: T0 + 2000, until: T0 + 2001 });
    await current().exec('UPDATE audit SET hash = ? WHERE seq = 2', [auditEntryHash(row!.prevHash, row!)]);
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(1);
    expect(lines[0]).toContain('entry 2 was rewritten');
  });

  it('fails and names a deleted row', async () => {
    await current().exec('DELETE FROM audit WHERE seq = 4');
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(1);
    expect(lines[0]).toBe('Audit log damaged: entry 4 is missing: entry 5 follows entry 3.');
  });

  it('fails when the newest rows are deleted', async () => {
    await current().exec('DELETE FROM audit WHERE seq >= 4');
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(1);
    expect(lines[0]).toBe('Audit log damaged: entry 4 is missing: the chain head says the log runs to entry 5.');
  });

  it('fails when two rows swap places', async () => {
    await current().exec('UPDATE audit SET seq = -1 WHERE seq = 2');
    await current().exec('UPDATE audit SET seq = 2 WHERE seq = 3');
    await current().exec('UPDATE audit SET seq = 3 WHERE seq = -1');
    const { code, lines } = await verify(current().storage);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^Audit log damaged: entry 2 /);
  });
});
