// @ts-check
/** Times on the page are the simulated clock's, always in UTC, so everyone rehearsing sees the same. */

const CLOCK = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  weekday: 'short',
  day: '2-digit',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** "Tue, 14 Jan 2025, 03:12:05 UTC" */
export function clockText(ms) {
  return `${CLOCK.format(ms)} UTC`;
}

/** "03:12:05" (UTC) */
export function timeText(ms) {
  return new Date(ms).toISOString().slice(11, 19);
}

export function isoText(ms) {
  return new Date(ms).toISOString();
}
