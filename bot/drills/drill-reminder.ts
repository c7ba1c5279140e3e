import type { BreakGlassContext } from '../../workflows/break-glass/context';
import type { Config } from '../config/schema';
import type { ChatPort } from '../ports/chat-port';
import type { Logger } from '../core/logger';
import type { Platform } from '../core/platform';
import { resolveAudience } from '../effects/audience';
import type { Message } from '../messages/message';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';

const DAY_MS = 86_400_000;

export interface DrillReminderDeps {
  config: Config;
  runtime: Pick<WorkflowRuntime, 'listWhere'>;
  storage: Pick<Storage, 'recordAlert' | 'getWatermark' | 'setWatermark'>;
  chats: Partial<Record<Platform, ChatPort>>;
  clock: Clock;
  logger: Logger;
}

/**
 * Microsoft recommends exercising emergency-access accounts at least every 90
 * days. When the last drill (or, with none yet, the bot's first start) is
 * older than the configured interval, the security channel is told once per
 * interval; the alert table keeps that true across restarts and replicas.
 */
export async function remindIfDrillDue(deps: DrillReminderDeps): Promise<boolean> {
  const now = deps.clock.now();
  const intervalMs = deps.config.breakGlass.drillIntervalDays * DAY_MS;
  const since = (await lastDrillAt(deps)) ?? (await firstSeen(deps, now));
  if (now - since < intervalMs) return false;
  const period = Math.floor((now - since) / intervalMs);
  if (!(await deps.storage.recordAlert(`drill-due:${since}:${period}`, now))) return false;
  const days = Math.floor((now - since) / DAY_MS);
  const message: Message = {
    header: { title: 'Break-glass drill overdue', tone: 'warning' },
    blocks: [
      { kind: 'text', text: `No break-glass drill has run for ${days} days. Microsoft recommends testing emergency-access accounts at least every ${deps.config.breakGlass.drillIntervalDays} days, so they work when everything else has failed.` },
      { kind: 'text', text: 'Rehearse the whole procedure with "start --drill <summary>": every message is labelled DRILL.' },
    ],
    fallbackText: `Break-glass drill overdue: none for ${days} days.`,
  };
  const platforms = Object.keys(deps.chats) as Platform[];
  const home = platforms[0];
  const dest = home ? resolveAudience({ to: 'channel', channel: 'security' }, { platform: home, conversationId: '' }, deps.config, deps.chats) : undefined;
  if (!dest || dest.kind !== 'place') {
    deps.logger.warn({ days }, 'a break-glass drill is overdue but no security channel is configured');
    return false;
  }
  await dest.chat.post(dest.place, message);
  return true;
}

/** The latest drill seen so far and the last incident read (creation order): one watermark, so the pair stays consistent. */
interface DrillScan {
  lastDrillAt?: number;
  after?: { createdAt: number; id: string };
}

/**
 * Reads only the incidents opened since the last check (the first check reads
 * them all once): the answer must not cost more as incidents pile up.
 */
async function lastDrillAt(deps: DrillReminderDeps): Promise<number | undefined> {
  const stored = await deps.storage.getWatermark(DRILL_SCAN);
  const scan: DrillScan = stored ? (JSON.parse(stored) as DrillScan) : {};
  const incidents = await deps.runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, ...(scan.after ? { after: scan.after } : {}) });
  if (incidents.length === 0) return scan.lastDrillAt;
  const drills = incidents.filter((v) => v.context.drill).map((v) => v.context.startedAt);
  const lastDrill = Math.max(scan.lastDrillAt ?? -Infinity, ...drills);
  const last = incidents[incidents.length - 1]!.row;
  // Re-read the last few minutes next time: another replica's clock may stamp an incident a little earlier.
  const next: DrillScan = { ...(Number.isFinite(lastDrill) ? { lastDrillAt: lastDrill } : {}), after: { createdAt: last.createdAt - RESCAN_MS, id: '' } };
  await deps.storage.setWatermark(DRILL_SCAN, JSON.stringify(next));
  return next.lastDrillAt;
}

const DRILL_SCAN = 'drills:scan';
const RESCAN_MS = 5 * 60_000;

/** With no drill on record, the interval counts from the first time the bot ran. */
async function firstSeen(deps: DrillReminderDeps, now: number): Promise<number> {
  const stored = await deps.storage.getWatermark('drills:first-seen');
  if (stored) return Number(stored);
  await deps.storage.setWatermark('drills:first-seen', String(now));
  return now;
}
