import type { Audience, CardEffect, Effect, ExportEffect, GraphCall, GraphEffect, NoticeEffect } from '../effects';
import type { BreakGlassContext } from './context';

/** What a handler returns: the next context and the effects to emit, in order. */
export interface Outcome {
  context: BreakGlassContext;
  effects: Effect[];
}

const HOME: Audience = { to: 'home' };

/** The one card kept up to date in the incident's conversation. */
export function checklistCard(): CardEffect {
  return { type: 'chat.card', params: { key: 'checklist', view: 'checklist', audience: HOME } };
}

export function homeNotice(view: string, data?: Record<string, unknown>): NoticeEffect {
  return { type: 'chat.notice', params: { view, audience: HOME, ...(data ? { data } : {}) } };
}

export function personNotice(person: string, view: string, data?: Record<string, unknown>): NoticeEffect {
  return { type: 'chat.notice', params: { view, audience: { to: 'person', person }, ...(data ? { data } : {}) } };
}

/** One acknowledgement card per person, so later emits update the same DM in place. */
/** Step 3's "confirm this account?" card: a card, not a notice, so its Confirm button can be taken away once it no longer applies. */
export function checkoutCard(upn: string): CardEffect {
  return { type: 'chat.card', params: { key: `checkout:${upn.toLowerCase()}`, view: 'checkout', audience: HOME, data: { stage: 'requested', upn }, threaded: true } };
}

export function pageCard(person: string): CardEffect {
  return { type: 'chat.card', params: { key: `ack:${person}`, view: 'ack-request', audience: { to: 'person', person }, data: { person } } };
}

export function graphCall(params: GraphCall): GraphEffect {
  return { type: 'graph.call', params };
}

export function logsExport(since: string, until: string, tag: string): ExportEffect {
  return { type: 'logs.export', params: { since, until, tag } };
}

/** A handler that changes what the checklist shows ends with this. */
export function withCard(context: BreakGlassContext, ...effects: Effect[]): Outcome {
  return { context, effects: [...effects, checklistCard()] };
}
