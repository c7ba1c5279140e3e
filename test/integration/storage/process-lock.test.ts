import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../adapters/storage/open-storage';
import { isBreakglassError } from '../../../bot/core/errors';
import { describeEachStorage } from '../../support/storages';
import { holdStorageInChild, killAndWait, runStorageChild } from './child-process';

describeEachStorage('a second process on the same database', (current, dialect) => {
  if (dialect === 'sqlite') {
    it('is refused with a message naming the file while the first one runs', async () => {
      const { sqlitePath } = current().openOptions;
      const child = await runStorageChild(current().openOptions);
      expect(child.code).not.toBe(0);
      expect(child.stdout).not.toContain('ready');
      expect(child.stderr).toContain(`storage.locked: Another breakglass process is using ${sqlitePath}`);
      // The refused process wrote nothing.
      expect(await current().query('SELECT * FROM inbox')).toEqual([]);
    });

    it('is refused inside one process too (a second storage on the same file)', async () => {
      const error = await current().openAnother().catch((e: unknown) => e);
      expect(isBreakglassError(error) && error.code).toBe('storage.locked');
    });

    it('starts once the first one has closed the file', async () => {
      await current().storage.close();
      const child = await runStorageChild(current().openOptions);
      expect(child).toMatchObject({ code: 0, stderr: '' });
    });

    it('starts after the first one was killed with SIGKILL, and sees what it wrote', async () => {
      await current().storage.close();
      const holder = await holdStorageInChild(current().openOptions);
      const whileHeld = await openStorage(current().openOptions).catch((e: unknown) => e);
      expect(isBreakglassError(whileHeld) && whileHeld.code).toBe('storage.locked');

      await killAndWait(holder, 'SIGKILL');
      const next = await openStorage(current().openOptions);
      try {
        expect(await next.recordDelivery(`child:${holder.pid}`, 0)).toBe(false);
      } finally {
        await next.close();
      }
    });

    it('a read-only tool can read next to the running bot', async () => {
      await current().storage.appendAudit({ at: 1, type: 'breakglass.declared', data: {} });
      const reader = await openStorage({ ...current().openOptions, readOnly: true });
      try {
        expect((await reader.listAudit({})).map((e) => e.type)).toEqual(['breakglass.declared']);
        // Whether the driver throws or reports nothing inserted, the tool must not write.
        expect(await reader.recordDelivery('k', 1).catch(() => false)).toBe(false);
        expect(await current().storage.recordDelivery('k', 1)).toBe(true);
      } finally {
        await reader.close();
      }
    });
  }

  if (dialect === 'postgres') {
    it('works next to the first one (replicas share PostgreSQL)', async () => {
      const child = await runStorageChild(current().openOptions);
      expect(child).toMatchObject({ code: 0, stderr: '' });
      expect(child.stdout).toContain('ready');
      expect(await current().query('SELECT delivery_key FROM inbox')).toHaveLength(1);
    });

    it('a read-only tool reads but cannot write', async () => {
      await current().storage.appendAudit({ at: 1, type: 'breakglass.declared', data: {} });
      const reader = await openStorage({ ...current().openOptions, readOnly: true });
      try {
        expect((await reader.listAudit({})).map((e) => e.type)).toEqual(['breakglass.declared']);
        await expect(reader.recordDelivery('k', 1)).rejects.toThrow(/read-only transaction/);
        expect(await current().storage.recordDelivery('k', 1)).toBe(true);
      } finally {
        await reader.close();
      }
    });
  }
});

describe('the default SQLite file', () => {
  it('is ./data/breakglass.db, created with its folder on first start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breakglass-default-'));
    try {
      const child = await runStorageChild({}, dir);
      expect(child).toMatchObject({ code: 0, stderr: '' });
      expect(existsSync(join(dir, 'data', 'breakglass.db'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
