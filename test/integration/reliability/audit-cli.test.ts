import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createHash, createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { canonicalJson } from '../../../bot/shared/canonical-json';
import { hashedAuditFields } from '../../../bot/audit/audit-hash';
import { incidentIdIn, requestIdIn, startTenant, TestBot } from './support/bot-harness';

const ROOT = resolve(__dirname, '../../..');
/** The audit key lives outside the database: the bot and the CLI get it from the environment. */
const KEY = { BREAKGLASS_AUDIT_KEY: 'k'.repeat(20) + '0123456789abcdef0123456789abcdef', BREAKGLASS_AUDIT_KEY_ID: 'k1' };

/** `breakglass audit ...` as an operator runs it: a separate process against the database file. */
function cli(args: string[], dbFile: string, keyEnv: Record<string, string> = KEY): Promise<{ code: number | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'app/cli.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, BREAKGLASS_DB: dbFile, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS, ...keyEnv },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code, out }));
  });
}

/**
 * A real incident and elevation leave an audit trail in SQLite; then the
 * trail is tampered with by hand, the way an insider with database access
 * would, and `breakglass audit verify` (a separate process) must say so,
 * with exit code 1 and the entry it no longer trusts. Exports round-trip
 * through their manifest and a changed export is caught too.
 */
describe('breakglass audit verify and export, end to end', () => {
  let dir: string;
  let original: string;
  let entries: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bg-audit-cli-'));
    Object.assign(process.env, KEY);
    const tenant = await startTenant();
    const bot = await TestBot.start(tenant);
    const incident = incidentIdIn(await bot.say('alice', 'start Global admins locked out'));
    await bot.say('alice', 'note CA policy edited at 02:10');
    await bot.say('alice', 'done 2');
    const id = requestIdIn(await bot.say('alice', 'elevate GA for 30m because restore the CA policy'));
    await bot.click('carol', bot.card(`Elevation ${id}:`), 'elevation.approve');
    await bot.say('alice', `close --incident ${incident} restored`);
    entries = (await bot.audit()).length;
    await bot.stop({ keepFiles: true });
    await tenant.close();
    original = join(dir, 'original.db');
    const db = new Database(join(bot.dir, 'breakglass.db'));
    db.exec(`VACUUM INTO '${original}'`);
    db.close();
    rmSync(bot.dir, { recursive: true, force: true });
  }, 60_000);
  afterAll(() => {
    delete process.env.BREAKGLASS_AUDIT_KEY;
    delete process.env.BREAKGLASS_AUDIT_KEY_ID;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A copy of the untouched database with `tamper` applied. */
  function tampered(name: string, tamper: (db: Database.Database) => void): string {
    const file = join(dir, `${name}.db`);
    const db = new Database(original);
    db.exec(`VACUUM INTO '${file}'`);
    db.close();
    const copy = new Database(file);
    tamper(copy);
    copy.close();
    return file;
  }

  const typeOf = (seq: number) => {
    const db = new Database(original, { readonly: true });
    const row = db.prepare('SELECT type FROM audit WHERE seq = ?').get(seq) as { type: string };
    db.close();
    return row.type;
  };

  it('an untouched trail verifies, exports, and the export verifies against its manifest', async () => {
    expect(entries).toBeGreaterThan(20);
    const verified = await cli(['audit', 'verify'], original);
    expect(verified).toEqual({ code: 0, out: expect.stringMatching(new RegExp(`^Audit log intact: ${entries} entries \\(1 to ${entries}\\), head [0-9a-f]{64}\\.\\n$`)) });

    const out = join(dir, 'export');
    const exported = await cli(['audit', 'export', '--out', out], original);
    expect(exported.code).toBe(0);
    expect(exported.out).toContain(`Exported ${entries} entries (1 to ${entries})`);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { entries: number; files: Array<{ name: string; lines: number }> };
    expect(manifest.entries).toBe(entries);
    expect(manifest.files).toEqual([expect.objectContaining({ name: 'audit.jsonl', lines: entries })]);
    expect(await cli(['audit', 'verify', '--export', out], original)).toEqual({ code: 0, out: expect.stringContaining(`Export intact: ${entries} entries (1 to ${entries}), files match manifest.json`) });

    // One character of the exported file changed: the manifest catches it.
    const file = join(out, 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('restored', 'restoreD'));
    const damaged = await cli(['audit', 'verify', '--export', out], original);
    expect(damaged.code).toBe(1);
    expect(damaged.out).toMatch(/^Export damaged: /m);
  });

  it.each([
    ['an entry altered in place', (db: Database.Database) => db.prepare("UPDATE audit SET data = json_set(data, '$.approvedBy', 'mallory') WHERE seq = 5").run(), 5, /entry 5 was changed after it was written/],
    ['an entry deleted', (db: Database.Database) => db.prepare('DELETE FROM audit WHERE seq = 7').run(), 7, /entry 7 is missing: entry 8 follows entry 6/],
    [
      'two entries swapped',
      (db: Database.Database) => {
        db.prepare('UPDATE audit SET seq = -1 WHERE seq = 3').run();
        db.prepare('UPDATE audit SET seq = 3 WHERE seq = 4').run();
        db.prepare('UPDATE audit SET seq = 4 WHERE seq = -1').run();
      },
      3,
      /entry 3 /,
    ],
  ])('%s: exit code 1, naming the entry', async (name, tamper, seq, why) => {
    const { code, out } = await cli(['audit', 'verify'], tampered(name.replace(/\W+/g, '-'), tamper));
    expect(code).toBe(1);
    const [first, second] = out.trim().split('\n');
    expect(first).toMatch(/^Audit log damaged: /);
    expect(first).toMatch(why);
    if (name === 'an entry altered in place') expect(second).toBe(`Entry 5: ${typeOf(5)} at ${second?.split(' at ')[1]}`);
    if (name !== 'an entry deleted') expect(second).toMatch(new RegExp(`^Entry ${seq}: [\\w.-]+ at \\d{4}-\\d{2}-\\d{2}T`));
  });

  interface Row {
    seq: number;
    at: number;
    actor_entra_id: string | null;
    actor_platform_id: string | null;
    workflow_id: string | null;
    type: string;
    data: string;
    key_id: string | null;
    prev_hash: string;
    hash: string;
  }

  /**
   * The insider's full rewrite: re-attribute entry 5 to mallory, then recompute every hash from
   * entry 5 on with `hash` (and `keyId`) and move the head, so the chain links up again.
   */
  function recompute(db: Database.Database, keyId: string | null, hash: (text: string) => string): void {
    db.prepare("UPDATE audit SET actor_entra_id = 'mallory' WHERE seq = 5").run();
    const rows = db.prepare('SELECT * FROM audit ORDER BY seq').all() as Row[];
    let prev = (rows[3] as Row).hash;
    for (const r of rows.slice(4)) {
      const fields = hashedAuditFields({ seq: r.seq, at: r.at, actorEntraId: r.actor_entra_id, actorPlatformId: r.actor_platform_id, workflowId: r.workflow_id, type: r.type, data: JSON.parse(r.data) as Record<string, unknown>, keyId });
      const h = hash(prev + canonicalJson(fields));
      db.prepare('UPDATE audit SET key_id = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(keyId, prev, h, r.seq);
      prev = h;
    }
    db.prepare('UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1').run((rows[rows.length - 1] as Row).seq, prev);
  }
  const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
  const hmac = (secret: string) => (text: string) => createHmac('sha256', secret).update(text, 'utf8').digest('hex');

  it.each([
    ['with plain sha256, keeping the key id', (db: Database.Database) => recompute(db, 'k1', sha256), /entry 5 was changed after it was written: its contents no longer match its HMAC/],
    ['with plain sha256, dropping the key id', (db: Database.Database) => recompute(db, null, sha256), /entry 5 has no audit key although entry 1 and later are keyed/],
    ['with a wrong key', (db: Database.Database) => recompute(db, 'k1', hmac('w'.repeat(52))), /entry 5 was changed after it was written: its contents no longer match its HMAC/],
  ])('a chain recomputed %s after re-attributing an entry: exit code 1, naming entry 5', async (name, tamper, why) => {
    const { code, out } = await cli(['audit', 'verify'], tampered(`recomputed-${name.replace(/\W+/g, '-')}`, tamper));
    expect(code).toBe(1);
    const [first, second] = out.trim().split('\n');
    expect(first).toMatch(/^Audit log damaged: /);
    expect(first).toMatch(why);
    expect(second).toMatch(/^Entry 5: [\w.-]+ at \d{4}-\d{2}-\d{2}T/);
  });

  it('someone holding the key can rewrite the chain, but not past an anchor posted to the log', async () => {
    const file = tampered('recomputed-with-the-key', (db) => recompute(db, 'k1', hmac(KEY.BREAKGLASS_AUDIT_KEY)));
    expect((await cli(['audit', 'verify'], file)).code).toBe(0);
    const db = new Database(original, { readonly: true });
    const head = db.prepare('SELECT seq, hash FROM audit_head').get() as { seq: number; hash: string };
    db.close();
    const log = join(dir, 'bot.log');
    writeFileSync(log, `not json\n${JSON.stringify({ level: 30, auditAnchor: { seq: head.seq, head: head.hash, keyId: 'k1' }, msg: 'audit chain anchor' })}\n`);
    expect(await cli(['audit', 'verify', '--anchors-from', log], original)).toEqual({ code: 0, out: expect.stringContaining('Anchors matched: 1') });
    const caught = await cli(['audit', 'verify', '--anchor', `${head.seq}:${head.hash}`], file);
    expect(caught.code).toBe(1);
    expect(caught.out).toMatch(new RegExp(`^Audit log damaged: entry ${head.seq} or an entry before it was rewritten`));
  });

  it('without the key, a keyed trail cannot be vouched for', async () => {
    const { code, out } = await cli(['audit', 'verify'], original, {});
    expect(code).toBe(1);
    expect(out).toMatch(/^Audit log damaged: entry 1 is chained with audit key "k1", which is not in the keyring\./);
  });
});
