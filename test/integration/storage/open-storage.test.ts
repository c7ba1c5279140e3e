import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../adapters/storage/open-storage';
import { isBreakglassError, type BreakglassError } from '../../../bot/core/errors';
import { TEST_DATABASE_URL, postgresSkipReason } from '../../support/storages';

async function failure(p: Promise<unknown>): Promise<BreakglassError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  if (!isBreakglassError(e)) throw new Error(`expected a BreakglassError, got ${String(e)}`);
  return e;
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('openStorage', () => {
  it('says in one plain sentence which PostgreSQL host:port is unreachable, without the password', async () => {
    const port = await closedPort();
    const error = await failure(openStorage({ databaseUrl: `postgres://breakglass:s3cret-pw@127.0.0.1:${port}/breakglass` }));
    expect(error.code).toBe('storage.unavailable');
    expect(error.userMessage).toBe(
      `Cannot use the PostgreSQL database breakglass at 127.0.0.1:${port}: the server refused the connection; check DATABASE_URL and that PostgreSQL is running.`,
    );
    expect(JSON.stringify({ message: error.message, detail: error.detail })).not.toContain('s3cret-pw');
  });

  (postgresSkipReason() ? it.skip : it)('names a database that does not exist', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/breakglass_no_such_db';
    const error = await failure(openStorage({ databaseUrl: url.toString() }));
    expect(error.code).toBe('storage.unavailable');
    expect(error.userMessage).toContain('the database does not exist');
  });

  it('rejects a DATABASE_URL that is not a postgres:// URL, without echoing it', async () => {
    const error = await failure(openStorage({ databaseUrl: 'mysql://root:hunter2@db/x' }));
    expect(error.code).toBe('config.invalid');
    expect(error.userMessage).not.toContain('hunter2');
  });

  it('uses SQLite when no database URL is set and names a file it cannot create', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'breakglass-open-'));
    try {
      writeFileSync(join(dir, 'not-a-folder'), '');
      const path = join(dir, 'not-a-folder', 'breakglass.db');
      const error = await failure(openStorage({ sqlitePath: path }));
      expect(error.code).toBe('storage.unavailable');
      expect(error.userMessage).toContain(path);

      const missing = await failure(openStorage({ sqlitePath: join(dir, 'none.db'), readOnly: true }));
      expect(missing.userMessage).toBe(`There is no breakglass database at ${join(dir, 'none.db')}; start the bot once to create it, or set BREAKGLASS_DB to the right file.`);

      const storage = await openStorage({ sqlitePath: join(dir, 'nested', 'deeper', 'bg.db') });
      expect(storage.dialect).toBe('sqlite');
      await storage.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
