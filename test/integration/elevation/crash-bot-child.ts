/**
 * The whole bot (createBot) in a child process, driven over stdin by
 * crash.test.ts: one JSON command per line, one JSON answer per line. Talks
 * to the tenant simulator the parent runs, through the real Graph adapter.
 *
 * CRASH makes the process SIGKILL itself around the first adminAssign:
 *   before-graph  the approval is committed and its graph.call claimed, but Graph was never asked;
 *   after-graph   Graph created the assignment, but the result never reached the workflow.
 *
 * Env: SIM_URL, SIM_TENANT_ID, SIM_CLIENT_ID, SIM_CLIENT_SECRET, STORAGE_JSON,
 * CHAT_FILE, START_AT (epoch ms), CRASH (optional). NODE_EXTRA_CA_CERTS must
 * name the test CA so the simulator's TLS certificate is trusted.
 */
import { createInterface } from 'node:readline';
import { createGraphPort } from '../../../adapters/graph/graph-port';
import { RequestPacer } from '../../../adapters/graph/request-pacer';
import { playgroundConfig } from '../../../adapters/playground/playground-config';
import { openStorage } from '../../../adapters/storage/open-storage';
import { readEnv } from '../../../bot/config/env';
import type { GraphPort } from '../../../bot/ports/graph-port';
import { silentLogger } from '../../../bot/core/logger';
import type { Outcome } from '../../../bot/core/outcome';
import { lineOf } from '../../fixtures/outcome-line';
import { createBot } from '../../../app/create-bot';
import { ManualClock } from '../../../bot/ports/clock';
import type { ElevationContext } from '../../../workflows/pim-elevation/types';
import { FileBackedChat } from './file-backed-chat';

type Command =
  | { cmd: 'say'; who: string; text: string }
  | { cmd: 'click'; who: string; actionId: string; value: string }
  | { cmd: 'tick' }
  | { cmd: 'get'; id: string }
  | { cmd: 'exit' };

async function main(): Promise<void> {
  const clock = new ManualClock(Number(required('START_AT')));
  const crash = process.env.CRASH ?? '';
  const storage = await openStorage(JSON.parse(required('STORAGE_JSON')) as Parameters<typeof openStorage>[0]);
  await storage.migrate();
  const real = createGraphPort({
    baseUrl: required('SIM_URL'),
    authorityHost: required('SIM_URL'),
    tenantId: required('SIM_TENANT_ID'),
    clientId: required('SIM_CLIENT_ID'),
    clientSecret: required('SIM_CLIENT_SECRET'),
    logger: silentLogger,
    clock,
    logPacer: new RequestPacer(clock, async () => undefined, 10_000),
  });
  const graph: GraphPort = {
    ...real,
    createAssignmentRequest: async (request) => {
      const armed = request.action === 'adminAssign';
      if (armed && crash === 'before-graph') process.kill(process.pid, 'SIGKILL');
      const result = await real.createAssignmentRequest(request);
      if (armed && crash === 'after-graph') process.kill(process.pid, 'SIGKILL');
      return result;
    },
  };
  const bot = await createBot({
    config: { ...playgroundConfig(), elevation: { ...playgroundConfig().elevation, pimMfaEvidenceMinutes: 0 } },
    env: readEnv({}),
    logger: silentLogger,
    clock,
    storage,
    graph,
    chats: { playground: new FileBackedChat(required('CHAT_FILE')) },
    listen: false,
    loops: false,
  });

  let seq = 0;
  const actor = (who: string) => ({ platform: 'playground' as const, platformUserId: who });
  const text = (r: Outcome) => lineOf(r) ?? '';
  const run = async (command: Command): Promise<unknown> => {
    switch (command.cmd) {
      case 'say': {
        const reply = await bot.router.handle({ type: 'command', deliveryKey: `${process.pid}:${++seq}`, actor: actor(command.who), place: { platform: 'playground', conversationId: 'incident-room' }, receivedAt: clock.now(), text: command.text });
        await bot.tick();
        return text(reply);
      }
      case 'click': {
        const reply = await bot.router.handle({ type: 'action', deliveryKey: `${process.pid}:${++seq}`, actor: actor(command.who), place: { platform: 'playground', conversationId: 'approvers' }, receivedAt: clock.now(), actionId: command.actionId, value: command.value });
        await bot.tick();
        return text(reply);
      }
      case 'tick':
        await bot.tick();
        return {};
      case 'get': {
        const view = await bot.runtime.get<ElevationContext>(command.id);
        return view && { phase: view.context.phase, grant: view.context.grant, history: view.context.history.map((h) => h.what) };
      }
      case 'exit':
        await bot.stop();
        await storage.close();
        process.exit(0);
    }
  };

  process.stdout.write('READY\n');
  for await (const line of createInterface({ input: process.stdin })) {
    try {
      process.stdout.write(`${JSON.stringify({ ok: true, result: await run(JSON.parse(line) as Command) })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
    }
  }
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
