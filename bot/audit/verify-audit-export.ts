import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AuditEntry } from '../ports/storage';
import { AUDIT_EXPORT_FILE, AUDIT_EXPORT_FORMAT, AUDIT_MANIFEST_FILE, type AuditExportManifest } from './audit-export-manifest';
import { sha256Hex } from './export-audit';
import { verifyAuditChain } from './verify-audit-chain';

export type AuditExportCheck =
  | { ok: true; manifest: AuditExportManifest; entries: number }
  | { ok: false; problems: string[]; /** The first bad entry, when one can be named. */ seq?: number };

/**
 * Checks an export directory: every file against its SHA-256 in the manifest,
 * then the hash chain inside audit.jsonl, naming the first bad entry.
 */
export async function verifyAuditExport(dir: string): Promise<AuditExportCheck> {
  const manifest = await readManifest(dir);
  if (typeof manifest === 'string') return { ok: false, problems: [manifest] };

  const problems: string[] = [];
  let jsonl: string | undefined;
  for (const file of manifest.files) {
    if (file.name !== basename(file.name)) {
      problems.push(`manifest.json names a file outside the export directory: ${file.name}`);
      continue;
    }
    const content = await readFile(join(dir, file.name)).catch(() => undefined);
    if (content === undefined) {
      problems.push(`${file.name} is listed in manifest.json but missing`);
      continue;
    }
    if (sha256Hex(content) !== file.sha256) problems.push(`${file.name} does not match the SHA-256 recorded in manifest.json`);
    if (file.name === AUDIT_EXPORT_FILE) jsonl = content.toString('utf8');
  }
  // An incident's export holds that incident's entries only, not a contiguous slice: its files are checked, its chain cannot be.
  if (manifest.kind === 'incident') return problems.length === 0 ? { ok: true, manifest, entries: manifest.entries } : { ok: false, problems };
  if (jsonl === undefined) {
    if (!manifest.files.some((f) => f.name === AUDIT_EXPORT_FILE)) problems.push(`manifest.json does not list ${AUDIT_EXPORT_FILE}`);
    return { ok: false, problems };
  }

  const parsed = parseEntries(jsonl);
  if (typeof parsed === 'string') return { ok: false, problems: [...problems, parsed] };
  if (parsed.length !== manifest.entries) {
    problems.push(`${AUDIT_EXPORT_FILE} holds ${parsed.length} entries but manifest.json says ${manifest.entries}`);
  }
  const chain = verifyAuditChain(parsed, {
    from: manifest.firstSeq !== null && manifest.anchorPrevHash !== null ? { seq: manifest.firstSeq - 1, hash: manifest.anchorPrevHash } : undefined,
    head: manifest.lastSeq !== null && manifest.lastHash !== null ? { seq: manifest.lastSeq, hash: manifest.lastHash } : undefined,
  });
  if (!chain.ok) return { ok: false, problems: [...problems, chain.message], seq: chain.seq };
  return problems.length === 0 ? { ok: true, manifest, entries: parsed.length } : { ok: false, problems };
}

async function readManifest(dir: string): Promise<AuditExportManifest | string> {
  const text = await readFile(join(dir, AUDIT_MANIFEST_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return `${dir} has no ${AUDIT_MANIFEST_FILE}`;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `${AUDIT_MANIFEST_FILE} is not valid JSON`;
  }
  const m = value as Partial<AuditExportManifest> | null;
  if (!m || m.format !== AUDIT_EXPORT_FORMAT || m.version !== 1 || !Array.isArray(m.files)) {
    return `${AUDIT_MANIFEST_FILE} is not a breakglass audit export manifest (version 1)`;
  }
  return m as AuditExportManifest;
}

function parseEntries(jsonl: string): AuditEntry[] | string {
  const entries: AuditEntry[] = [];
  const lines = jsonl.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i += 1) {
    let value: unknown;
    try {
      value = JSON.parse(lines[i] as string);
    } catch {
      return `line ${i + 1} of ${AUDIT_EXPORT_FILE} is not valid JSON`;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return `line ${i + 1} of ${AUDIT_EXPORT_FILE} is not an audit entry`;
    entries.push(value as AuditEntry);
  }
  return entries;
}
