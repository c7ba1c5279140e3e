import type { AlertContext } from '../../workflows/monitoring/alert-types';
import type { Config } from '../config/schema';
import { alertDefinition } from '../messages/alerts/alert-definition';
import { ALERT_ACTIONS } from '../messages/alerts/alert-status';
import type { Message } from '../messages/message';

/**
 * The alert card a Teams click or refresh is answered with: Acknowledge on a
 * manager's DM page gets that page back, everything else the alert's card.
 */
export function alertCurrentCard(context: AlertContext, config: Pick<Config, 'people'>, viewerEntraId?: string, actionId?: string): Message | undefined {
  if (actionId === ALERT_ACTIONS.ack && viewerEntraId) {
    const person = Object.entries(config.people).find(([, p]) => p.entraObjectId?.toLowerCase() === viewerEntraId.toLowerCase())?.[0];
    if (person && context.paging.pages.some((p) => p.person === person)) return alertDefinition.views.page?.(context, { person });
  }
  return alertDefinition.views.alert?.(context, undefined);
}
