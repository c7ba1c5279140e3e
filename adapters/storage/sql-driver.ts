/**
 * The small seam between the one SQL storage and the two databases. Queries
 * are written once with `?` placeholders; the PostgreSQL driver renumbers them.
 */

export type SqlValue = string | number | null;

export interface SqlExecutor {
  /** Rows of a SELECT (or of an INSERT/UPDATE ... RETURNING). */
  query<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Runs one statement; resolves to the number of rows it changed. */
  exec(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** The few places where the two dialects' SQL really differs. */
export interface SqlDialect {
  readonly name: 'sqlite' | 'postgres';
  /** Primary key column that numbers itself. */
  readonly autoId: string;
  /** Suffix that row-locks what a SELECT reads until the transaction ends. */
  readonly forUpdate: string;
  /** Suffix that locks what a SELECT reads and skips rows another claimer holds. */
  readonly forUpdateSkipLocked: string;
  /** Statement run first in the migration transaction so concurrent starters migrate one at a time. */
  readonly migrationLock?: string;
  /** Only one process can write this database (SQLite's process lock), so claims found at start are orphans. */
  readonly singleWriter: boolean;
}

export interface SqlDriver extends SqlExecutor {
  readonly dialect: SqlDialect;
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
