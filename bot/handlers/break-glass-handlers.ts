import type { BreakGlassContext, BreakGlassInput } from '../../workflows/break-glass/context';
import type { BreakGlassPersonEvent } from '../../workflows/break-glass/events';
import { refusalFor } from '../../workflows/break-glass/refusals';
import { parseDuration } from '../../workflows/duration';
import type { ParsedCommand } from '../core/command-grammar';
import { BreakglassError, isBreakglassError } from '../core/errors';
import type { Place } from '../core/platform';
import type { ActionHandler, CommandHandler, RequestContext } from '../core/router';
import { breakGlassKind } from '../kinds/break-glass';
import { decodeButtonValue } from '../kinds/button-value';
import { breakGlassEventForAction } from '../messages/break-glass/button-events';
import { BREAK_GLASS_ACTIONS } from '../messages/break-glass/button-values';
import type { Reply } from '../messages/message';
import { messageToText } from '../messages/message-text';
import type { WorkflowView } from '../runtime/workflow-types';
import { breakGlassAck } from './command-ack';
import { openAlertsWarning, unacknowledgedAlerts } from './open-alerts';
import { findIncident, openIncidentsAt, type IncidentScope } from './find-incident';
import { auditActor, type HandlerDeps, requireRole } from './handler-deps';
import { idFromDelivery } from './ids';
import { requirePageOwner } from './page-owner';
import { resolveUserToken } from './resolve-user';
import { BREAK_GLASS_KIND } from '../../workflows/break-glass/kind';

export interface BreakGlassHandlerOptions {
  /** Slack: open a private incident channel and return it as the incident's home. */
  openIncidentPlace?: (incidentId: string, summary: string, startedIn: Place) => Promise<Place | undefined>;
}

type Cmd<N extends ParsedCommand['name']> = Extract<ParsedCommand, { name: N }>;

/** `start`, `status`, step commands and the incident's buttons. */
export function breakGlassHandlers(deps: HandlerDeps, options: BreakGlassHandlerOptions = {}) {
  const ms = (text: string) => parseDuration(text) ?? 0;

  async function send(view: WorkflowView<BreakGlassContext>, event: BreakGlassPersonEvent, ctx: RequestContext): Promise<Reply | void> {
    const result = await deps.runtime.send(view.row.id, event, { actor: auditActor(ctx), deliveryKey: ctx.event.deliveryKey, auditType: `breakglass.${event.type}` });
    if (result.changed || result.reason === 'duplicate') return;
    // Explain against the state that refused it: a colleague's click may have landed since `view` was read.
    const current = (await deps.runtime.get<BreakGlassContext>(view.row.id))?.context ?? view.context;
    const reason = refusalFor(current, event) ?? (result.reason === 'closed' ? 'This incident is closed; reopen it first.' : 'That changes nothing on the checklist.');
    return { text: reason, ephemeral: true };
  }

  /** A command that changes an incident: responders only, at the time it is typed. */
  async function change(command: ParsedCommand, ctx: RequestContext, what: string, build: (view: WorkflowView<BreakGlassContext>, at: number) => Promise<BreakGlassPersonEvent> | BreakGlassPersonEvent, scope: IncidentScope = 'open') {
    const view = await findIncident(deps.runtime, ctx.event.place, command.incidentId, scope);
    await requireRole(deps, ctx, ['responder'], what, view.row.id);
    const event = await build(view, deps.clock.now());
    return (await send(view, event, ctx)) ?? { text: breakGlassAck(event, view.row.id), ephemeral: true };
  }

  const start: CommandHandler = async (command, ctx) => {
    const { summary, drill, newIncident } = command as Cmd<'start'>;
    await requireRole(deps, ctx, ['responder'], 'start an incident');
    const id = idFromDelivery('BG', ctx.event.deliveryKey);
    // A second start at 3 a.m. is usually the same emergency typed twice: point to it rather than split the work.
    const open = newIncident || (await deps.runtime.get(id)) ? [] : await openIncidentsAt(deps.runtime, ctx.event.place);
    if (open.length > 0) return { text: alreadyOpenText(open), ephemeral: true };
    const bg = deps.config.breakGlass;
    const input: BreakGlassInput = {
      incidentId: id,
      summary,
      drill,
      commander: ctx.who,
      startedAt: deps.clock.now(),
      config: {
        managers: deps.authz.managerLevels(),
        securityOfficers: deps.config.roles.securityOfficers.filter((k) => deps.config.people[k]),
        emergencyAccounts: deps.config.emergencyAccounts.map(({ upn, credentialLocation }) => ({ upn, credentialLocation })),
        playbookUrl: bg.playbookUrl,
        supportUrl: bg.supportUrl,
        ackTimeoutMs: ms(bg.ackTimeout),
        stallTimeoutMs: ms(bg.stallTimeout),
        mailboxReminderMs: ms(bg.mailboxReminder),
        signInLookbackMs: ms(bg.signInLookback),
        // Only the people it pages: the snapshot stays small.
        names: Object.fromEntries([...deps.authz.managerLevels().flat(), ...deps.config.roles.securityOfficers].flatMap((k) => (deps.config.people[k] ? [[k, deps.config.people[k].name]] : []))),
      },
    };
    // A redelivery of the same start must not open a second incident channel either.
    if (await deps.runtime.get(id)) return;
    const home = (await options.openIncidentPlace?.(id, summary, ctx.event.place)) ?? ctx.event.place;
    try {
      await deps.runtime.start(BREAK_GLASS_KIND, id, input, { actor: auditActor(ctx), home, auditType: 'breakglass.started' });
    } catch (e) {
      if (isBreakglassError(e) && e.code === 'workflow.conflict') return; // a redelivery of the same start
      throw e;
    }
    const where = home.conversationId === ctx.event.place.conversationId ? 'in this channel' : 'in the incident channel linked above';
    return { text: `${drill ? 'DRILL ' : ''}Incident ${id} is open. Managers are being paged; work the checklist ${where}.`, ephemeral: true };
  };

  const status: CommandHandler = async (command, ctx) => {
    const view = await findIncident(deps.runtime, ctx.event.place, command.incidentId, 'any');
    const roles = await deps.authz.rolesOf(ctx.actor);
    if (roles.size === 0) await requireRole(deps, ctx, ['responder', 'manager', 'securityOfficer', 'approver'], 'see an incident', view.row.id);
    const checklist = breakGlassKind.definition.views.checklist!(view.context, undefined);
    return { text: messageToText(checklist), ephemeral: true };
  };

  const commands: Partial<Record<ParsedCommand['name'], CommandHandler>> = {
    start,
    status,
    done: (c, ctx) => change(c, ctx, 'change an incident', (_v, at) => {
      const { step, note } = c as Cmd<'done'>;
      // `done 4 <case>` is how Slack and Teams users without the button input record the case.
      if (step === 4 && note) return { type: 'support.case', reference: note, actor: ctx.who, at };
      return { type: 'step.done', step, ...(note ? { note } : {}), actor: ctx.who, at };
    }),
    skip: (c, ctx) => change(c, ctx, 'change an incident', (_v, at) => ({ type: 'step.skip', step: (c as Cmd<'skip'>).step, reason: (c as Cmd<'skip'>).reason, actor: ctx.who, at })),
    assign: (c, ctx) =>
      change(c, ctx, 'change an incident', async (_v, at) => ({
        type: 'step.assign',
        step: (c as Cmd<'assign'>).step,
        assignee: await resolveUserToken((c as Cmd<'assign'>).user, ctx.event.place.platform, deps.config, deps.identity),
        actor: ctx.who,
        at,
      })),
    note: (c, ctx) => change(c, ctx, 'change an incident', (_v, at) => ({ type: 'note.add', text: (c as Cmd<'note'>).text, actor: ctx.who, at }), 'any'),
    commander: (c, ctx) =>
      change(c, ctx, 'change an incident', async (_v, at) => ({
        type: 'commander.set',
        commander: await resolveUserToken((c as Cmd<'commander'>).user, ctx.event.place.platform, deps.config, deps.identity),
        actor: ctx.who,
        at,
      })),
    signins: (c, ctx) => {
      const { sinceMs, user } = c as Cmd<'signins'>;
      return change(c, ctx, 'change an incident', (_v, at) => ({ type: 'signins.rerun', ...(sinceMs ? { lookbackMs: sinceMs } : {}), ...(user ? { user } : {}), actor: ctx.who, at }));
    },
    export: (c, ctx) => change(c, ctx, 'change an incident', (_v, at) => ({ type: 'export.run', actor: ctx.who, at })),
    close: async (c, ctx) => {
      // Alerts nobody acknowledged go into the report and the answer: closing must not bury a bg-01 sign-in.
      const openAlerts = await unacknowledgedAlerts(deps.runtime);
      const reply = await change(c, ctx, 'close an incident', (_v, at) => ({ type: 'close', ...((c as Cmd<'close'>).summary ? { summary: (c as Cmd<'close'>).summary } : {}), ...(openAlerts.length ? { openAlerts } : {}), actor: ctx.who, at }));
      const warning = openAlertsWarning(openAlerts);
      return warning && reply && /is closed;/.test(reply.text) ? { ...reply, text: `${reply.text} ${warning}` } : reply;
    },
    reopen: (c, ctx) => change(c, ctx, 'reopen an incident', (_v, at) => ({ type: 'reopen', actor: ctx.who, at }), 'closed'),
  };

  const action: ActionHandler = async (action, ctx) => {
    const view = await deps.runtime.get<BreakGlassContext>(decodeButtonValue(action.value).workflowId);
    if (!view || view.row.kind !== BREAK_GLASS_KIND) throw new BreakglassError('workflow.not_found', 'That incident no longer exists.');
    const ack = action.actionId === BREAK_GLASS_ACTIONS.ack;
    await requireRole(deps, ctx, ack ? ['manager', 'securityOfficer'] : ['responder'], ack ? 'acknowledge a page' : 'work the checklist', view.row.id);
    if (ack) await requirePageOwner(deps, ctx, action, view);
    const event = breakGlassEventForAction(action.actionId, action.value, action.inputs, ctx.who, deps.clock.now());
    if (!event) throw new BreakglassError('command.malformed', 'That button needs a value first (for example the support case number).');
    return send(view, event, ctx);
  };

  return { commands, action };
}

function alreadyOpenText(open: ReadonlyArray<WorkflowView<BreakGlassContext>>): string {
  const named = open.map((v) => `${v.row.id} ("${v.context.summary}")`);
  const which = open.length === 1 ? `Incident ${named[0]} is already open here` : `Incidents ${named.join(' and ')} are already open here`;
  const work = open.length === 1 ? 'work it with "status" and its checklist' : 'name one with --incident <id>';
  return `${which}: ${work}, or type "start --new <summary>" if this is a different emergency.`;
}
