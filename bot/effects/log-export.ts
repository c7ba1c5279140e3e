import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
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
async function writeJsonl(path: string, pages: AsyncIterable<readonly unknown[]>): Promise<{ count: number; sha256: string }> {
  const out = createWriteStream(path, { flags: 'wx' });
  const hash = createHash('sha256');
  let count = 0;
  try {
    for await (const page of pages) {
      for (const record of page) {
        const line = `${JSON.stringify(record)}\n`;
        hash.update(line);
        count++;
        if (!out.write(line)) await once(out, 'drain');
      }
    }
  } finally {
    out.end();
    await once(out, 'close');
  }
  return { count, sha256: hash.digest('hex') };
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
      const files: ExportedFile[] = [];
      // Names relative to the working directory: enough to find the files, without the server's layout.
      const add = async (name: string, pages: AsyncIterable<readonly unknown[]>) => files.push({ name: relative(process.cwd(), join(dir, name)), ...(await writeJsonl(join(dir, name), pages)) });
      await add('incident-audit.jsonl', single(await deps.storage.listAudit({ workflowId: ctx.workflowId })));
      await add('signins.jsonl', deps.graph.signIns({ since, until }));
      await add('directory-audits.jsonl', deps.graph.directoryAudits({ since, until }));
      const manifest = { workflowId: ctx.workflowId, window: { since, until }, createdAt: new Date(deps.clock.now()).toISOString(), files };
      await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      return { type: 'export.succeeded', files, ...(tag ? { tag } : {}) };
    } catch (e) {
      deps.logger.warn({ err: e, workflowId: ctx.workflowId, dir }, 'log export failed');
      const message = isBreakglassError(e) ? e.userMessage : 'Writing the export files failed.';
      return { type: 'export.failed', error: { code: isBreakglassError(e) ? e.code : 'internal', message }, ...(tag ? { tag } : {}) };
    }
  };
}
