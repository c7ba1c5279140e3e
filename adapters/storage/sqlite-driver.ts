import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { BreakglassError } from '../../bot/core/errors';
import { AsyncMutex } from './async-mutex';
import type { SqlDialect, SqlDriver, SqlExecutor, SqlValue } from './sql-driver';
import { acquireSqliteProcessLock, type ProcessLock } from './sqlite-process-lock';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  autoId: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  forUpdate: '',
  forUpdateSkipLocked: '',
  singleWriter: true,
};

export interface SqliteDriverOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** Open without the process lock and without writing: for tools that run next to the bot. */
  readOnly?: boolean;
}

export function openSqliteDriver(options: SqliteDriverOptions): SqliteDriver {
  const inMemory = options.path === ':memory:';
  const path = inMemory ? options.path : resolve(options.path);
  if (!inMemory && !options.readOnly) {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw cannotOpen(path, e);
    }
  }
  const lock = inMemory || options.readOnly ? undefined : acquireSqliteProcessLock(path);
  try {
    const db = new Database(path, { readonly: options.readOnly ?? false, fileMustExist: options.readOnly ?? false, timeout: 5000 });
    if (!options.readOnly) {
      db.pragma('journal_mode = WAL');
      // An audit trail should survive power loss, not just a crash of the process.
      db.pragma('synchronous = FULL');
    }
    return new SqliteDriver(db, lock);
  } catch (e) {
    lock?.release();
    if (options.readOnly && !inMemory && !existsSync(path)) {
      throw new BreakglassError(
        'storage.unavailable',
        `There is no breakglass database at ${path}; start the bot once to create it, or set BREAKGLASS_DB to the right file.`,
        { cause: e, detail: { path } },
      );
    }
    throw cannotOpen(path, e);
  }
}

function cannotOpen(path: string, cause: unknown): BreakglassError {
  return new BreakglassError(
    'storage.unavailable',
    `Cannot open the SQLite database ${path}; check that its folder exists and is writable, or set BREAKGLASS_DB to another file.`,
    { cause, detail: { path } },
  );
}

/**
 * better-sqlite3 is synchronous and has one connection: transactions are
 * serialised with a mutex so that callers interleaving at their awaits never
 * share one, and statements outside a transaction queue behind it.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  private readonly mutex = new AsyncMutex();
  private readonly insideTransaction = new AsyncLocalStorage<{ active: boolean }>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly db: Database.Database,
    private readonly lock: ProcessLock | undefined,
  ) {}

  async query<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(() => this.runQuery<R>(sql, params));
  }

  async exec(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(() => this.runExec(sql, params));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(async () => {
      const scope = { active: true };
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
          this.assertActive(scope);
          return this.runQuery<R>(sql, params);
        },
        exec: async (sql: string, params: readonly SqlValue[] = []) => {
          this.assertActive(scope);
          return this.runExec(sql, params);
        },
      };
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.insideTransaction.run(scope, () => fn(tx));
        this.db.exec('COMMIT');
        return result;
      } catch (e) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw e;
      } finally {
        scope.active = false;
      }
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(() => {
      if (this.db.open) this.db.close();
      this.lock?.release();
    });
  }

  private runQuery<R>(sql: string, params: readonly SqlValue[]): R[] {
    const stmt = this.prepare(sql);
    if (stmt.reader) return stmt.all(...params) as R[];
    stmt.run(...params);
    return [];
  }

  private runExec(sql: string, params: readonly SqlValue[]): number {
    return this.prepare(sql).run(...params).changes;
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }

  private refuseFromInsideTransaction(): void {
    if (this.insideTransaction.getStore()?.active) {
      throw new Error('Storage was called directly inside transaction(); use the tx handle there, or the call would wait for its own transaction forever.');
    }
  }

  private assertActive(scope: { active: boolean }): void {
    if (!scope.active) throw new Error('This transaction handle was used after its transaction ended.');
  }
}
