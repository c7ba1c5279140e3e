import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { AUDIT_EXPORT_FORMAT, AUDIT_MANIFEST_FILE, SHA256SUMS_FILE, sha256SumsText, type AuditExportManifest } from '../audit/audit-export-manifest';
import { once } from 'node:events';
import { isBreakglassError } from '../core/errors';
import type { GraphPort } from '../ports/graph-port';
import type { Logger } from '../core/logger';
import type { Clock } from '../ports/clock';
import type { EffectContext } from '../runtime/effect-handler';
import type { Storage } from '../ports/storage';
import type { ExportEffect } from '../../workflows/effects';

interface ExportedFile {
  name: string;
  count: number;
  sha256: string;
}

/** Writes records as JSONL while hashing, so nothing is held in memory. */
async function writeJsonl(path: string, pages: AsyncIterable<readonly unknown[]>): Promise<{ count: number; sha256: string; bytes: number }> {
  const out = createWriteStream(path, { flags: 'wx' });
  const hash = createHash('sha256');
  let count = 0;
  let bytes = 0;
  try {
    for await (const page of pages) {
      for (const record of page) {
        const line = `${JSON.stringify(record)}\n`;
        hash.update(line);
        bytes += Buffer.byteLength(line, 'utf8');
        count++;
        if (!out.write(line)) await once(out, 'drain');
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { count, sha256: hash.digest('hex'), bytes };
}

async function* single<T>(items: readonly T[]): AsyncIterable<readonly T[]> {
  yield items;
}

/**
 * Step 8: sign-ins and directory audits for the incident window plus the
 * incident's own audit trail, as JSONL files with a SHA-256 manifest, for
 * forensic and legal use. Graph failing is reported back, not retried blindly.
 */
export function createLogExportEffect(deps: { graph: GraphPort; storage: Pick<Storage, 'listAudit'>; clock: Clock; logger: Logger; exportDir: string }) {
  return async (effect: ExportEffect, ctx: EffectContext) => {
    const { since, until, tag } = effect.params;
    const dir = join(deps.exportDir, `${ctx.workflowId}-${new Date(deps.clock.now()).toISOString().replace(/[:.]/g, '-')}-${ctx.seq}`);
    try {
      await mkdir(dir, { recursive: true });
      const files: Array<ExportedFile & { bytes: number }> = [];
      // Names relative to the working directory: enough to find the files, without the server's layout.
      const add = async (name: string, pages: AsyncIterable<readonly unknown[]>) => files.push({ name: relative(process.cwd(), join(dir, name)), ...(await writeJsonl(join(dir, name), pages)) });
      await add('incident-audit.jsonl', single(await deps.storage.listAudit({ workflowId: ctx.workflowId })));
      await add('signins.jsonl', deps.graph.signIns({ since, until }));
      await add('directory-audits.jsonl', deps.graph.directoryAudits({ since, until }));
      // The same manifest format as `audit export`, with bare names, so `audit verify --export` and `sha256sum -c` both work in the folder.
      const listed = files.map((f) => ({ name: basename(f.name), sha256: f.sha256, bytes: f.bytes, lines: f.count }));
      const manifest: AuditExportManifest = {
        format: AUDIT_EXPORT_FORMAT,
        version: 1,
        kind: 'incident',
        workflowId: ctx.workflowId,
        exportedAt: new Date(deps.clock.now()).toISOString(),
        range: { since, until },
        entries: files[0]?.count ?? 0,
        firstSeq: null,
        lastSeq: null,
        anchorPrevHash: null,
        lastHash: null,
        files: listed,
      };
      await writeFile(join(dir, AUDIT_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
      await writeFile(join(dir, SHA256SUMS_FILE), sha256SumsText(listed));
      return { type: 'export.succeeded', files: files.map(({ name, count, sha256 }) => ({ name, count, sha256 })), ...(tag ? { tag } : {}) };
    } catch (e) {
      deps.logger.warn({ err: e, workflowId: ctx.workflowId, dir }, 'log export failed');
      const message = isBreakglassError(e) ? e.userMessage : 'Writing the export files failed.';
      return { type: 'export.failed', error: { code: isBreakglassError(e) ? e.code : 'internal', message }, ...(tag ? { tag } : {}) };
    }
  };
}
