import type { BreakGlassContext } from './context';
import { homeNotice, personNotice, type Outcome } from './outcome';
import { record } from './timeline';

/** Manager levels that have anyone on them, in escalation order (stall pings walk these). */
export function managerLevelsWithPeople(context: BreakGlassContext): number[] {
  return context.settings.managers.flatMap((people, level) => (people.length > 0 ? [level] : []));
}

/** A stall ping is left: first the commander, then each manager level once. */
export function canPingStall(context: BreakGlassContext): boolean {
  return context.stall.pings === 0 || context.stall.pings - 1 < managerLevelsWithPeople(context).length;
}

/** Entry of the watching state: the stall clock starts now. */
export function startStallWatch(context: BreakGlassContext): BreakGlassContext {
  return { ...context, stall: { ...context.stall, since: context.now, watchedSeq: context.stall.progressSeq } };
}

export function resetStallPings(context: BreakGlassContext): BreakGlassContext {
  return { ...context, stall: { ...context.stall, pings: 0 } };
}

/**
 * The commander (whose name the home notice carries: the audience model
 * addresses configured people, and the commander may be anyone) hears first;
 * then each manager level in turn by DM.
 */
export function pingStall(context: BreakGlassContext, firedAt: number): Outcome {
  const stamped = { ...context, now: firedAt };
  const { pings } = stamped.stall;
  const next = { ...stamped, stall: { ...stamped.stall, pings: pings + 1 } };
  if (pings === 0) {
    return { context: record(next, `No progress on any step: pinged the commander, ${next.commander.name}`), effects: [homeNotice('stall', { stage: 'commander' })] };
  }
  const level = managerLevelsWithPeople(next)[pings - 1];
  if (level === undefined) return { context: stamped, effects: [] };
  const people = [...new Set(next.settings.managers[level] ?? [])];
  return {
    context: record(next, `Still no progress: told managers level ${level} (${people.join(', ')})`),
    effects: [homeNotice('stall', { stage: 'managers', level }), ...people.map((p) => personNotice(p, 'stall', { stage: 'managers', level, person: p }))],
  };
}

export function startMailboxWatch(context: BreakGlassContext): BreakGlassContext {
  return { ...context, mailbox: { ...context.mailbox, since: context.now } };
}

export function remindMailboxes(context: BreakGlassContext, firedAt: number): Outcome {
  const next = { ...context, now: firedAt, mailbox: { ...context.mailbox, reminders: context.mailbox.reminders + 1 } };
  return { context: next, effects: [homeNotice('mailbox-reminder')] };
}
