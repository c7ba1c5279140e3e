import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openStorage } from '../../../adapters/storage/open-storage';
import { createTestStorage, TEST_DATABASE_URL } from '../../support/storages';
import { doctorWorkspace, unusedPort, type DoctorWorkspace } from './doctor-harness';

describe('breakglass doctor: database', () => {
  let ws: DoctorWorkspace;
  let config: string;

  beforeAll(async () => {
    ws = await doctorWorkspace();
    config = ws.writeConfig({});
  });

  afterAll(() => ws.dispose());

  it('fails the database line for a PostgreSQL that is not running, and says what to check', async () => {
    const port = await unusedPort();
    const run = await ws.run({ BREAKGLASS_CONFIG: config, DATABASE_URL: `postgres://breakglass:s3cret-pw@127.0.0.1:${port}/breakglass` });
    const line = run.line('Database', 'PostgreSQL reachable');
    expect(line).toMatch(new RegExp(`^FAIL .*127\\.0\\.0\\.1:${port}/breakglass`));
    expect(line).toMatch(/fix: Check DATABASE_URL .*PostgreSQL is running/);
    expect(run.output).not.toContain('s3cret-pw');
    expect(run.code).toBe(1);
  });

  it('passes a migrated PostgreSQL and fails one whose schema is empty', async () => {
    const migrated = await createTestStorage('postgres');
    const empty = `bg_doctor_empty_${process.pid}`;
    try {
      const url = (schema: string) => `${TEST_DATABASE_URL}${TEST_DATABASE_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const good = await ws.run({ BREAKGLASS_CONFIG: config, DATABASE_URL: url(migrated.openOptions.pgSchema!) });
      expect(good.line('Database', 'PostgreSQL reachable')).toMatch(/^PASS/);
      expect(good.line('Database', 'schema')).toMatch(/^PASS .*migrated to version \d+/);

      await migrated.exec(`CREATE SCHEMA ${empty}`);
      const bad = await ws.run({ BREAKGLASS_CONFIG: config, DATABASE_URL: url(empty) });
      expect(bad.line('Database', 'schema')).toMatch(/^FAIL .*not migrated at all/);
      expect(bad.code).toBe(1);
    } finally {
      await migrated.exec(`DROP SCHEMA IF EXISTS ${empty} CASCADE`);
      await migrated.dispose();
    }
  });

  it('fails the schema line for a database the bot has never migrated', async () => {
    const path = join(ws.dir, 'empty.db');
    new Database(path).close();
    const run = await ws.run({ BREAKGLASS_CONFIG: config, BREAKGLASS_DB: path });
    expect(run.line('Database', 'SQLite reachable')).toMatch(/^PASS/);
    expect(run.line('Database', 'schema')).toMatch(/^FAIL .*not migrated at all[\s\S]*fix: Start the bot once/);
    expect(run.code).toBe(1);
  });

  it('fails for a SQLite file that does not exist, without creating it', async () => {
    const path = join(ws.dir, 'missing', 'breakglass.db');
    const run = await ws.run({ BREAKGLASS_CONFIG: config, BREAKGLASS_DB: path });
    expect(run.line('Database', 'SQLite reachable')).toMatch(/^FAIL .*no breakglass database[\s\S]*fix: Set BREAKGLASS_DB/);
    expect(existsSync(path)).toBe(false);
    expect(run.code).toBe(1);
  });

  it('passes a migrated database, even while the bot holds it open', async () => {
    const bot = await openStorage({ sqlitePath: ws.migratedDb });
    try {
      const run = await ws.run({ BREAKGLASS_CONFIG: config, BREAKGLASS_DB: ws.migratedDb });
      expect(run.line('Database', 'schema')).toMatch(/^PASS .*migrated to version \d+/);
      expect(run.code).toBe(0);
    } finally {
      await bot.close();
    }
  });
});
