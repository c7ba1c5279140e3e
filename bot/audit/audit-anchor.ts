import type { Storage } from '../ports/storage';
import type { AuditChainHead } from './audit-hash';

/** How often the chain head is written to the log, beyond start-up and shutdown. */
export const AUDIT_ANCHOR_INTERVAL_MS = 15 * 60_000;
/** The log message anchors carry; `audit verify --anchors-from FILE` looks for it. */
export const AUDIT_ANCHOR_MESSAGE = 'audit chain anchor';

export interface AuditAnchorLogger {
  info(fields: Record<string, unknown>, message: string): void;
}

/**
 * Posts the chain head to the log, which a database writer cannot reach: `audit verify`
 * given these anchors catches any rewrite or truncation of entries up to them.
 */
export async function logAuditAnchor(storage: Pick<Storage, 'getAuditHead'>, logger: AuditAnchorLogger, keyId: string | undefined): Promise<AuditChainHead> {
  const head = await storage.getAuditHead();
  logger.info({ auditAnchor: { seq: head.seq, head: head.hash, keyId: keyId ?? null } }, AUDIT_ANCHOR_MESSAGE);
  return head;
}

/** `--anchor SEQ:HEAD` as typed; undefined when it is not that shape. */
export function parseAnchorArg(text: string): AuditChainHead | undefined {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: m[2] as string } : undefined;
}

/** Every anchor in a pino log (one JSON object a line); other lines are skipped. */
export function anchorsInLog(text: string): AuditChainHead[] {
  const anchors: AuditChainHead[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"auditAnchor"')) continue;
    try {
      const a = (JSON.parse(line) as { auditAnchor?: { seq?: unknown; head?: unknown } }).auditAnchor;
      if (a && typeof a.seq === 'number' && typeof a.head === 'string' && /^[0-9a-f]{64}$/.test(a.head)) anchors.push({ seq: a.seq, hash: a.head });
    } catch {
      // Not a JSON line: a log may mix in other output.
    }
  }
  return anchors;
}
