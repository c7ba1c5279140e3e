/** What the main thread and the SQLite thread say to each other (sqlite-thread-engine.ts, sqlite-thread.cjs). */

import type { SqlValue } from './sql-driver';

/** One SqliteEngine call. */
export type SqliteRequest =
  | { id: number; op: 'query' | 'exec'; sql: string; params: readonly SqlValue[] }
  | { id: number; op: 'raw'; sql: string }
  | { id: number; op: 'rollback' | 'close' };

/** An error crosses threads as its message and SQLite's code (SQLITE_BUSY, SQLITE_CONSTRAINT_…). */
export interface SqliteFailure {
  message: string;
  code?: string;
}

export type SqliteReply = { id: number; result: unknown } | { id: number; error: SqliteFailure };

/** The thread's first message: the database is open, or why not. */
export type SqliteOpened = { opened: true } | { opened: false; error: SqliteFailure };

export interface SqliteThreadData {
  path: string;
  busyTimeoutMs: number;
  pragmas: readonly string[];
}
