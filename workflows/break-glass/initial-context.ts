import type { BreakGlassContext, BreakGlassInput } from './context';
import { nextLevel } from '../shared/escalation-levels';
import { initialSteps } from './steps';
import { clip } from './timeline';

const DEFAULT_EXPORT_MARGIN_MS = 60 * 60_000;

export function initialContext(input: BreakGlassInput): BreakGlassContext {
  const settings = { ...input.config, exportMarginMs: input.config.exportMarginMs ?? DEFAULT_EXPORT_MARGIN_MS, names: input.config.names ?? {} };
  return {
    incidentId: input.incidentId,
    summary: clip(input.summary, 300),
    drill: input.drill,
    startedAt: input.startedAt,
    startedBy: input.commander,
    commander: input.commander,
    settings,
    now: input.startedAt,
    steps: initialSteps(),
    paging: { level: nextLevel(settings, -1) ?? -1, levelPagedAt: input.startedAt, pages: [] },
    emergencyUse: [],
    signIns: { status: 'idle', runs: 0 },
    federation: { status: 'idle', runs: 0, domains: [], federated: [] },
    logExport: { status: 'idle', runs: 0, files: [] },
    mailbox: { reminders: 0, since: input.startedAt },
    stall: { progressSeq: 0, watchedSeq: 0, pings: 0, since: input.startedAt },
    timeline: [{ at: input.startedAt, actor: input.commander, text: `Started ${input.drill ? 'a DRILL' : 'the incident'}: ${clip(input.summary, 300)}` }],
    timelineDropped: 0,
    reopenings: [],
  };
}
