import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { unusedPort } from '../../support/unused-port';

const ROOT = resolve(__dirname, '../../..');

function startBot(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'app/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', fail);
    child.on('close', (code) => {
      clearTimeout(killer);
      done({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * `npm start` with a database that is not there: the operator gets one line
 * saying what is wrong and what to check, the process exits non-zero (so a
 * supervisor notices), and the password in DATABASE_URL is never printed.
 */
describe('starting the bot without its database', () => {
  it('PostgreSQL not listening: one clear line on stderr, exit code 1, no password anywhere', async () => {
    const port = await unusedPort();
    const result = await startBot({ DATABASE_URL: `postgres://breakglass:S3cret-Db-Pw@127.0.0.1:${port}/breakglass`, PORT: '0' });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `breakglass could not start: Cannot use the PostgreSQL database breakglass at 127.0.0.1:${port}: the server refused the connection; check DATABASE_URL and that PostgreSQL is running.\n`,
    );
    expect(result.stdout + result.stderr).not.toContain('S3cret-Db-Pw');
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace for the operator
    expect(result.ms).toBeLessThan(20_000);
  });

  it('a DATABASE_URL that is not a URL: named as such, exit code 1', async () => {
    const result = await startBot({ DATABASE_URL: 'host=db user=bg password=S3cret-Db-Pw', PORT: '0' });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('breakglass could not start: DATABASE_URL is not a valid URL; expected postgres://user:password@host:5432/database.\n');
    expect(result.stdout + result.stderr).not.toContain('S3cret-Db-Pw');
  });
});
