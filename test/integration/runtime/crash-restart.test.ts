import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStorage } from '../../../adapters/storage/open-storage';
import { describeEachStorage } from '../../support/storages';
import { ChildDriver } from '../../support/child-driver';

const CRASH_CHILD = join(__dirname, 'crash-child.ts');

const T0 = Date.parse('2026-01-01T03:00:00Z');
const EXPIRY_MS = 15 * 60_000;
const EXPIRY_TIMER = 'xstate.after.expiry.drill.open';

jest.setTimeout(90_000);

describeEachStorage('a bot process killed with SIGKILL between commit and effect', (db, dialect) => {
  let dir: string;
  const children: ChildDriver[] = [];

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'breakglass-crash-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  async function boot(startAt: number): Promise<ChildDriver> {
    const child = await ChildDriver.spawn(CRASH_CHILD, { STORAGE_JSON: JSON.stringify(db().openOptions), EFFECT_LOG: join(dir, 'effects.log'), START_AT: String(startAt) });
    children.push(child);
    return child;
  }

  function effectsDone(): Array<{ key: string; type: string; at: number }> {
    const file = join(dir, 'effects.log');
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { key: string; type: string; at: number });
  }

  it('does the committed effect exactly once after a restart, and fires the pending timer once at its due time', async () => {
    // The children own the database; SQLite admits one process per file.
    if (dialect === 'sqlite') await db().storage.close();

    // Life 1: the start commits (snapshot, card in the outbox, expiry timer), then the process is killed.
    const first = await boot(T0);
    await first.run({ cmd: 'crash-next-commit' });
    expect(await first.runUntilExit({ cmd: 'start', id: 'wf-1', expiryMs: EXPIRY_MS })).toEqual({ code: null, signal: 'SIGKILL' });
    expect(effectsDone()).toEqual([]);

    // Life 2: the commit survived; its card goes out once; the timer waits for its due time.
    const second = await boot(T0 + 1_000);
    expect(await second.run({ cmd: 'get', id: 'wf-1' })).toEqual({ state: 'open', status: 'active', timers: [{ sendId: EXPIRY_TIMER, dueAt: T0 + EXPIRY_MS }] });
    expect(await second.run({ cmd: 'drain' })).toEqual({ ran: 1 });
    expect(await second.run({ cmd: 'drain' })).toEqual({ ran: 0 });
    await second.run({ cmd: 'advance', ms: EXPIRY_MS - 1_001 });
    expect(await second.run({ cmd: 'tick' })).toEqual({ fired: 0 });
    await second.run({ cmd: 'advance', ms: 1 });
    // The timer's transition commits, then this process dies before the expiry notice is posted.
    await second.run({ cmd: 'crash-next-commit' });
    expect(await second.runUntilExit({ cmd: 'tick' })).toEqual({ code: null, signal: 'SIGKILL' });

    // Life 3: the timer is spent and does not fire again; the notice goes out once.
    const third = await boot(T0 + EXPIRY_MS + 60_000);
    expect(await third.run({ cmd: 'tick' })).toEqual({ fired: 0 });
    expect(await third.run({ cmd: 'drain' })).toEqual({ ran: 1 });
    expect(await third.run({ cmd: 'get', id: 'wf-1' })).toEqual({ state: 'expired', status: 'closed', timers: [] });
    await third.exit();

    expect(effectsDone()).toEqual([
      { key: 'wf-1:1', type: 'chat.card', at: T0 + 1_000 },
      { key: 'wf-1:2', type: 'chat.notice', at: T0 + EXPIRY_MS + 60_000 },
    ]);
    const storage = dialect === 'sqlite' ? await openStorage({ ...db().openOptions, readOnly: true }) : db().storage;
    try {
      const fired = (await storage.listAudit({ workflowId: 'wf-1' })).filter((a) => a.type === 'workflow.timer');
      expect(fired.map((a) => a.at)).toEqual([T0 + EXPIRY_MS]);
    } finally {
      if (dialect === 'sqlite') await storage.close();
    }
  });
});
