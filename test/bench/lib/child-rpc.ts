import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { TEST_CA_FILE } from '../../../sim';

/**
 * Each bench server (bot, bare framework, fakes) runs in its own Node process
 * so the load generator, the fakes and the server under test do not share an
 * event loop, and each process's peak RSS is its own. Parent and child talk
 * over the IPC channel: the child announces `ready` with what the parent
 * needs (URLs, ids), then answers calls by name.
 */

interface CallMessage {
  kind: 'call';
  id: number;
  name: string;
  args: unknown;
}
type ChildMessage = { kind: 'ready'; info: unknown } | { kind: 'result'; id: number; ok: true; value: unknown } | { kind: 'result'; id: number; ok: false; error: string } | { kind: 'failed'; error: string };

export interface BenchChild<Info> {
  readonly info: Info;
  readonly pid: number;
  call<T = unknown>(name: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Asks the child to stop, then kills it if it has not exited in time. */
  stop(): Promise<void>;
}

const REGISTER = ['-r', '@swc-node/register'];
export const CHILDREN_DIR = path.join(__dirname, '..', 'children');

export async function startChild<Info>(script: string, options: unknown, startTimeoutMs = 90_000, nodeFlags: readonly string[] = []): Promise<BenchChild<Info>> {
  // BENCH_CPU_PROF=<dir>: every child writes a V8 CPU profile there when it stops (tools/summarize-profile.ts reads them).
  const profDir = process.env.BENCH_CPU_PROF;
  const prof = profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, `--cpu-prof-name=${script.replace(/\.child\.ts$/, '')}-${Date.now()}.cpuprofile`] : [];
  const child: ChildProcess = fork(path.join(CHILDREN_DIR, script), [JSON.stringify(options ?? {})], {
    execArgv: [...REGISTER, ...nodeFlags, ...prof],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // The fakes and the simulated tenant serve HTTPS from the test CA, which Node trusts only when told at start.
    env: { ...process.env, NODE_EXTRA_CA_CERTS: TEST_CA_FILE, LOG_LEVEL: '' },
  });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let seq = 0;
  let exited = false;
  const info = await new Promise<Info>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start within ${startTimeoutMs} ms`)), startTimeoutMs);
    child.on('message', (m: ChildMessage) => {
      if (m.kind === 'ready') {
        clearTimeout(timer);
        resolve(m.info as Info);
      } else if (m.kind === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${script}: ${m.error}`));
      } else {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.ok) p?.resolve(m.value);
        else p?.reject(new Error(`${script}: ${m.error}`));
      }
    });
    child.once('exit', (code) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`${script} exited with ${code} before it was ready`));
      for (const p of pending.values()) p.reject(new Error(`${script} exited with ${code}`));
      pending.clear();
    });
  });
  return {
    info,
    pid: child.pid!,
    call<T>(name: string, args?: unknown, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${script} is not running`));
      const id = ++seq;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${script}: ${name} took longer than ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as T);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        child.send({ kind: 'call', id, name, args } satisfies CallMessage);
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ kind: 'call', id: ++seq, name: 'stop', args: undefined } satisfies CallMessage);
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

export type Handlers = Record<string, (args: never) => unknown>;

/**
 * The child side: runs `setup`, announces ready with its info, then serves
 * calls. `stop` runs the returned cleanup and exits. The parent's options
 * arrive as JSON in argv[2].
 */
export function serveChild<Options, Info>(setup: (options: Options) => Promise<{ info: Info; handlers: Handlers; stop: () => Promise<void> }>): void {
  const send = (m: ChildMessage) => process.send?.(m);
  const options = JSON.parse(process.argv[2] ?? '{}') as Options;
  setup(options)
    .then(({ info, handlers, stop }) => {
      process.on('message', (m: CallMessage) => {
        if (m.kind !== 'call') return;
        if (m.name === 'stop') {
          // A bot still working through a backlog gets a few seconds, then exits anyway (so a CPU profile is still written).
          Promise.race([stop().catch(() => undefined), new Promise((r) => setTimeout(r, 8000))]).finally(() => process.exit(0));
          return;
        }
        const handler = handlers[m.name] as ((args: unknown) => unknown) | undefined;
        Promise.resolve()
          .then(() => {
            if (!handler) throw new Error(`no call named ${m.name}`);
            return handler(m.args);
          })
          .then(
            (value) => send({ kind: 'result', id: m.id, ok: true, value }),
            (e: unknown) => send({ kind: 'result', id: m.id, ok: false, error: e instanceof Error ? (e.stack ?? e.message) : String(e) }),
          );
      });
      // The parent going away (crash, Ctrl-C) takes the child with it.
      process.on('disconnect', () => {
        stop()
          .catch(() => undefined)
          .finally(() => process.exit(0));
      });
      send({ kind: 'ready', info });
    })
    .catch((e: unknown) => {
      send({ kind: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      setTimeout(() => process.exit(1), 100);
    });
}

/** What every server child reports for the table. */
export interface ProcessStats {
  /** Peak resident set size over the process's life, MB. */
  peakRssMb: number;
  rssMb: number;
  /** CPU time used so far (user + system, every thread), seconds. */
  cpuSeconds: number;
}

export function processStats(): ProcessStats {
  const cpu = process.cpuUsage();
  return {
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e4) / 100,
  };
}
