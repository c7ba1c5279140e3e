import type { AuditKey } from '../../bot/audit/audit-hash';
import type { Storage } from '../../bot/ports/storage';
import { openPgDriver } from './pg-driver';
import { SqlStorage } from './sql-storage';
import { openSqliteDriver } from './sqlite-driver';

export const DEFAULT_SQLITE_PATH = './data/breakglass.db';

export interface OpenStorageOptions {
  /** postgres://... (DATABASE_URL). When set, PostgreSQL is used. */
  databaseUrl?: string;
  /** SQLite file (BREAKGLASS_DB); default ./data/breakglass.db, its folder created. */
  sqlitePath?: string;
  /** PostgreSQL schema to use instead of the URL's search_path (tests isolate themselves this way). */
  pgSchema?: string;
  /**
   * For tools that only read (audit verify/export) next to a running bot: SQLite opens the
   * file read-only without taking the one-process lock; PostgreSQL makes every transaction read-only.
   */
  readOnly?: boolean;
  /** SQLite statements on a thread of their own (default); false runs them on the calling thread. */
  sqliteThread?: boolean;
  /** The HMAC key new audit entries are chained with (BREAKGLASS_AUDIT_KEY); absent: legacy unkeyed. */
  auditKey?: AuditKey;
}

/**
 * PostgreSQL when a database URL is given, else SQLite. Throws
 * BreakglassError storage.unavailable (database unreachable) or storage.locked
 * (another process holds the SQLite file). Does not migrate: call migrate().
 */
export async function openStorage(options: OpenStorageOptions = {}): Promise<Storage> {
  return openSqlStorage(options);
}

/** As openStorage, typed as the SQL implementation (tests reach the driver for raw SQL). */
export async function openSqlStorage(options: OpenStorageOptions = {}): Promise<SqlStorage> {
  if (options.databaseUrl) {
    return new SqlStorage(await openPgDriver({ databaseUrl: options.databaseUrl, schema: options.pgSchema, readOnly: options.readOnly }), options.auditKey);
  }
  const onThread = options.sqliteThread ?? true;
  return new SqlStorage(await openSqliteDriver({ path: options.sqlitePath ?? DEFAULT_SQLITE_PATH, readOnly: options.readOnly, onThread }), options.auditKey);
}
