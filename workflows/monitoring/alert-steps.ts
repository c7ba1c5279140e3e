import { nextLevel, peopleAtLevel } from '../shared/escalation-levels';
import type { Audience, CardEffect, NoticeEffect } from '../effects';
import type { AlertContext, AlertEvent, AlertFindingEvent, AlertInput, AlertPersonEvent } from './alert-types';
import { foldFinding } from './group-findings';

/** What a handler returns: the next context and the effects to emit, in order. */
export interface AlertOutcome {
  context: AlertContext;
  effects: AlertEffect[];
}

/** An alert only talks to chat. */
export type AlertEffect = CardEffect | NoticeEffect;

const HOME: Audience = { to: 'home' };

/** The one card kept up to date where the alert lives. */
export const ALERT_CARD: CardEffect = { type: 'chat.card', params: { key: 'alert', view: 'alert', audience: HOME } };

/** One page per person, so later emits update the same DM in place. */
export function pageCard(person: string): CardEffect {
  return { type: 'chat.card', params: { key: `page:${person}`, view: 'page', audience: { to: 'person', person }, data: { person } } };
}

function unanswered(reason: 'timeout' | 'nobody-configured'): NoticeEffect {
  return { type: 'chat.notice', params: { view: 'unanswered', audience: HOME, data: { reason } } };
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** The alert card and every page, so all of them show the same status. */
export function everyCard(context: AlertContext): CardEffect[] {
  return [ALERT_CARD, ...context.paging.pages.map((p) => pageCard(p.person))];
}

export function initialAlertContext(input: AlertInput): AlertContext {
  return { ...input, now: input.createdAt, status: { state: 'open' }, paging: { level: -1, levelPagedAt: input.createdAt, pages: [] }, suppressed: 0 };
}

/** A finding arrives: the first opens the alert, repeats fold into its count. */
export function receiveFinding(current: AlertContext, event: AlertFindingEvent): AlertOutcome {
  const silenced = current.status.state === 'false-positive';
  const context: AlertContext = {
    ...current,
    now: event.at,
    first: current.first ?? event.finding,
    group: foldFinding(current.group, event.finding),
    suppressed: current.suppressed + (silenced ? 1 : 0),
  };
  return { context, effects: everyCard(context) };
}

/** Level 0 (managers level 0 plus security officers), or the first later level with anyone on it. */
export function chooseFirstLevel(context: AlertContext): AlertOutcome {
  const level = peopleAtLevel(context.settings, 0).length > 0 ? 0 : (nextLevel(context.settings, 0) ?? -1);
  return { context: { ...context, paging: { ...context.paging, level } }, effects: [] };
}

/** Entry of the waiting state: a DM with Acknowledge to everyone on the current level. */
export function pageCurrentLevel(context: AlertContext): AlertOutcome {
  const people = peopleAtLevel(context.settings, context.paging.level);
  const pages = [...context.paging.pages.filter((p) => !people.includes(p.person)), ...people.map((person) => ({ person, level: context.paging.level, at: context.now }))];
  return { context: { ...context, paging: { ...context.paging, levelPagedAt: context.now, pages } }, effects: people.map(pageCard) };
}

export function escalate(context: AlertContext, firedAt: number): AlertOutcome {
  const level = nextLevel(context.settings, context.paging.level);
  if (level === undefined) return { context, effects: [] };
  return { context: { ...context, now: firedAt, paging: { ...context.paging, level } }, effects: [] };
}

export function giveUpPaging(context: AlertContext, firedAt: number): AlertOutcome {
  return { context: { ...context, now: firedAt, paging: { ...context.paging, exhaustedAt: firedAt } }, effects: [unanswered('timeout')] };
}

export function announceNobodyToPage(context: AlertContext): AlertOutcome {
  return { context: { ...context, paging: { ...context.paging, exhaustedAt: context.now } }, effects: [unanswered('nobody-configured')] };
}

/** Acknowledge, false positive, incident opened: the status changes and every card shows it. */
export function applyPersonEvent(current: AlertContext, event: AlertPersonEvent): AlertOutcome {
  const at = iso(event.at);
  const by = event.actor.name;
  const base = { ...current, now: event.at };
  let context: AlertContext;
  switch (event.type) {
    case 'ack':
      context = { ...base, status: { state: 'acknowledged', by, at } };
      break;
    case 'false-positive': {
      // An emergency account's use is never silenced: the next one pages again.
      const emergency = current.first?.emergencyAccount === true;
      const until = emergency ? {} : { suppressedUntil: iso(event.at + current.settings.suppressionMs) };
      context = { ...base, status: { state: 'false-positive', by, at, reason: event.reason.trim().slice(0, 500), ...until } };
      break;
    }
    case 'incident.opened':
      context = { ...base, status: { state: 'incident-opened', by, at, incidentId: event.incidentId } };
      break;
  }
  return { context, effects: everyCard(context) };
}

export function isPersonEvent(event: AlertEvent): event is AlertPersonEvent {
  return event.type !== 'finding';
}
