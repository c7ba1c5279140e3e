import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { BreakglassError } from '../core/errors';
import type { Place } from '../core/platform';
import type { WorkflowRuntime } from '../runtime/workflow-runtime';
import type { WorkflowView } from '../runtime/workflow-types';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';

type IncidentView = WorkflowView<BreakGlassContext>;

/**
 * Which incidents a command may land on when none is named:
 * 'open'   changes (done, skip, close ...): only an open one;
 * 'any'    status and notes: the open one, else the latest closed one;
 * 'closed' reopen: the latest closed one, else the open one (which then says it is already open).
 */
export type IncidentScope = 'open' | 'any' | 'closed';

/** Closed is a state of the incident, not of its row: a closed incident can be reopened. */
export function isIncidentOpen(view: IncidentView): boolean {
  return view.row.status === 'active' && view.context.closure === undefined;
}

/**
 * The incident a command is about: the one named by id, else the one living
 * in this thread, else the only one open in this conversation. Several open
 * here is a question back, never a guess.
 */
export async function findIncident(runtime: WorkflowRuntime, place: Place, incidentId?: string, scope: IncidentScope = 'open'): Promise<IncidentView> {
  if (incidentId) {
    const view = await runtime.get<BreakGlassContext>(incidentId.toUpperCase());
    if (!view || view.row.kind !== BREAK_GLASS_KIND) throw new BreakglassError('workflow.not_found', `There is no incident ${incidentId.slice(0, 40)}.`);
    return view;
  }
  // By the conversation's index: reading every incident ever run, to keep this conversation's, grew with history.
  const here = await runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, home: place });
  /** This thread's incidents when it has any, else the whole conversation's. */
  const nearest = (views: IncidentView[]) => {
    const inThread = place.threadId ? views.filter((v) => v.home?.threadId === place.threadId) : [];
    return inThread.length ? inThread : views;
  };
  const open = nearest(here.filter(isIncidentOpen));
  const closed = nearest(here.filter((v) => !isIncidentOpen(v))).sort((a, b) => (b.context.closure?.at ?? 0) - (a.context.closure?.at ?? 0));
  if (scope === 'closed' && closed[0]) return closed[0];
  if (open.length > 1) {
    throw new BreakglassError('command.malformed', `Several incidents are open here (${open.map((v) => v.row.id).join(', ')}); add --incident <id>.`);
  }
  if (open[0]) return open[0];
  if (scope === 'any' && closed[0]) return closed[0];
  throw new BreakglassError(
    'workflow.not_found',
    scope === 'open' ? 'No incident is open in this channel. Start one with "start <summary>".' : 'No incident has run in this channel.',
  );
}

/**
 * Incidents open where a new `start` is typed: in a thread, that thread's; at
 * the top level, every one open in the conversation (commands there would
 * have to name one).
 */
export async function openIncidentsAt(runtime: WorkflowRuntime, place: Place): Promise<IncidentView[]> {
  const here = (await runtime.listWhere<BreakGlassContext>({ kind: BREAK_GLASS_KIND, home: place })).filter(isIncidentOpen);
  return place.threadId ? here.filter((v) => v.home?.threadId === place.threadId) : here;
}
