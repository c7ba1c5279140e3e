import type { BreakGlassContext } from '../../workflows/break-glass/context';
import { checklistCard, checkoutCard, pageCard } from '../../workflows/break-glass/outcome';
import { BREAK_GLASS_ACTIONS } from '../messages/break-glass/button-values';
import { breakGlassDefinition } from '../messages/break-glass/definition';
import type { KindModule } from './kind-module';

/** A break-glass incident: checklist in its home, one DM page per manager, one card per checked-out account. */
export const breakGlassKind: KindModule<BreakGlassContext> = {
  definition: breakGlassDefinition,
  actionPrefix: 'breakglass',
  liveCards: (c) => [checklistCard().params, ...c.paging.pages.map((p) => pageCard(p.person).params), ...c.settings.emergencyAccounts.map((a) => checkoutCard(a.upn).params)],
  pagedPerson: ({ key, audience }) => (audience.to === 'person' && key === pageCard(audience.person).params.key ? audience.person : undefined),
  currentCard(context, { person, actionId }) {
    // Acknowledge sits on a manager's DM page: answer with that page, not the responders' checklist.
    if (actionId === BREAK_GLASS_ACTIONS.ack) return breakGlassDefinition.views['ack-request']?.(context, person ? { person } : undefined);
    return breakGlassDefinition.views.checklist?.(context, undefined);
  },
};
