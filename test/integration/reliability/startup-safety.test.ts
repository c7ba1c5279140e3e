import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unusedPort } from '../../support/unused-port';

const ROOT = resolve(__dirname, '../../..');

function spawnBot(env: Record<string, string>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'app/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 40_000);
  const exited = new Promise<number | null>((done) => child.on('close', (code) => (clearTimeout(killer), done(code))));
  return { child, output: () => out, exited };
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bg-start-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function configFile(yaml: string): string {
  const path = join(dir, 'breakglass.config.yaml');
  writeFileSync(path, yaml);
  return path;
}

async function refusedWith(env: Record<string, string>): Promise<string> {
  const bot = spawnBot({ BREAKGLASS_DB: join(dir, 'bg.db'), PORT: '0', ...env });
  const code = await bot.exited;
  expect(code).toBe(1);
  return bot.output();
}

describe('start-up refuses unsafe or misspelt settings', () => {
  it('a misspelt chat credential fails start naming it, instead of opening the playground', async () => {
    const out = await refusedWith({ SLACK_SIGNING_SECRET: 'sig', SLACK_BOT_TOKNE: 'xoxb-1' });
    expect(out).toContain('breakglass could not start: SLACK_BOT_TOKNE is not a setting breakglass knows');
    expect(out).not.toContain('breakglass playground ->');
  }, 45_000);

  it('one Slack credential without the other names the missing one', async () => {
    const out = await refusedWith({ SLACK_SIGNING_SECRET: 'sig' });
    expect(out).toContain('SLACK_BOT_TOKEN is missing');
  }, 45_000);

  it('teams.disableAuth with an app password is refused at start', async () => {
    const out = await refusedWith({ BREAKGLASS_CONFIG: configFile('teams:\n  disableAuth: true\n'), MICROSOFT_APP_ID: 'app', MICROSOFT_APP_PASSWORD: 'S3cret-App-Pw' });
    expect(out).toContain('teams.disableAuth cannot be used with MICROSOFT_APP_PASSWORD');
    expect(out).not.toContain('S3cret-App-Pw');
  }, 45_000);

  it('monitoring with no security channel on the platform in use is refused at start, naming the field', async () => {
    const out = await refusedWith({ BREAKGLASS_CONFIG: configFile('teams:\n  disableAuth: true\nchannels:\n  security: { slack: C0SECURITY }\n'), MICROSOFT_APP_ID: 'app' });
    expect(out).toContain('breakglass could not start: monitoring.enabled is true but no security channel is set for teams: set channels.security.teams (or monitoring.enabled: false).');
  }, 45_000);

  it('teams.disableAuth on a non-loopback bind is refused at start', async () => {
    const out = await refusedWith({ BREAKGLASS_CONFIG: configFile('server:\n  host: 0.0.0.0\nteams:\n  disableAuth: true\n') });
    expect(out).toContain('teams.disableAuth needs server.host to be a loopback address, not "0.0.0.0"');
  }, 45_000);
});

describe('the playground is never on the production listener when real settings exist', () => {
  it.each([
    ['a config file and BREAKGLASS_PLAYGROUND=true', () => ({ BREAKGLASS_CONFIG: configFile('server:\n  playground: true\n'), BREAKGLASS_PLAYGROUND: 'true' })],
    ['a config file and BREAKGLASS_PLAYGROUND=force', () => ({ BREAKGLASS_CONFIG: configFile('{}\n'), BREAKGLASS_PLAYGROUND: 'force' })],
  ])('%s: /, /playground/api/* answer 404 on the production port', async (_name, env) => {
    const port = await unusedPort();
    const bot = spawnBot({ BREAKGLASS_DB: join(dir, 'bg.db'), PORT: String(port), ...env() });
    try {
      const deadline = Date.now() + 35_000;
      while (!bot.output().includes('breakglass is running')) {
        if (Date.now() > deadline) throw new Error(`bot did not start:\n${bot.output()}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const base = `http://127.0.0.1:${port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      for (const path of ['/', '/playground/api/audit', '/playground/api/state', '/playground/api/pending']) {
        expect([path, (await fetch(`${base}${path}`)).status]).toEqual([path, 404]);
      }
      const advance = await fetch(`${base}/playground/api/advance`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"minutes":10080}' });
      expect(advance.status).toBe(404);
      // Forced: it runs, but on its own loopback port.
      const own = /breakglass playground -> (http:\/\/[^/\s]+)\//.exec(bot.output())?.[1];
      if (env().BREAKGLASS_PLAYGROUND === 'force') {
        expect(own).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect(own).not.toBe(base);
        expect((await fetch(`${own}/`)).status).toBe(200);
      } else {
        expect(own).toBeUndefined();
      }
    } finally {
      bot.child.kill('SIGTERM');
      await bot.exited;
    }
  }, 45_000);
});
