import { execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A PostgreSQL server of this test's own (initdb into a temp folder, its own
 * port and socket directory), so the test can stop and start it without
 * touching the shared server other tests use. PostgreSQL refuses to run as
 * root, so under root it runs as the `postgres` system user.
 */
export class PrivatePostgres {
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly bin: string,
    private readonly asUser: string | undefined,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBin();
    const root = userInfo().uid === 0;
    const dir = mkdtempSync(join(tmpdir(), 'bg-private-pg-'));
    if (root) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
      chmodSync(dir, 0o700);
    }
    const pg = new PrivatePostgres(dir, await freePort(), bin, root ? 'postgres' : undefined);
    await pg.exec('initdb', ['-D', pg.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    return pg;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
    await this.exec('pg_ctl', ['start', '-D', this.data, '-w', '-t', '30', '-l', join(this.dir, 'server.log'), '-o', options]);
  }

  /** Fast shutdown: open connections are cut, as when the database host goes away. */
  async stop(): Promise<void> {
    await this.exec('pg_ctl', ['stop', '-D', this.data, '-w', '-t', '30', '-m', 'fast']);
  }

  async destroy(): Promise<void> {
    if (existsSync(join(this.data, 'postmaster.pid'))) await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async exec(tool: string, args: string[]): Promise<void> {
    const path = join(this.bin, tool);
    if (this.asUser) {
      const line = [path, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      await run('su', [this.asUser, '-s', '/bin/sh', '-c', line]);
    } else {
      await run(path, args);
    }
  }
}

/** The newest installed PostgreSQL's bin folder (Debian layout, as .ci/run installs it). */
function postgresBin(): string {
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (!versions[0]) throw new Error(`No PostgreSQL server binaries under ${base} (initdb, pg_ctl); install the postgresql package.`);
  return join(base, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}
