/**
 * Working hours in the account's own time zone, read with Intl so daylight
 * saving is handled by the platform's tz database rather than by us.
 */

export interface WorkingHours {
  /** 'HH:MM', local time. */
  start: string;
  /** 'HH:MM', local time. An end before the start means a night shift. */
  end: string;
  /** IANA zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  /** Local weekdays, 0 = Sunday. For night shifts, the day the shift starts. */
  days: number[];
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws RangeError for an unknown zone, so a config check can name it. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

export interface LocalTime {
  weekday: number;
  minutes: number;
}

/**
 * The last answer per zone, by UTC minute. Zone offsets are whole minutes, so
 * one UTC minute is one local minute everywhere; records arrive in time order,
 * and formatToParts was most of the cost of scanning a large sign-in export.
 */
const lastByZone = new Map<string, { minute: number; value: LocalTime }>();

export function localTime(epochMs: number, timeZone: string): LocalTime {
  const minute = Math.floor(epochMs / 60_000);
  const last = lastByZone.get(timeZone);
  if (last && last.minute === minute) return { ...last.value };
  const value = formatLocalTime(epochMs, timeZone);
  lastByZone.set(timeZone, { minute, value: { ...value } });
  return value;
}

function formatLocalTime(epochMs: number, timeZone: string): LocalTime {
  let weekday = 0;
  let hour = 0;
  let minute = 0;
  for (const part of formatterFor(timeZone).formatToParts(epochMs)) {
    if (part.type === 'weekday') weekday = WEEKDAYS[part.value] ?? 0;
    else if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return { weekday, minutes: hour * 60 + minute };
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':');
  return Number(h) * 60 + Number(m);
}

export function isWithinWorkingHours(epochMs: number, hours: WorkingHours): boolean {
  const { weekday, minutes } = localTime(epochMs, hours.timeZone);
  const start = toMinutes(hours.start);
  const end = toMinutes(hours.end);
  if (start === end) return hours.days.includes(weekday); // whole day
  if (start < end) return hours.days.includes(weekday) && minutes >= start && minutes < end;
  // Night shift: the evening part belongs to today, the early-morning part to yesterday's shift.
  if (minutes >= start) return hours.days.includes(weekday);
  if (minutes < end) return hours.days.includes((weekday + 6) % 7);
  return false;
}
