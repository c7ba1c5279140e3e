import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlStorage } from '../../../adapters/storage/open-storage';
import type { SqlStorage } from '../../../adapters/storage/sql-storage';

/** Long enough that the event loop turns many times while SQLite counts (about a second's work). */
const SLOW_COUNT = 'WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 3000000) SELECT count(*) AS n FROM c';

describe('SQLite on its own thread', () => {
  let dir: string;
  let storage: SqlStorage | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'breakglass-thread-'));
  });

  afterEach(async () => {
    await storage?.close();
    storage = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves the event loop free while a statement runs (order of events, not time)', async () => {
    storage = await openSqlStorage({ sqlitePath: join(dir, 'bg.db') });
    const events: string[] = [];
    const counting = storage.sql.query<{ n: number }>(SLOW_COUNT).then((rows) => events.push(`counted ${rows[0]!.n}`));
    // A request arriving meanwhile is read in the next turn of the loop, while SQLite is still counting.
    setImmediate(() => events.push('next turn of the event loop'));
    await counting;
    expect(events).toEqual(['next turn of the event loop', 'counted 3000000']);
  });

  it('commits and rolls back transactions there, and keeps SQLite error codes', async () => {
    storage = await openSqlStorage({ sqlitePath: join(dir, 'bg.db') });
    await storage.migrate();
    await storage.sql.transaction(async (tx) => {
      await tx.exec('INSERT INTO inbound (delivery_key, claimed_at) VALUES (?, ?)', ['k1', 1]);
    });
    const failed = await storage.sql
      .transaction(async (tx) => {
        await tx.exec('INSERT INTO inbound (delivery_key, claimed_at) VALUES (?, ?)', ['k2', 2]);
        await tx.exec('INSERT INTO inbound (delivery_key, claimed_at) VALUES (?, ?)', ['k1', 3]);
      })
      .catch((e: unknown) => e as { code?: string });
    expect(failed).toMatchObject({ code: expect.stringMatching(/^SQLITE_CONSTRAINT/) });
    expect(await storage.sql.query('SELECT delivery_key FROM inbound ORDER BY delivery_key')).toEqual([{ delivery_key: 'k1' }]);
  });

  it('sees what it wrote after the file is opened again', async () => {
    const path = join(dir, 'bg.db');
    storage = await openSqlStorage({ sqlitePath: path });
    await storage.migrate();
    await storage.sql.exec('INSERT INTO inbound (delivery_key, claimed_at) VALUES (?, ?)', ['kept', 1]);
    await storage.close();
    storage = await openSqlStorage({ sqlitePath: path, readOnly: true });
    expect(await storage.sql.query('SELECT delivery_key FROM inbound')).toEqual([{ delivery_key: 'kept' }]);
  });
});
