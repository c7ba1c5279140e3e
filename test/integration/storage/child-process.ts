import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { OpenStorageOptions } from '../../../adapters/storage/open-storage';

const FIXTURE = join(__dirname, 'fixtures', 'open-storage-child.ts');
const REGISTER = require.resolve('@swc-node/register');

export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function start(options: OpenStorageOptions, mode: 'exit' | 'hold', cwd?: string): ChildProcess {
  return spawn(process.execPath, ['-r', REGISTER, FIXTURE, JSON.stringify(options), mode], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs a child process that opens storage and exits; resolves with what it printed. */
export function runStorageChild(options: OpenStorageOptions, cwd?: string): Promise<ChildResult> {
  const child = start(options, 'exit', cwd);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

/** Starts a child that opens storage and keeps it open; resolves once it is ready. */
export function holdStorageInChild(options: OpenStorageOptions): Promise<ChildProcess> {
  const child = start(options, 'hold');
  return new Promise((resolve, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.on('close', (code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
}

export function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.on('close', () => resolve());
    child.kill(signal);
  });
}
