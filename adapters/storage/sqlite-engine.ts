import type Database from 'better-sqlite3';
import type { SqlValue } from './sql-driver';

/**
 * Where a SQLite connection's statements run: on the calling thread, or on a
 * thread of their own (sqlite-thread-engine.ts). SqliteDriver keeps
 * transactions and ordering; an engine only runs one statement at a time.
 */
export interface SqliteEngine {
  /** Rows of a reader; a statement that returns none is run and gives []. */
  query<R>(sql: string, params: readonly SqlValue[]): Promise<R[]>;
  /** Changes of one statement. */
  exec(sql: string, params: readonly SqlValue[]): Promise<number>;
  /** BEGIN, COMMIT: no parameters, no result. */
  raw(sql: string): Promise<void>;
  /** Rolls back if a transaction is open (a failed COMMIT may already have ended it). */
  rollback(): Promise<void>;
  close(): Promise<void>;
}

/** Statements on this thread: for in-memory databases and read-only tools, where there is no fsync to wait for. */
export class InlineSqliteEngine implements SqliteEngine {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  async query<R>(sql: string, params: readonly SqlValue[]): Promise<R[]> {
    const stmt = this.prepare(sql);
    if (stmt.reader) return stmt.all(...params) as R[];
    stmt.run(...params);
    return [];
  }

  async exec(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.prepare(sql).run(...params).changes;
  }

  async raw(sql: string): Promise<void> {
    this.db.exec(sql);
  }

  async rollback(): Promise<void> {
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.statements.set(sql, stmt);
    }
    return stmt;
  }
}
