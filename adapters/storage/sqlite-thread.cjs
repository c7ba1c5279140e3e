// @ts-check
/**
 * The SQLite thread: owns the one better-sqlite3 connection of a bot process
 * and runs statements in the order they arrive. better-sqlite3 is
 * synchronous, so on the main thread every statement and every commit's fsync
 * (synchronous=FULL) held the event loop, and with it every waiting request
 * (bench workload 4: SQLite was half the bot's CPU). Here they hold only this thread.
 *
 * Plain JavaScript, unlike the rest of the bot: a TypeScript thread must load
 * the compiler first (about 0.6 s at every start, against 0.1 s), and this
 * file is only the far end of sqlite-thread-engine.ts, whose messages are
 * typed in sqlite-thread-protocol.ts. Its pragmas are sqlite-database.ts's.
 */
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');

const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

/** @param {unknown} e @returns {import('./sqlite-thread-protocol').SqliteFailure} */
function failure(e) {
  const code = /** @type {{ code?: unknown } | null} */ (e)?.code;
  return { message: e instanceof Error ? e.message : String(e), ...(typeof code === 'string' ? { code } : {}) };
}

/** @param {import('better-sqlite3').Database} db */
function serve(db) {
  /** @type {Map<string, import('better-sqlite3').Statement>} */
  const statements = new Map();
  /** @param {string} sql */
  const prepared = (sql) => statements.get(sql) ?? statements.set(sql, db.prepare(sql)).get(sql);

  /** @param {import('./sqlite-thread-protocol').SqliteRequest} request */
  function run(request) {
    switch (request.op) {
      case 'query': {
        const stmt = prepared(request.sql);
        if (stmt.reader) return stmt.all(...request.params);
        stmt.run(...request.params);
        return [];
      }
      case 'exec':
        return prepared(request.sql).run(...request.params).changes;
      case 'raw':
        db.exec(request.sql);
        return undefined;
      case 'rollback':
        if (db.inTransaction) db.exec('ROLLBACK');
        return undefined;
      case 'close':
        if (db.open) db.close();
        return undefined;
    }
  }

  port.on('message', (/** @type {import('./sqlite-thread-protocol').SqliteRequest} */ request) => {
    try {
      port.postMessage({ id: request.id, result: run(request) });
    } catch (e) {
      port.postMessage({ id: request.id, error: failure(e) });
    }
    if (request.op === 'close') port.close();
  });
}

/** @param {string} path */
function open(path) {
  const db = new Database(path, { timeout: workerData.busyTimeoutMs });
  try {
    for (const pragma of workerData.pragmas) db.pragma(pragma);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}

try {
  const db = open(workerData.path);
  port.postMessage({ opened: true });
  serve(db);
} catch (e) {
  port.postMessage({ opened: false, error: failure(e) });
  port.close();
}
