import { BreakglassError } from '../../bot/core/errors';
import { MIGRATIONS, type Migration } from './migrations';
import type { SqlDriver } from './sql-driver';

/**
 * Applies the migrations the database has not seen, in one transaction, and
 * refuses a database that a newer breakglass already migrated past this code.
 */
export async function runMigrations(driver: SqlDriver, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const d = driver.dialect;
  return driver.transaction(async (tx) => {
    if (d.migrationLock) await tx.query(d.migrationLock);
    await tx.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const known = Math.max(0, ...migrations.map((m) => m.version));
    const newest = Math.max(0, ...applied);
    if (newest > known) {
      throw new BreakglassError(
        'storage.unavailable',
        `The database was set up by a newer breakglass (schema version ${newest}, this one knows ${known}); run the newer version or restore a matching backup.`,
      );
    }
    const done: number[] = [];
    for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      for (const statement of m.statements(d)) await tx.exec(statement);
      await tx.exec('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [m.version, m.name, Date.now()]);
      done.push(m.version);
    }
    return done;
  });
}
