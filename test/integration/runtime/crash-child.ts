/**
 * A bot process stripped to its runtime, driven line by line over stdin by
 * crash-restart.test.ts. Each command answers with one JSON line on stdout.
 * `crash-next-commit` makes the next committed transition SIGKILL this
 * process right after its transaction, before any of its effects can run.
 *
 * Env: STORAGE_JSON (openStorage options), EFFECT_LOG (file every effect
 * appends one line to), START_AT (the manual clock's start, epoch ms).
 */
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { openStorage } from '../../../adapters/storage/open-storage';
import { silentLogger } from '../../../bot/core/logger';
import { ManualClock } from '../../../bot/ports/clock';
import type { EffectHandler } from '../../../bot/runtime/effect-handler';
import { TimerDispatcher } from '../../../bot/runtime/timer-dispatcher';
import { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import { DRILL_KIND, drillDefinition } from '../../fixtures/workflows/drill-definition';

type Command =
  | { cmd: 'start'; id: string; expiryMs: number }
  | { cmd: 'send'; id: string; event: { type: string; [k: string]: unknown } }
  | { cmd: 'get'; id: string }
  | { cmd: 'advance'; ms: number }
  | { cmd: 'drain' }
  | { cmd: 'tick' }
  | { cmd: 'crash-next-commit' }
  | { cmd: 'exit' };

async function main(): Promise<void> {
  const effectLog = requiredEnv('EFFECT_LOG');
  const storage = await openStorage(JSON.parse(requiredEnv('STORAGE_JSON')) as Parameters<typeof openStorage>[0]);
  await storage.migrate();
  const clock = new ManualClock(Number(requiredEnv('START_AT')));
  let crashNextCommit = false;

  // Deliberately not idempotent: a second execution shows up as a second line.
  const record: EffectHandler = (effect, context) => {
    appendFileSync(effectLog, `${JSON.stringify({ key: context.idempotencyKey, type: effect.type, at: clock.now() })}\n`);
  };
  const runtime = new WorkflowRuntime({
    storage,
    clock,
    definitions: [drillDefinition],
    logger: silentLogger,
    effectHandlers: { 'chat.card': record, 'chat.notice': record, 'graph.call': record },
    autoDrain: false,
    onCommit: () => {
      if (crashNextCommit) process.kill(process.pid, 'SIGKILL');
    },
  });
  const timers = new TimerDispatcher({ runtime, storage, clock, logger: silentLogger });

  const run = async (command: Command): Promise<unknown> => {
    switch (command.cmd) {
      case 'start':
        return runtime.start(DRILL_KIND, command.id, { expiryMs: command.expiryMs }, { home: { platform: 'playground', conversationId: 'c1' } });
      case 'send':
        return runtime.send(command.id, command.event);
      case 'get': {
        const view = await runtime.get(command.id);
        return view && { state: view.state, status: view.row.status, timers: view.timers };
      }
      case 'advance':
        clock.advance(command.ms);
        return { now: clock.now() };
      case 'drain':
        return { ran: await runtime.outbox.drain() };
      case 'tick':
        return { fired: await timers.tick() };
      case 'crash-next-commit':
        crashNextCommit = true;
        return {};
      case 'exit':
        await storage.close();
        process.exit(0);
    }
  };

  const lines = createInterface({ input: process.stdin });
  process.stdout.write('READY\n');
  for await (const line of lines) {
    try {
      process.stdout.write(`${JSON.stringify({ ok: true, result: await run(JSON.parse(line) as Command) })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
    }
  }
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
