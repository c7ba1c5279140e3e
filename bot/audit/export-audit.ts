import { createHash } from 'node:crypto';
import { access, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Storage } from '../ports/storage';
import { canonicalJson } from '../shared/canonical-json';
import { AUDIT_EXPORT_FILE, AUDIT_EXPORT_FORMAT, AUDIT_MANIFEST_FILE, SHA256SUMS_FILE, sha256SumsText, type AuditExportManifest } from './audit-export-manifest';

export interface ExportAuditOptions {
  outDir: string;
  /** Epoch ms, inclusive. */
  since?: number;
  /** Epoch ms, exclusive. */
  until?: number;
  /** When the export is taken (epoch ms); defaults to now. */
  now?: number;
}

/**
 * Writes the audit entries in the window to outDir/audit.jsonl and a manifest
 * with the file's SHA-256. Refuses to overwrite an earlier export: it may be evidence.
 */
export async function exportAudit(
  storage: Pick<Storage, 'listAudit' | 'getAuditHead'>,
  options: ExportAuditOptions,
): Promise<AuditExportManifest> {
  // Head first: entries appended while we list are then newer than the head we record.
  const head = await storage.getAuditHead();
  const entries = await storage.listAudit({ since: options.since, until: options.until });
  const body = entries.map((e) => `${canonicalJson(e)}\n`).join('');
  const first = entries[0];
  const last = entries[entries.length - 1];
  const manifest: AuditExportManifest = {
    format: AUDIT_EXPORT_FORMAT,
    version: 1,
    kind: 'audit',
    exportedAt: new Date(options.now ?? Date.now()).toISOString(),
    range: { since: isoOrNull(options.since), until: isoOrNull(options.until) },
    entries: entries.length,
    firstSeq: first?.seq ?? null,
    lastSeq: last?.seq ?? null,
    anchorPrevHash: first?.prevHash ?? null,
    lastHash: last?.hash ?? null,
    head,
    keyIds: [...new Set(entries.flatMap((e) => (e.keyId ? [e.keyId] : [])))],
    files: [{ name: AUDIT_EXPORT_FILE, sha256: sha256Hex(body), bytes: Buffer.byteLength(body, 'utf8'), lines: entries.length }],
  };
  await mkdir(options.outDir, { recursive: true });
  await refuseExisting(options.outDir);
  await writeFile(join(options.outDir, AUDIT_EXPORT_FILE), body, { flag: 'wx' });
  await writeFile(join(options.outDir, AUDIT_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
  await writeFile(join(options.outDir, SHA256SUMS_FILE), sha256SumsText(manifest.files), { flag: 'wx' });
  return manifest;
}

/** Thrown (code EEXIST) when outDir already holds an export. */
export class AuditExportExistsError extends Error {
  readonly code = 'EEXIST';
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = 'AuditExportExistsError';
  }
}

async function refuseExisting(outDir: string): Promise<void> {
  for (const name of [AUDIT_EXPORT_FILE, AUDIT_MANIFEST_FILE, SHA256SUMS_FILE]) {
    const path = join(outDir, name);
    const exists = await access(path).then(
      () => true,
      () => false,
    );
    if (exists) throw new AuditExportExistsError(path);
  }
}

export function sha256Hex(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

function isoOrNull(ms: number | undefined): string | null {
  return ms === undefined ? null : new Date(ms).toISOString();
}
