/** The shape of an audit export: audit.jsonl (one canonical entry per line) plus manifest.json. */

export const AUDIT_EXPORT_FILE = 'audit.jsonl';
export const AUDIT_MANIFEST_FILE = 'manifest.json';
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
  exportedAt: string;
  /** The requested window: since inclusive, until exclusive; null when open. */
  range: { since: string | null; until: string | null };
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  /** prevHash of the first exported entry: where this slice hangs off the full chain. */
  anchorPrevHash: string | null;
  lastHash: string | null;
  /** The database's chain head when the export was taken. */
  head: { seq: number; hash: string };
  /** Audit key ids the exported entries were chained with (absent in exports from before keys). */
  keyIds?: string[];
  files: AuditExportFile[];
}
