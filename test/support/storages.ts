import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlStorage, type OpenStorageOptions } from '../../adapters/storage/open-storage';
import type { SqlValue } from '../../adapters/storage/sql-driver';
import type { SqlStorage } from '../../adapters/storage/sql-storage';
import type { Storage } from '../../bot/ports/storage';

/**
 * Fresh, migrated storages on both databases so one test body runs on each.
 * SQLite: a new file in a temp folder per test. PostgreSQL: a new schema per
 * test (via search_path) on TEST_DATABASE_URL, dropped afterwards.
 */

export type Dialect = 'sqlite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://127.0.0.1:5432/test';

export interface TestStorage {
  readonly dialect: Dialect;
  /** Migrated and empty. */
  readonly storage: Storage;
  /** What another process passes to openStorage() to reach this same database. */
  readonly openOptions: OpenStorageOptions;
  /** Raw SQL on the same database, `?` placeholders (to tamper with rows, or look under the port). */
  exec(sql: string, params?: readonly SqlValue[]): Promise<number>;
  query<R>(sql: string, params?: readonly SqlValue[]): Promise<R[]>;
  /** Another Storage on the same database, as a second replica opens it. SQLite refuses (storage.locked). */
  openAnother(): Promise<Storage>;
}

export interface DisposableTestStorage extends TestStorage {
  dispose(): Promise<void>;
}

let schemaCounter = 0;

export async function createTestStorage(dialect: Dialect): Promise<DisposableTestStorage> {
  return dialect === 'sqlite' ? createSqliteTestStorage() : createPostgresTestStorage();
}

async function createSqliteTestStorage(): Promise<DisposableTestStorage> {
  const dir = mkdtempSync(join(tmpdir(), 'breakglass-test-'));
  const openOptions: OpenStorageOptions = { sqlitePath: join(dir, 'breakglass.db') };
  const storage = await openSqlStorage(openOptions);
  await storage.migrate();
  return wrap('sqlite', storage, openOptions, async () => {
    rmSync(dir, { recursive: true, force: true });
  });
}

async function createPostgresTestStorage(): Promise<DisposableTestStorage> {
  schemaCounter += 1;
  const schema = `bg_test_${process.pid}_${schemaCounter}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = await openSqlStorage({ databaseUrl: TEST_DATABASE_URL });
  let storage: SqlStorage | undefined;
  try {
    await admin.sql.exec(`CREATE SCHEMA ${schema}`);
    const openOptions: OpenStorageOptions = { databaseUrl: TEST_DATABASE_URL, pgSchema: schema };
    storage = await openSqlStorage(openOptions);
    await storage.migrate();
    return wrap('postgres', storage, openOptions, async () => {
      await admin.sql.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    });
  } catch (e) {
    await storage?.close();
    await admin.sql.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined);
    await admin.close();
    throw e;
  }
}

function wrap(dialect: Dialect, storage: SqlStorage, openOptions: OpenStorageOptions, cleanUp: () => Promise<void>): DisposableTestStorage {
  const others: Storage[] = [];
  return {
    dialect,
    storage,
    openOptions,
    exec: (sql, params) => storage.sql.exec(sql, params),
    query: (sql, params) => storage.sql.query(sql, params),
    openAnother: async () => {
      const other = await openSqlStorage(openOptions);
      others.push(other);
      return other;
    },
    dispose: async () => {
      for (const other of others) await other.close();
      await storage.close();
      await cleanUp();
    },
  };
}

/**
 * Runs `fn`'s tests once per dialect, each test on a fresh storage. Under
 * CI=true the PostgreSQL run always happens (an unreachable server fails every
 * test); elsewhere it is skipped, with the reason printed, only when nothing
 * listens at TEST_DATABASE_URL.
 */
export function describeEachStorage(
  name: string,
  fn: (current: () => TestStorage, dialect: Dialect) => void,
  options: { dialects?: readonly Dialect[] } = {},
): void {
  for (const dialect of options.dialects ?? (['sqlite', 'postgres'] as const)) {
    const skipReason = dialect === 'postgres' ? postgresSkipReason() : undefined;
    const title = `${name} [${dialect}]`;
    // Only outside CI, only when no PostgreSQL answers locally, and said out loud; under CI=true
    // postgresSkipReason() is always undefined, so these cases run or fail.
    if (skipReason) {
      console.warn(`${title}: ${skipReason}`);
      describe.skip(title, () => fn(notAvailable, dialect));
      continue;
    }
    describe(title, () => {
      let current: DisposableTestStorage | undefined;
      beforeEach(async () => {
        current = await createTestStorage(dialect);
      });
      afterEach(async () => {
        const done = current;
        current = undefined;
        await done?.dispose();
      });
      fn(() => {
        if (!current) throw new Error('The test storage exists only while a test runs (use it inside it/beforeEach).');
        return current;
      }, dialect);
    });
  }
}

function notAvailable(): TestStorage {
  throw new Error('PostgreSQL is not available');
}

let cachedSkipReason: string | null | undefined;

/** Why PostgreSQL tests may skip here, or undefined when they must run. */
export function postgresSkipReason(): string | undefined {
  if (process.env.CI === 'true') return undefined;
  if (cachedSkipReason === undefined) cachedSkipReason = probePostgres();
  return cachedSkipReason ?? undefined;
}

/** describe() bodies are synchronous, so reachability is probed by a short child process. */
function probePostgres(): string | null {
  const u = new URL(TEST_DATABASE_URL);
  const host = u.hostname || '127.0.0.1';
  const port = Number(u.port || '5432');
  const script = `const s=require('net').connect(${port},${JSON.stringify(host)});s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));setTimeout(()=>process.exit(1),3000);`;
  const probe = spawnSync(process.execPath, ['-e', script], { timeout: 5000 });
  return probe.status === 0
    ? null
    : `PostgreSQL tests skipped: nothing answers at ${host}:${port} (start PostgreSQL or set TEST_DATABASE_URL; with CI=true they run and fail instead).`;
}
