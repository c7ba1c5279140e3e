/**
 * The whole bot (createBot) as its own process, as `npm start` runs it but
 * with a chat that writes to a file: timer and outbox loops on, real time,
 * SQLite. Driven over stdin, one JSON line per inbound event; answers one
 * JSON line per event on stdout. Tests kill it with SIGKILL and start it again.
 *
 * Env: BOT_DB (SQLite file), BOT_CONFIG (config JSON), CHAT_LOG (file), POLL_MS,
 * plus the usual AZURE_* / GRAPH settings for Graph.
 */
import { createInterface } from 'node:readline';
import { readEnv } from '../../../bot/config/env';
import { parseConfig } from '../../../bot/config/load-config';
import type { InboundEvent } from '../../../bot/core/inbound-event';
import { createLogger } from '../../../bot/core/logger';
import { createBot } from '../../../app/create-bot';
import { RecordingChat } from './recording-chat';
import { lineOf } from '../../fixtures/outcome-line';

async function main(): Promise<void> {
  const need = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set`);
    return value;
  };
  const bot = await createBot({
    config: parseConfig(JSON.parse(need('BOT_CONFIG')), 'BOT_CONFIG'),
    env: { ...readEnv(process.env), sqlitePath: need('BOT_DB') },
    logger: createLogger({ level: 'warn', destination: process.stderr }),
    chats: { playground: new RecordingChat(need('CHAT_LOG')) },
    listen: false,
    loops: true,
    pollMs: Number(need('POLL_MS')),
    exportDir: `${need('BOT_DB')}.exports`,
  });
  process.stdout.write(`${JSON.stringify({ ready: Date.now() })}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    const event = { ...(JSON.parse(line) as InboundEvent), receivedAt: Date.now() };
    const result = await bot.router.handle(event);
    process.stdout.write(`${JSON.stringify({ deliveryKey: event.deliveryKey, reply: lineOf(result) })}\n`);
  }
  await bot.stop();
}

main().catch((e: unknown) => {
  process.stderr.write(`bot-process failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
