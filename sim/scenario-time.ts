/**
 * Scenario records are placed relative to "now" (the simulator clock at start),
 * so a 24-hour lookback always finds them. Background activity sits inside
 * working hours (Mon–Fri 07:00–19:00 UTC, the config default) so it never looks
 * like an out-of-hours sign-in.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export const WORK_START_HOUR = 7;
export const WORK_END_HOUR = 19;

function isWeekday(dayStartMs: number): boolean {
  const d = new Date(dayStartMs).getUTCDay();
  return d >= 1 && d <= 5;
}

/** Working-hour windows [start, end) that ended or are under way in the `days` before `now`, newest first. */
export function workingWindows(now: number, days: number): Array<[number, number]> {
  const windows: Array<[number, number]> = [];
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  for (let i = 0; i <= days; i++) {
    const day = today - i * DAY;
    if (!isWeekday(day)) continue;
    const start = day + WORK_START_HOUR * HOUR;
    const end = Math.min(day + WORK_END_HOUR * HOUR, now - 10 * MINUTE);
    if (end - start >= HOUR && start >= now - days * DAY) windows.push([start, end]);
  }
  return windows;
}

/** The most recent 02:40 UTC at least 15 minutes ago: an unmistakably out-of-hours moment. */
export function lastNight(now: number): number {
  const today = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate());
  const candidate = today + 2 * HOUR + 40 * MINUTE;
  return candidate <= now - 15 * MINUTE ? candidate : candidate - DAY;
}

/** A weekday working-hours moment about `daysAgo` days back (10:00 UTC), for drills and old history. */
export function workdayMorning(now: number, daysAgo: number): number {
  let day = Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - daysAgo * DAY;
  while (!isWeekday(day)) day -= DAY;
  return day + 10 * HOUR;
}
