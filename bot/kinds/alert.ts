import { everyCard } from '../../workflows/monitoring/alert-steps';
import type { AlertContext } from '../../workflows/monitoring/alert-types';
import { alertDefinition } from '../messages/alerts/alert-definition';
import { ALERT_ACTIONS } from '../messages/alerts/alert-status';
import type { KindModule } from './kind-module';

/** A monitoring alert: its card in the security channel and one DM page per paged manager. */
export const alertKind: KindModule<AlertContext> = {
  definition: alertDefinition,
  actionPrefix: 'alert',
  liveCards: (c) => everyCard(c).map((card) => card.params),
  currentCard(context, { person, actionId }) {
    // Acknowledge on a paged manager's DM page gets that page back; everything else the alert's card.
    if (actionId === ALERT_ACTIONS.ack && person && context.paging.pages.some((p) => p.person === person)) return alertDefinition.views.page?.(context, { person });
    return alertDefinition.views.alert?.(context, undefined);
  },
};
