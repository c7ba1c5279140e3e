import type { Audience } from '../../workflows/effects';

/**
 * Which queue an outbox row waits in. Effects in one lane of one workflow run
 * in order; lanes never wait for each other, so a page to someone Slack or
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

/** Graph calls (grants, revokes, reads) and exports keep their order among themselves. */
const GRAPH_LANE = 'graph';

export function deliveryLane(effect: LaneInput): DeliveryLane {
  if (effect.type === 'chat.card' || effect.type === 'chat.notice') {
    const params = (effect.params ?? {}) as { audience?: Audience; key?: unknown };
    const lane = `chat:${audienceLane(params.audience)}`;
    return effect.type === 'chat.card' && typeof params.key === 'string' ? { lane, supersedeKey: `card:${params.key}` } : { lane };
  }
  return { lane: GRAPH_LANE };
}

function audienceLane(audience: Audience | undefined): string {
  switch (audience?.to) {
    case 'person':
      return `person:${audience.person}`;
    case 'channel':
      return `channel:${audience.channel}`;
    default:
      // The home conversation: its root card and the notices threaded under it share one lane.
      return 'home';
  }
}
