import { nextLevel, peopleAtLevel } from '../shared/escalation-levels';
import { personName, type BreakGlassContext, type PageRecord } from './context';
import { homeNotice, pageCard, withCard, type Outcome } from './outcome';
import { completeStep } from './steps';
import { record } from './timeline';
import type { WorkflowActor } from './actor';

/** Entry of the waiting state: DM everyone on the current level with an Acknowledge button. */
export function pageCurrentLevel(context: BreakGlassContext): Outcome {
  const people = peopleAtLevel(context.settings, context.paging.level);
  const at = context.now;
  const pages = [...context.paging.pages.filter((p) => !people.includes(p.person)), ...people.map((person) => ({ person, level: context.paging.level, at }))];
  const next = record({ ...context, paging: { ...context.paging, levelPagedAt: at, pages } }, `Paged ${context.paging.level === 0 ? 'the first level' : `escalation level ${context.paging.level}`}: ${people.map((p) => personName(context.settings, p)).join(', ')}`, { step: 1 });
  return withCard(next, ...people.map(pageCard));
}

/** The ack timer fired with a level still to go; the waiting state's entry pages it. */
export function advanceLevel(context: BreakGlassContext, firedAt: number): Outcome {
  const level = nextLevel(context.settings, context.paging.level);
  if (level === undefined) return { context, effects: [] };
  const next = record({ ...context, now: firedAt }, `Nobody acknowledged within the time allowed: escalating to level ${level}`, { step: 1 });
  return { context: { ...next, paging: { ...next.paging, level } }, effects: [] };
}

export function announceUnanswered(context: BreakGlassContext, firedAt: number): Outcome {
  const stamped = { ...context, now: firedAt };
  const next = record({ ...stamped, paging: { ...stamped.paging, exhaustedAt: firedAt } }, 'Every level was paged and nobody acknowledged', { step: 1 });
  return withCard(next, homeNotice('ack-unanswered', { reason: 'timeout' }));
}

export function announceNobodyToPage(context: BreakGlassContext): Outcome {
  const next = record({ ...context, paging: { ...context.paging, exhaustedAt: context.now } }, 'No managers or security officers are configured to page', { step: 1 });
  return withCard(next, homeNotice('ack-unanswered', { reason: 'nobody-configured' }));
}

export function acknowledge(context: BreakGlassContext, actor: WorkflowActor): Outcome {
  const acked = { ...context, paging: { ...context.paging, acknowledgedBy: actor, acknowledgedAt: context.now } };
  const next = record(completeStep(acked, 1, actor, `Acknowledged by ${actor.name}`), 'Acknowledged the page', { actor, step: 1 });
  return withCard(next, homeNotice('step-update', { step: 1, change: 'done' }));
}

/** Refresh every DM page in place (acknowledged, step done elsewhere, incident closed). */
export function refreshPages(context: BreakGlassContext): Outcome {
  return { context, effects: context.paging.pages.map((p) => pageCard(p.person)) };
}

/** The latest page of `person` gets the chat's answer; the checklist shows it. */
function withDelivery(context: BreakGlassContext, person: string, delivery: NonNullable<PageRecord['delivery']>): BreakGlassContext | undefined {
  const index = context.paging.pages.map((p) => p.person).lastIndexOf(person);
  if (index < 0) return undefined;
  const pages = context.paging.pages.map((p, i) => (i === index ? { ...p, delivery } : p));
  return { ...context, paging: { ...context.paging, pages } };
}

export function pageDelivered(context: BreakGlassContext, person: string): Outcome {
  const next = withDelivery(context, person, { state: 'delivered', at: context.now });
  return next ? withCard(next) : { context, effects: [] };
}

/**
 * The chat said this person cannot get a DM at all: the effect already fell
 * back to an @mention in the incident channel, and the escalation timer keeps
 * running from the page time, so the chain moves on as if the page was sent.
 */
export function pageUnreachable(context: BreakGlassContext, person: string, reason: string): Outcome {
  const updated = withDelivery(context, person, { state: 'unreachable', at: context.now, reason });
  if (!updated) return { context, effects: [] };
  return withCard(record(updated, `Could not reach ${person} by direct message (${reason}); mentioned them in the incident channel instead`, { step: 1 }));
}
