import type { Audience } from '../../workflows/effects';
import type { Place } from '../core/platform';

/**
 * Which queue an outbox row waits in: one per destination. Chat lanes are the
 * destination itself, shared by every workflow (one conversation, one person,
 * one configured channel), so messages to it go out in order and a slow or
 * refusing destination holds one runner slot, not many; Graph calls queue per
 * workflow. Lanes never wait for each other, so a page to someone Slack or
 * Teams cannot reach (retrying for minutes) holds only that person's later
 * messages, never the checklist in the channel, a revoke or another person's page.
 *
 * `supersedeKey` marks rows that a newer row with the same key in the same lane
 * makes pointless: a card is updated in place, so only its last state matters.
 */
export interface DeliveryLane {
  lane: string;
  supersedeKey?: string;
}

type LaneInput = { type: string; params?: unknown };

/** Lanes of chat effects start with this; the outbox runs them in their own pool of slots (see OutboxRunner). */
export const CHAT_LANE_PREFIX = 'chat:';

export function deliveryLane(effect: LaneInput, workflow: { workflowId: string; home?: Place | undefined }): DeliveryLane {
  if (effect.type === 'chat.card' || effect.type === 'chat.notice') {
    const params = (effect.params ?? {}) as { audience?: Audience; key?: unknown };
    const lane = `${CHAT_LANE_PREFIX}${audienceLane(params.audience, workflow)}`;
    return effect.type === 'chat.card' && typeof params.key === 'string' ? { lane, supersedeKey: `card:${params.key}` } : { lane };
  }
  // Graph calls (grants, revokes, reads) and exports keep their order within their workflow.
  return { lane: `graph:${workflow.workflowId}` };
}

function audienceLane(audience: Audience | undefined, workflow: { workflowId: string; home?: Place | undefined }): string {
  switch (audience?.to) {
    case 'person':
      return `person:${audience.person}`;
    case 'channel':
      return `channel:${audience.channel}`;
    default: {
      // The home conversation (its threads included): the root card and the notices under it share one lane.
      const home = workflow.home;
      return home ? `conversation:${home.platform}:${home.conversationId}` : `home:${workflow.workflowId}`;
    }
  }
}
