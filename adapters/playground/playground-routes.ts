import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Config } from '../../bot/config/schema';
import { MAX_COMMAND_TEXT } from '../../bot/core/command-grammar';
import type { InboundEvent } from '../../bot/core/inbound-event';
import type { Logger } from '../../bot/core/logger';
import { outcomeReply, type Outcome } from '../../bot/core/outcome';
import type { Reply } from '../../bot/messages/message';
import { replyLine } from '../../bot/messages/message-text';
import type { AuditEntry } from '../../bot/ports/storage';
import { renderAdaptiveCard } from '../teams/adaptive-card-renderer';
import { auditLine } from './audit-sentence';
import { guideProgress } from './guide-progress';
import { dmConversation, type PlaygroundChat, type PlaygroundMessage } from './playground-chat';
import { PLAYGROUND_CAST, PLAYGROUND_CHANNELS } from './playground-config';

export interface PlaygroundDeps {
  chat: PlaygroundChat;
  config: Config;
  logger: Logger;
  /** The bot's answer; the playground shows its line (cards arrive through the outbox, like Slack). */
  onEvent: (event: InboundEvent) => Promise<Outcome>;
  audit: () => Promise<AuditEntry[]>;
  /** Moves simulated time forward and runs whatever fell due. Absent (no endpoint) unless the whole world is simulated. */
  advance?: (ms: number) => Promise<void>;
  now: () => number;
  /** Starts the playground afresh on an empty database. Absent unless the playground owns its database and the world is simulated. */
  reset?: () => Promise<void>;
  /** Shown on the page so nobody mistakes it for their tenant. */
  describe: { database: string; graph: string };
}

const PUBLIC_DIR = join(__dirname, 'public');
const ADAPTIVE_CARDS_JS = require.resolve('adaptivecards/dist/adaptivecards.min.js');
const MAX_ADVANCE_MS = 7 * 24 * 3_600_000;

/**
 * The playground: a page at `/` and a small JSON API under /playground/api.
 * Cards are sent to the page as the Adaptive Card JSON the Teams adapter
 * would send, rendered per viewer, so what you see is what Teams gets.
 */
export function createPlaygroundRouter(deps: PlaygroundDeps): Router {
  const router = express.Router();
  const cast = new Map(PLAYGROUND_CAST.map((c) => [c.key as string, c]));
  // Every person here is someone Teams would know, so each gets the user-specific view Teams shows them.
  const teamsUserIds = new Map(
    Object.entries(deps.config.people).flatMap(([key, p]) => (p.entraObjectId ? [[p.entraObjectId, `playground:${key}`] as const] : [])),
  );

  let advancedMs = 0;
  /** The last 150 things people and the monitor did, and the last 100 pieces of plumbing among them: plumbing must not push the sentences out. */
  const recentAudit = (audit: AuditEntry[]) => {
    const lines = audit.map((entry) => ({ entry, line: auditLine(entry, nameOf(entry)) }));
    const keep = new Set([...lines.filter((l) => !l.line.plumbing).slice(-150), ...lines.filter((l) => l.line.plumbing).slice(-100)]);
    return lines.filter((l) => keep.has(l));
  };
  const nameOf = (entry: AuditEntry): string => {
    const key = auditActor(entry);
    return deps.config.people[key]?.name ?? (typeof entry.data.actorName === 'string' ? entry.data.actorName : entry.actorPlatformId || entry.actorEntraId ? key : 'The bot');
  };

  router.get('/', (_req, res) => res.sendFile(join(PUBLIC_DIR, 'index.html')));
  router.use('/playground/static', express.static(PUBLIC_DIR, { index: false }));
  router.get('/playground/vendor/adaptivecards.js', (_req, res) => res.sendFile(ADAPTIVE_CARDS_JS));

  router.get('/playground/api/state', async (req, res) => {
    const as = String(req.query.as ?? PLAYGROUND_CAST[0]!.key);
    if (!cast.has(as)) return void res.status(400).json({ error: `Unknown person "${as.slice(0, 40)}".` });
    const viewerId = deps.config.people[as]?.entraObjectId;
    const view = (m: PlaygroundMessage) => ({
      id: m.id,
      threadId: m.threadId ?? null,
      postedAt: m.postedAt,
      updatedAt: m.updatedAt,
      text: m.message.fallbackText,
      card: renderAdaptiveCard(m.message, viewerId ? { viewerId, teamsUserIds } : { teamsUserIds }),
    });
    const audit = await deps.audit();
    res.json({
      now: deps.now(),
      simulated: true,
      canAdvance: !!deps.advance,
      canReset: !!deps.reset,
      limits: { commandChars: MAX_COMMAND_TEXT },
      guide: {
        ...guideProgress(audit, advancedMs),
        people: { commander: PLAYGROUND_CAST[0]!.key, second: PLAYGROUND_CAST[1]!.key, approver: PLAYGROUND_CAST[2]!.key },
        account: deps.config.emergencyAccounts[0]?.upn ?? '',
      },
      describe: deps.describe,
      people: PLAYGROUND_CAST.map((c) => ({ key: c.key, name: deps.config.people[c.key]?.name ?? c.key, role: c.role, unread: deps.chat.messages.filter((m) => m.conversationId === dmConversation(c.key)).length })),
      channels: Object.values(PLAYGROUND_CHANNELS).map((id) => ({ id, messages: deps.chat.messages.filter((m) => m.conversationId === id).map(view) })),
      dmConversation: dmConversation(as),
      dms: deps.chat.messages.filter((m) => m.conversationId === dmConversation(as)).map(view),
      whispers: deps.chat.whispers.filter((w) => w.user === as).slice(-20),
      audit: recentAudit(audit).map(({ entry: e, line }) => ({ seq: e.seq, at: e.at, type: e.type, workflowId: e.workflowId, actor: auditActor(e), summary: summarize(e.data), ...line })),
    });
  });

  router.post('/playground/api/command', express.json({ limit: '16kb' }), async (req, res) => {
    const { as, text, channel } = req.body as { as?: string; text?: string; channel?: string };
    if (!as || !cast.has(as) || typeof text !== 'string') return void res.status(400).json({ error: 'Send { as, text } with a person from the cast.' });
    const conversationId = channel && Object.values(PLAYGROUND_CHANNELS).includes(channel as never) ? channel : PLAYGROUND_CHANNELS.incident;
    const reply = shownLine(await deps.onEvent({
      type: 'command',
      deliveryKey: `playground:${randomUUID()}`,
      actor: { platform: 'playground', platformUserId: as, displayName: deps.config.people[as]?.name ?? as },
      place: { platform: 'playground', conversationId },
      text,
      receivedAt: deps.now(),
    }));
    if (reply) await deps.chat.whisper({ platform: 'playground', conversationId }, as, reply);
    res.json({ reply: reply ?? null });
  });

  router.post('/playground/api/action', express.json({ limit: '16kb' }), async (req, res) => {
    const { as, actionId, value, inputs, messageId, conversationId } = req.body as {
      as?: string; actionId?: string; value?: string; inputs?: Record<string, string>; messageId?: string; conversationId?: string;
    };
    if (!as || !cast.has(as) || typeof actionId !== 'string' || typeof value !== 'string') return void res.status(400).json({ error: 'Send { as, actionId, value }.' });
    const place = { platform: 'playground' as const, conversationId: conversationId ?? PLAYGROUND_CHANNELS.incident };
    const reply = shownLine(await deps.onEvent({
      type: 'action',
      deliveryKey: `playground:${randomUUID()}`,
      actor: { platform: 'playground', platformUserId: as, displayName: deps.config.people[as]?.name ?? as },
      place,
      actionId,
      value,
      ...(inputs ? { inputs: stringRecord(inputs) } : {}),
      ...(messageId ? { message: { platform: 'playground', conversationId: place.conversationId, messageId } } : {}),
      receivedAt: deps.now(),
    }));
    if (reply) await deps.chat.whisper(place, as, reply);
    res.json({ reply: reply ?? null });
  });

  const advance = deps.advance;
  // Moving the clock of a bot that reads a real tenant or pages real people would expire real requests.
  if (advance) router.post('/playground/api/advance', express.json({ limit: '1kb' }), async (req, res) => {
    const minutes = Number((req.body as { minutes?: unknown }).minutes);
    const ms = minutes * 60_000;
    if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_ADVANCE_MS) return void res.status(400).json({ error: 'Advance by 1 minute to 7 days.' });
    await advance(ms);
    advancedMs += ms;
    res.json({ now: deps.now() });
  });

  const reset = deps.reset;
  if (reset) router.post('/playground/api/reset', (_req, res) => {
    // Answer first: the reset stops this very server and starts a new one on the same port.
    res.on('finish', () => void reset().catch((e: unknown) => deps.logger.error({ err: e }, 'playground reset failed')));
    res.status(202).json({ resetting: true });
  });

  router.use('/playground/api', (_req, res) => void res.status(404).json({ error: 'There is no such playground request.' }));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => playgroundError(err, res, deps.logger));
  return router;
}

/** A failed playground request answers JSON with one plain sentence and a reference; the stack goes only to the log. */
function playgroundError(err: unknown, res: Response, logger: Logger): void {
  const ref = randomBytes(4).toString('hex');
  const type = (err as { type?: string }).type;
  const [status, error] =
    type === 'entity.parse.failed' ? [400, 'That request is not valid JSON.']
    : type === 'entity.too.large' ? [413, 'That request is too large for the playground.']
    : [500, 'The playground could not do that.'];
  logger.warn({ err, ref }, 'playground request failed');
  if (res.headersSent) return;
  res.status(status).json({ error: `${error} (ref ${ref})`, ref });
}

/** The cast key when a person of the cast acted (the page shows their name), else the raw id. */
function auditActor(entry: AuditEntry): string {
  const own = entry.actorPlatformId?.startsWith('playground:') ? entry.actorPlatformId.slice('playground:'.length) : undefined;
  return own ?? entry.actorPlatformId ?? entry.actorEntraId ?? 'system';
}

function stringRecord(input: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}

/** One short line of an audit entry's data for the side panel. */
function summarize(data: Record<string, unknown>): string {
  const event = data.event as { type?: string } | undefined;
  const parts = [event?.type, typeof data.state === 'string' ? `-> ${data.state}` : undefined, typeof data.reason === 'string' ? data.reason : undefined].filter(Boolean);
  return (parts.length ? parts.join(' ') : JSON.stringify(data)).slice(0, 160);
}

/** The line the page shows for an answer, a refusal's reference included: the same text in the whisper and the response. */
function shownLine(outcome: Outcome): Reply | undefined {
  const reply = outcomeReply(outcome);
  return reply && { text: replyLine(reply), ephemeral: reply.ephemeral };
}
