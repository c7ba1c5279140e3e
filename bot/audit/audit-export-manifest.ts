/**
 * The one manifest format every export writes (`audit export` and an incident's
 * step-8 export): manifest.json plus SHA256SUMS, both naming files by bare name
 * so `sha256sum -c SHA256SUMS` works inside the folder.
 */

export const AUDIT_EXPORT_FILE = 'audit.jsonl';
export const AUDIT_MANIFEST_FILE = 'manifest.json';
/** The same hashes in coreutils' format, for checking without breakglass. */
export const SHA256SUMS_FILE = 'SHA256SUMS';
export const AUDIT_EXPORT_FORMAT = 'breakglass-audit-export';

export interface AuditExportFile {
  name: string;
  sha256: string;
  bytes: number;
  lines: number;
}

export interface AuditExportManifest {
  format: typeof AUDIT_EXPORT_FORMAT;
  version: 1;
  /** 'audit' (absent in older exports): a contiguous slice of the chain; 'incident': one incident's evidence. */
  kind?: 'audit' | 'incident';
  /** The incident an 'incident' export belongs to. */
  workflowId?: string;
  exportedAt: string;
  /** The requested window: since inclusive, until exclusive; null when open. */
  range: { since: string | null; until: string | null };
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** prevHash of the first exported entry: where this slice hangs off the full chain. */
  anchorPrevHash: string | null;
  lastHash: string | null;
  /** The database's chain head when the export was taken ('audit' exports). */
  head?: { seq: number; hash: string };
  /** Audit key ids the exported entries were chained with (absent in exports from before keys). */
  keyIds?: string[];
  files: AuditExportFile[];
}

/** `sha256sum` lines ("<hex>  <name>"), one per file. */
export function sha256SumsText(files: readonly Pick<AuditExportFile, 'name' | 'sha256'>[]): string {
  return files.map((f) => `${f.sha256}  ${f.name}\n`).join('');
}
