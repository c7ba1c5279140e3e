import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import type { ChatLogLine } from './recording-chat';

/** An inbound event as the test writes it; the process stamps receivedAt itself. */
type Outbound = InboundEvent extends infer E ? (E extends InboundEvent ? Omit<E, 'receivedAt'> : never) : never;

const ROOT = path.resolve(__dirname, '../../..');
const SCRIPT = path.join(__dirname, 'bot-process.ts');

/** One life of bot-process.ts: started, fed events, killed. */
export class BotProcess {
  private readonly waiting: Array<(line: string) => void> = [];
  private stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    /** Wall-clock ms when the process said it was ready. */
    public readyAt = 0,
  ) {
    createInterface({ input: child.stdout }).on('line', (line) => this.waiting.shift()?.(line));
    child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    void this.exited.then((exit) => {
      for (const w of this.waiting.splice(0)) w(JSON.stringify({ exit }));
    });
  }

  static async start(env: Record<string, string>): Promise<BotProcess> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    delete childEnv.NODE_OPTIONS;
    const bot = new BotProcess(spawn(process.execPath, ['-r', '@swc-node/register', SCRIPT], { cwd: ROOT, env: childEnv, stdio: 'pipe' }));
    const first = JSON.parse(await bot.next()) as { ready?: number };
    if (!first.ready) throw new Error(`bot process did not start: ${JSON.stringify(first)} ${bot.stderr}`);
    bot.readyAt = first.ready;
    return bot;
  }

  /** Delivers one event; resolves with the private reply ('' for none). */
  async send(event: Outbound): Promise<string> {
    const answer = this.next();
    this.child.stdin.write(`${JSON.stringify(event)}\n`);
    const parsed = JSON.parse(await answer) as { reply?: string; exit?: unknown };
    if (parsed.exit) throw new Error(`bot process died: ${JSON.stringify(parsed.exit)} ${this.stderr}`);
    return parsed.reply ?? '';
  }

  async kill(): Promise<number> {
    this.child.kill('SIGKILL');
    await this.exited;
    return Date.now();
  }

  /** What the process wrote to stderr (its warn/error log). */
  get log(): string {
    return this.stderr;
  }

  private next(): Promise<string> {
    return new Promise((resolve) => this.waiting.push(resolve));
  }
}

export function readChatLog(file: string): ChatLogLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as ChatLogLine);
}
