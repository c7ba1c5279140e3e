import { openStorage } from '../adapters/storage/open-storage';
import { readAuditKeyring } from '../bot/audit/audit-keyring';
import type { EnvSettings } from '../bot/config/env';
import type { Logger } from '../bot/core/logger';
import type { Storage } from '../bot/ports/storage';

/** PostgreSQL (DATABASE_URL) or SQLite, migrated, with what a stopped process had claimed taken back. */
export async function openMigratedStorage(env: EnvSettings, logger: Logger): Promise<Storage> {
  const auditKey = readAuditKeyring(process.env, env.databaseUrl ? undefined : env.sqlitePath).current;
  const storage = await openStorage(env.databaseUrl ? { databaseUrl: env.databaseUrl, auditKey } : { sqlitePath: env.sqlitePath, auditKey });
  await storage.migrate();
  const released = await storage.releaseOrphanedClaims();
  if (released > 0) logger.warn({ released }, 'took back timers and messages a stopped process had claimed; they run now');
  logger.info({ database: storage.dialect === 'sqlite' ? `sqlite:${env.sqlitePath}` : 'postgresql' }, 'storage ready');
  return storage;
}
