import Database from 'better-sqlite3';
import { BreakglassError } from '../../bot/core/errors';

export interface ProcessLock {
  release(): void;
}

/**
 * One bot process per SQLite file. The lock is an exclusive SQLite lock on a
 * companion file (`<db>.lock`), held for the life of the connection: the OS
 * drops it when the process dies however it dies, and the database itself
 * stays readable by tools such as `breakglass audit verify` next to the bot.
 */
export function acquireSqliteProcessLock(dbPath: string): ProcessLock {
  const lockPath = `${dbPath}.lock`;
  const lock = new Database(lockPath, { timeout: 0 });
  try {
    lock.pragma('locking_mode = EXCLUSIVE');
    lock.pragma('journal_mode = MEMORY'); // nothing in it is worth a journal file
    // The first write takes the exclusive lock; exclusive mode keeps it after commit.
    lock.exec('BEGIN EXCLUSIVE');
    lock.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, started_at TEXT NOT NULL)');
    lock.exec('DELETE FROM holder');
    lock.prepare('INSERT INTO holder (pid, started_at) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    lock.exec('COMMIT');
  } catch (e) {
    lock.close();
    if ((e as { code?: string }).code === 'SQLITE_BUSY') {
      throw new BreakglassError(
        'storage.locked',
        `Another breakglass process is using ${dbPath}, so this one will not start: stop the other process, point BREAKGLASS_DB at a different file, or use PostgreSQL (DATABASE_URL) to run several replicas.`,
        { detail: { lockPath } },
      );
    }
    throw e;
  }
  return { release: () => lock.close() };
}
