import Database from 'better-sqlite3';

/** Busy timeout: a tool reading next to the bot may hold the file for a moment. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The bot's own connection: write-ahead log, and every commit synced to disk
 * (an audit trail should survive power loss, not just a crash of the process).
 * The SQLite thread (sqlite-thread.cjs) applies the same list.
 */
export const WRITABLE_PRAGMAS: readonly string[] = ['journal_mode = WAL', 'synchronous = FULL'];

export function openWritableDatabase(path: string): Database.Database {
  const db = new Database(path, { timeout: BUSY_TIMEOUT_MS });
  try {
    for (const pragma of WRITABLE_PRAGMAS) db.pragma(pragma);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

/** For tools that only read (audit verify/export) next to a running bot. */
export function openReadOnlyDatabase(path: string): Database.Database {
  return new Database(path, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
}
