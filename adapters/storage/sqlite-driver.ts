import { AsyncLocalStorage } from 'node:async_hooks';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BreakglassError } from '../../bot/core/errors';
import { AsyncMutex } from './async-mutex';
import type { SqlDialect, SqlDriver, SqlExecutor, SqlValue } from './sql-driver';
import { openReadOnlyDatabase, openWritableDatabase } from './sqlite-database';
import { InlineSqliteEngine, type SqliteEngine } from './sqlite-engine';
import { acquireSqliteProcessLock, type ProcessLock } from './sqlite-process-lock';
import { ThreadSqliteEngine } from './sqlite-thread-engine';

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
  /**
   * Run statements on a thread of their own (the bot's file database): a commit's fsync and every
   * statement then hold that thread, not the event loop that answers requests. Ignored for
   * ':memory:' (a thread would own it alone) and read-only tools.
   */
  onThread?: boolean;
}

export async function openSqliteDriver(options: SqliteDriverOptions): Promise<SqliteDriver> {
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
    if (options.readOnly) return new SqliteDriver(new InlineSqliteEngine(openReadOnlyDatabase(path)), lock);
    if (options.onThread && !inMemory) return new SqliteDriver(await ThreadSqliteEngine.open(path), lock);
    return new SqliteDriver(new InlineSqliteEngine(openWritableDatabase(path)), lock);
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
 * One SQLite connection, one statement at a time: transactions are serialised
 * with a mutex so that callers interleaving at their awaits never share one,
 * and statements outside a transaction queue behind it.
 */
export class SqliteDriver implements SqlDriver {
  readonly dialect = sqliteDialect;
  private readonly mutex = new AsyncMutex();
  private readonly insideTransaction = new AsyncLocalStorage<{ active: boolean }>();

  constructor(
    private readonly engine: SqliteEngine,
    private readonly lock: ProcessLock | undefined,
  ) {}

  async query<R>(sql: string, params: readonly SqlValue[] = []): Promise<R[]> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(() => this.engine.query<R>(sql, params));
  }

  async exec(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(() => this.engine.exec(sql, params));
  }

  async transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T> {
    this.refuseFromInsideTransaction();
    return this.mutex.run(async () => {
      const scope = { active: true };
      const tx: SqlExecutor = {
        query: async <R>(sql: string, params: readonly SqlValue[] = []) => {
          this.assertActive(scope);
          return this.engine.query<R>(sql, params);
        },
        exec: async (sql: string, params: readonly SqlValue[] = []) => {
          this.assertActive(scope);
          return this.engine.exec(sql, params);
        },
      };
      await this.engine.raw('BEGIN IMMEDIATE');
      try {
        const result = await this.insideTransaction.run(scope, () => fn(tx));
        await this.engine.raw('COMMIT');
        return result;
      } catch (e) {
        await this.engine.rollback();
        throw e;
      } finally {
        scope.active = false;
      }
    });
  }

  async close(): Promise<void> {
    await this.mutex.run(async () => {
      await this.engine.close();
      this.lock?.release();
    });
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
