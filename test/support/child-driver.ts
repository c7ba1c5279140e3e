import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Drives one child script (a bot or runtime that tests kill with SIGKILL):
 * one JSON command per line in, one JSON line out.
 */
export class ChildDriver {
  private readonly pending: Array<(line: string) => void> = [];
  private readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private stderr = '';

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.pending.shift()?.(line));
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // A dead child answers nothing: fail waiting commands instead of hanging.
    void this.exited.then((exit) => {
      for (const waiter of this.pending.splice(0)) waiter(JSON.stringify({ ok: false, exit }));
    });
  }

  /** Starts `node -r @swc-node/register <script>` from the repository root with `env` added. */
  static async spawn(script: string, env: Record<string, string>): Promise<ChildDriver> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_OPTIONS; // jest's own flags are not for the child
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script], { cwd: ROOT, env: childEnv, stdio: 'pipe' });
    const driver = new ChildDriver(child);
    const ready = await driver.nextLine();
    if (ready !== 'READY') throw new Error(`child did not start: ${ready} ${driver.stderr}`);
    return driver;
  }

  async run<T = unknown>(command: Record<string, unknown>): Promise<T> {
    const answer = this.nextLine();
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    const parsed = JSON.parse(await answer) as { ok: boolean; result?: T; error?: string; exit?: unknown };
    if (!parsed.ok) throw new Error(`child ${JSON.stringify(command)} failed: ${parsed.error ?? JSON.stringify(parsed.exit)} ${this.stderr}`);
    return parsed.result as T;
  }

  /** Sends a command that is expected to kill the child; resolves with how it exited. */
  async runUntilExit(command: Record<string, unknown>): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    return this.exited;
  }

  async exit(): Promise<void> {
    this.child.stdin.write(`${JSON.stringify({ cmd: 'exit' })}\n`);
    await this.exited;
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }

  private nextLine(): Promise<string> {
    return new Promise((resolve) => this.pending.push(resolve));
  }
}
