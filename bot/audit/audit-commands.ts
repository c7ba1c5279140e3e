import { join } from 'node:path';
import type { Storage } from '../ports/storage';
import { AUDIT_EXPORT_FILE, AUDIT_MANIFEST_FILE } from './audit-export-manifest';
import { AuditExportExistsError, exportAudit } from './export-audit';
import type { AuditChainHead, AuditKey } from './audit-hash';
import { verifyAuditChain } from './verify-audit-chain';
import { verifyAuditExport } from './verify-audit-export';

/** Where a command prints its plain-text lines (console.log works). */
export type PrintLine = (line: string) => void;

/** Exit codes: 0 fine, 1 the audit trail (or export) is damaged, 2 bad arguments or I/O. */
export const EXIT_OK = 0;
export const EXIT_DAMAGED = 1;
export const EXIT_USAGE = 2;

export interface AuditVerifyArgs {
  /** Current and retired HMAC keys by id (BREAKGLASS_AUDIT_KEY, BREAKGLASS_AUDIT_RETIRED_KEYS). */
  keyring: ReadonlyMap<string, AuditKey>;
  /** Heads posted to the log (--anchor SEQ:HEAD, --anchors-from FILE). */
  anchors?: readonly AuditChainHead[];
}

/** `breakglass audit verify`: recomputes the whole chain (HMACs with the keyring) against the stored head and the anchors. */
export async function runAuditVerify(storage: Pick<Storage, 'listAudit' | 'getAuditHead'>, out: PrintLine, args: AuditVerifyArgs = { keyring: new Map() }): Promise<number> {
  const head = await storage.getAuditHead();
  const entries = await storage.listAudit({});
  const result = verifyAuditChain(entries, { head, keyring: args.keyring, anchors: args.anchors ?? [] });
  if (!result.ok) {
    out(`Audit log damaged: ${result.message}.`);
    const entry = entries.find((e) => e.seq === result.seq);
    if (entry) out(`Entry ${entry.seq}: ${entry.type} at ${new Date(entry.at).toISOString()}${entry.workflowId ? ` in workflow ${entry.workflowId}` : ''}.`);
    return EXIT_DAMAGED;
  }
  out(result.count === 0 ? 'Audit log is empty; nothing to verify.' : `Audit log intact: ${result.count} entries (1 to ${result.last.seq}), head ${result.last.hash}.`);
  // Unkeyed (pre-key) entries are only as good as plain sha256: anyone with database access can recompute them.
  const unkeyed = entries.filter((e) => !e.keyId).length;
  if (unkeyed > 0) out(`Warning: ${unkeyed} of ${entries.length} entries have no audit key (plain sha256, written before a key was set); only anchors protect them.`);
  if (args.anchors?.length) out(`Anchors matched: ${args.anchors.length} (last at entry ${Math.max(...args.anchors.map((a) => a.seq))}).`);
  return EXIT_OK;
}

export interface AuditExportArgs {
  outDir: string;
  /** As typed on the command line: 2026-01-31 (UTC midnight) or an ISO time. Inclusive. */
  since?: string;
  /** Same forms as since. Exclusive. */
  until?: string;
  now?: number;
}

/** `breakglass audit export --out DIR [--since --until]`. */
export async function runAuditExport(
  storage: Pick<Storage, 'listAudit' | 'getAuditHead'>,
  args: AuditExportArgs,
  out: PrintLine,
): Promise<number> {
  const since = parseTimeArg('--since', args.since, out);
  const until = parseTimeArg('--until', args.until, out);
  if (since === null || until === null) return EXIT_USAGE;
  if (since !== undefined && until !== undefined && since >= until) {
    out('--since must be earlier than --until.');
    return EXIT_USAGE;
  }
  let manifest;
  try {
    manifest = await exportAudit(storage, { outDir: args.outDir, since, until, now: args.now });
  } catch (e) {
    if (e instanceof AuditExportExistsError) {
      out(`${e.path} already exists; choose an empty directory so an earlier export is not overwritten.`);
      return EXIT_USAGE;
    }
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('E')) {
      out(`Cannot write the export to ${args.outDir} (${code}).`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const file = manifest.files[0];
  const seqs = manifest.entries === 0 ? 'no entries' : `${manifest.entries} entries (${manifest.firstSeq} to ${manifest.lastSeq})`;
  out(`Exported ${seqs} to ${join(args.outDir, AUDIT_EXPORT_FILE)}${file ? `, SHA-256 ${file.sha256}` : ''}.`);
  out(`Manifest: ${join(args.outDir, AUDIT_MANIFEST_FILE)}.`);
  // The export is a faithful copy either way; say so when what it copied is damaged.
  const check = await verifyAuditExport(args.outDir);
  if (!check.ok) {
    for (const problem of check.problems) out(`Warning: ${problem}.`);
    return EXIT_DAMAGED;
  }
  return EXIT_OK;
}

/** `breakglass audit verify --export DIR`: checks an export's files and chain. */
export async function runAuditExportVerify(dir: string, out: PrintLine): Promise<number> {
  const check = await verifyAuditExport(dir);
  if (!check.ok) {
    for (const problem of check.problems) out(`Export damaged: ${problem}.`);
    return EXIT_DAMAGED;
  }
  const m = check.manifest;
  if (m.kind === 'incident') {
    out(`Export intact: incident ${m.workflowId ?? ''} evidence, ${m.files.length} files match manifest.json (taken ${m.exportedAt}).`.replace('  ', ' '));
    out(`Its ${m.entries === 1 ? '1 audit entry is' : `${m.entries} audit entries are`} that incident's alone, so their place in the chain is checked with audit verify against the database.`);
    return EXIT_OK;
  }
  out(
    check.entries === 0
      ? `Export intact: no entries (taken ${m.exportedAt}).`
      : `Export intact: ${check.entries} entries (${m.firstSeq} to ${m.lastSeq}), files match manifest.json (taken ${m.exportedAt}).`,
  );
  // Without the key an export can only prove it is self-consistent, not that the bot wrote it.
  if (m.keyIds?.length) out(`Chained with audit key ${m.keyIds.join(', ')}: the HMACs were not recomputed here; run audit verify with the key against the database, or compare lastHash with an anchor.`);
  return EXIT_OK;
}

/** undefined when absent, null when unreadable (after saying why). */
function parseTimeArg(flag: string, text: string | undefined, out: PrintLine): number | undefined | null {
  if (text === undefined || text === '') return undefined;
  // A time without a zone is read as UTC, like a bare date, never as this machine's zone.
  const zoned = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text) ? `${text}Z` : text;
  const ms = /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(text) ? Date.parse(zoned) : Number.NaN;
  if (Number.isNaN(ms)) {
    out(`${flag} ${JSON.stringify(text)} is not a date; use e.g. 2026-01-31 or 2026-01-31T08:00:00Z.`);
    return null;
  }
  return ms;
}
