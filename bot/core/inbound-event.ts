import type { Actor, MessageRef, Place } from './platform';

/**
 * The one event shape every adapter turns its transport into. The adapter has
 * already verified the request (Slack signature, Bot Framework JWT) and acked.
 * `deliveryKey` is what the inbox dedupes on: Slack event_id / trigger_id /
 * action_ts+user, Teams activity id.
 */
interface InboundBase {
  deliveryKey: string;
  actor: Actor;
  place: Place;
  receivedAt: number;
}

/** Text addressed to the bot: a slash command, an @mention, a DM. */
export interface CommandEvent extends InboundBase {
  type: 'command';
  text: string;
}

/** A button click on one of our cards. */
export interface ActionEvent extends InboundBase {
  type: 'action';
  actionId: string;
  value: string;
  inputs?: Record<string, string>;
  /** The card that was clicked, so a stale card can be refreshed. */
  message?: MessageRef;
}

export type InboundEvent = CommandEvent | ActionEvent;
