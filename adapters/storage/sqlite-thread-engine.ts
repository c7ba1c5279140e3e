import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SqlValue } from './sql-driver';
import { BUSY_TIMEOUT_MS, WRITABLE_PRAGMAS } from './sqlite-database';
import type { SqliteEngine } from './sqlite-engine';
import type { SqliteFailure, SqliteOpened, SqliteReply, SqliteRequest, SqliteThreadData } from './sqlite-thread-protocol';

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
type Call = SqliteRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Statements on the SQLite thread (sqlite-thread.cjs). The thread is unref'd
 * while nothing is asked of it, so an open database never keeps a finished
 * process alive, and ref'd while a call is out, so a process awaiting a
 * statement is not taken for finished.
 */
export class ThreadSqliteEngine implements SqliteEngine {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failed: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: SqliteReply) => this.settle(reply));
    worker.on('error', (e) => this.fail(e));
    worker.on('exit', (code) => this.fail(new Error(`The SQLite thread stopped (exit code ${code}).`)));
    worker.unref();
  }

  /** Starts the thread and opens `path` there; rejects with SQLite's own error if it cannot. */
  static async open(path: string): Promise<ThreadSqliteEngine> {
    const workerData: SqliteThreadData = { path, busyTimeoutMs: BUSY_TIMEOUT_MS, pragmas: WRITABLE_PRAGMAS };
    // Plain JavaScript: without `execArgv: []` the thread inherits `-r @swc-node/register` and spends ~300 ms loading a compiler it never uses.
    const worker = new Worker(join(__dirname, 'sqlite-thread.cjs'), { workerData, execArgv: [] });
    const opened = await new Promise<SqliteOpened>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (!opened.opened) {
      await worker.terminate();
      throw fromFailure(opened.error);
    }
    return new ThreadSqliteEngine(worker);
  }

  query<R>(sql: string, params: readonly SqlValue[]): Promise<R[]> {
    return this.call({ op: 'query', sql, params }) as Promise<R[]>;
  }

  exec(sql: string, params: readonly SqlValue[]): Promise<number> {
    return this.call({ op: 'exec', sql, params }) as Promise<number>;
  }

  async raw(sql: string): Promise<void> {
    await this.call({ op: 'raw', sql });
  }

  async rollback(): Promise<void> {
    await this.call({ op: 'rollback' });
  }

  async close(): Promise<void> {
    if (this.failed) return;
    await this.call({ op: 'close' });
    this.failed = new Error('The SQLite database is closed.');
    await this.worker.terminate();
  }

  private call(request: Call): Promise<unknown> {
    if (this.failed) return Promise.reject(this.failed);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ ...request, id } as SqliteRequest);
    });
  }

  private settle(reply: SqliteReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.worker.unref();
    if ('error' in reply) waiting.reject(fromFailure(reply.error));
    else waiting.resolve(reply.result);
  }

  private fail(error: Error): void {
    this.failed ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

function fromFailure(failure: SqliteFailure): Error {
  return Object.assign(new Error(failure.message), failure.code ? { code: failure.code } : {});
}
