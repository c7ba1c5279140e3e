import type { BreakGlassPersonEvent } from '../../workflows/break-glass/events';
import { alertRefusal } from '../../workflows/monitoring/alert-refusals';
import type { AlertContext, AlertPersonEvent } from '../../workflows/monitoring/alert-types';
import { BreakglassError } from '../core/errors';
import type { ActionHandler, CommandHandler, RequestContext } from '../core/router';
import { auditActor, type HandlerDeps, requireRole } from '../handlers/handler-deps';
import { idFromDelivery } from '../handlers/ids';
import { decodeButtonValue } from '../kinds/button-value';
import { ALERT_ACTIONS, FALSE_POSITIVE_REASON_INPUT } from '../messages/alerts/alert-status';
import { idList, shortTime, whereText } from '../messages/alerts/alert-text';
import type { Reply } from '../messages/message';
import type { WorkflowView } from '../runtime/workflow-types';
import { ALERT_KIND } from '../../workflows/monitoring/alert-kind';

export interface AlertActionOptions {
  /** The router's `start` command: an incident opened from an alert is started like any other. */
  startIncident: CommandHandler;
}

/** The alert card's buttons: Acknowledge, Open incident, Mark false positive. */
export function alertActions(deps: HandlerDeps, options: AlertActionOptions): ActionHandler {
  async function send(view: WorkflowView<AlertContext>, event: AlertPersonEvent, ctx: RequestContext, deliveryKey = ctx.event.deliveryKey): Promise<Reply | void> {
    const result = await deps.runtime.send(view.row.id, event, { actor: auditActor(ctx), deliveryKey, auditType: `alert.${event.type}` });
    if (result.changed || result.reason === 'duplicate') return;
    return { text: alertRefusal(view.context, event) ?? 'That changes nothing on this alert.', ephemeral: true };
  }

  async function falsePositive(view: WorkflowView<AlertContext>, reason: string, ctx: RequestContext): Promise<Reply | void> {
    await requireRole(deps, ctx, ['securityOfficer', 'responder'], 'mark an alert a false positive', view.row.id);
    // The mark lives in the alert; the monitor folds the pattern's repeats into it until the mark runs out.
    return send(view, { type: 'false-positive', reason, actor: ctx.who, at: deps.clock.now() }, ctx);
  }

  async function openIncident(view: WorkflowView<AlertContext>, ctx: RequestContext): Promise<Reply | void> {
    await requireRole(deps, ctx, ['responder'], 'open an incident from an alert', view.row.id);
    const at = deps.clock.now();
    const probe: AlertPersonEvent = { type: 'incident.opened', incidentId: '', actor: ctx.who, at };
    const refused = alertRefusal(view.context, probe);
    const f = view.context.first;
    if (refused || !f) return { text: refused ?? 'This alert has no finding yet.', ephemeral: true };
    // One incident per alert however many people click: its id comes from the alert's.
    const deliveryKey = `alert-incident:${view.row.id}`;
    const incidentId = idFromDelivery('BG', deliveryKey);
    const summary = `${f.title}: ${f.subject} (alert ${view.row.id})`;
    const place = view.home ?? ctx.event.place;
    const started = await options.startIncident({ name: 'start', drill: false, summary, newIncident: true }, { ...ctx, event: { type: 'command', text: `start ${summary}`, deliveryKey, actor: ctx.event.actor, place, receivedAt: ctx.event.receivedAt } });
    const refusal = await send(view, { ...probe, incidentId }, ctx);
    if (refusal) return refusal;
    const g = view.context.group;
    const note: BreakGlassPersonEvent = {
      type: 'note.add',
      text: `Opened from alert ${view.row.id}: ${f.title}, ${f.subject}, ${shortTime(g?.first ?? f.when)}${g && g.count > 1 ? ` (${g.count} times)` : ''}. ${f.detail} ${whereText(f.where)} Records: ${idList(g?.recordIds ?? f.recordIds, g?.recordCount ?? f.recordCount, 5)}.`,
      actor: ctx.who,
      at,
    };
    await deps.runtime.send(incidentId, note, { actor: auditActor(ctx), deliveryKey: `${deliveryKey}:note`, auditType: 'breakglass.note.add' });
    return started ?? { text: `Incident ${incidentId} is open for alert ${view.row.id}.`, ephemeral: true };
  }

  return async (action, ctx) => {
    const view = await deps.runtime.get<AlertContext>(decodeButtonValue(action.value).workflowId);
    if (!view || view.row.kind !== ALERT_KIND) throw new BreakglassError('workflow.not_found', 'That alert no longer exists.');
    switch (action.actionId) {
      case ALERT_ACTIONS.ack:
        await requireRole(deps, ctx, ['manager', 'securityOfficer', 'responder'], 'acknowledge an alert', view.row.id);
        return send(view, { type: 'ack', actor: ctx.who, at: deps.clock.now() }, ctx);
      case ALERT_ACTIONS.falsePositive:
        return falsePositive(view, action.inputs?.[FALSE_POSITIVE_REASON_INPUT] ?? '', ctx);
      case ALERT_ACTIONS.openIncident:
        return openIncident(view, ctx);
      default:
        throw new BreakglassError('command.unknown', 'That button is not one of mine any more.');
    }
  };
}
