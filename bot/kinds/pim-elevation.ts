import { cardCopies } from '../../workflows/pim-elevation/effect-params';
import type { ElevationContext } from '../../workflows/pim-elevation/types';
import { elevationDefinition } from '../messages/elevation/definition';
import type { KindModule } from './kind-module';

/** A PIM elevation request: the approval card in the approvers' channel and its copies (DMs, home, managers). */
export const elevationKind: KindModule<ElevationContext> = {
  definition: elevationDefinition,
  actionPrefix: 'elevation',
  liveCards: (c) => cardCopies(c),
  currentCard: (context) => elevationDefinition.views.approval?.(context, { copy: 'approvers' }),
  // The requester may always see their own request.
  subjectOf: (context) => context.requester.id,
};
