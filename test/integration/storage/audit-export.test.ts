import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAuditExport, runAuditExportVerify } from '../../../bot/audit/audit-commands';
import type { AuditExportManifest } from '../../../bot/audit/audit-export-manifest';
import { exportAudit } from '../../../bot/audit/export-audit';
import { verifyAuditExport } from '../../../bot/audit/verify-audit-export';
import { describeEachStorage } from '../../support/storages';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T00:00:00Z');
const NOW = Date.parse('2026-03-10T12:00:00Z');

describeEachStorage('breakglass audit export', (current) => {
  let dir: string;
  const lines: string[] = [];
  const print = (line: string): void => {
    lines.push(line);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'breakglass-export-'));
    lines.length = 0;
    // One entry per day, 1 to 6 March.
    for (let i = 0; i < 6; i += 1) await current().storage.appendAudit({ at: T0 + i * DAY, actorEntraId: 'oid-1', type: 'step', data: { day: i + 1 } });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes audit.jsonl and a manifest whose SHA-256 and counts match, and verifies round-trip', async () => {
    const out = join(dir, 'all');
    expect(await runAuditExport(current().storage, { outDir: out, now: NOW }, print)).toBe(0);
    const body = readFileSync(join(out, 'audit.jsonl'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as AuditExportManifest;
    expect(manifest).toMatchObject({
      format: 'breakglass-audit-export',
      version: 1,
      exportedAt: '2026-03-10T12:00:00.000Z',
      entries: 6,
      firstSeq: 1,
      lastSeq: 6,
      head: await current().storage.getAuditHead(),
      files: [{ name: 'audit.jsonl', sha256: createHash('sha256').update(body).digest('hex'), bytes: body.length, lines: 6 }],
    });
    const exported = body.toString().trimEnd().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(exported).toEqual(await current().storage.listAudit({}));
    expect(lines[0]).toBe(`Exported 6 entries (1 to 6) to ${join(out, 'audit.jsonl')}, SHA-256 ${manifest.files[0]!.sha256}.`);

    lines.length = 0;
    expect(await runAuditExportVerify(out, print)).toBe(0);
    expect(lines).toEqual(['Export intact: 6 entries (1 to 6), files match manifest.json (taken 2026-03-10T12:00:00.000Z).']);
  });

  it('exports a window (since inclusive, until exclusive) that still verifies on its own', async () => {
    const out = join(dir, 'window');
    expect(await runAuditExport(current().storage, { outDir: out, since: '2026-03-02', until: '2026-03-05T00:00:00' }, print)).toBe(0);
    expect(lines[0]).toMatch(/^Exported 3 entries \(2 to 4\)/);
    expect(await verifyAuditExport(out)).toMatchObject({ ok: true, entries: 3 });
  });

  it('detects an edited line, naming the file and the entry', async () => {
    const out = join(dir, 'edited');
    await exportAudit(current().storage, { outDir: out, now: NOW });
    const path = join(out, 'audit.jsonl');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"day":3', '"day":33'));
    expect(await runAuditExportVerify(out, print)).toBe(1);
    expect(lines).toEqual([
      'Export damaged: audit.jsonl does not match the SHA-256 recorded in manifest.json.',
      'Export damaged: entry 3 was changed after it was written: its contents no longer match its hash.',
    ]);
  });

  it('detects lines that were reordered or removed', async () => {
    const out = join(dir, 'moved');
    await exportAudit(current().storage, { outDir: out, now: NOW });
    const path = join(out, 'audit.jsonl');
    const original = readFileSync(path, 'utf8').trimEnd().split('\n');
    const swapped = [...original];
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    writeFileSync(path, `${swapped.join('\n')}\n`);
    expect(await verifyAuditExport(out)).toMatchObject({ ok: false, seq: 3 });
    writeFileSync(path, `${original.filter((_, i) => i !== 3).join('\n')}\n`);
    expect(await verifyAuditExport(out)).toMatchObject({ ok: false, seq: 4 });
  });

  it('refuses to overwrite an earlier export and rejects a date it cannot read', async () => {
    const out = join(dir, 'twice');
    expect(await runAuditExport(current().storage, { outDir: out }, print)).toBe(0);
    const first = readFileSync(join(out, 'audit.jsonl'), 'utf8');
    lines.length = 0;
    expect(await runAuditExport(current().storage, { outDir: out }, print)).toBe(2);
    expect(lines).toEqual([`${join(out, 'audit.jsonl')} already exists; choose an empty directory so an earlier export is not overwritten.`]);
    expect(readFileSync(join(out, 'audit.jsonl'), 'utf8')).toBe(first);

    lines.length = 0;
    expect(await runAuditExport(current().storage, { outDir: join(dir, 'bad'), since: 'last tuesday' }, print)).toBe(2);
    expect(lines).toEqual(['--since "last tuesday" is not a date; use e.g. 2026-01-31 or 2026-01-31T08:00:00Z.']);
  });
});
