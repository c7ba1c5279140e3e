import { isWithinWorkingHours, localTime } from '../../../../workflows/shared/working-hours';

const office = { start: '08:00', end: '18:00', timeZone: 'America/New_York', days: [1, 2, 3, 4, 5] };

describe('working hours', () => {
  it('reads local time in the account’s zone, with daylight saving', () => {
    // 2026-03-09 (Mon) 13:30Z is 09:30 EDT; 2026-03-06 (Fri) 13:30Z is 08:30 EST.
    expect(localTime(Date.parse('2026-03-09T13:30:00Z'), 'America/New_York')).toEqual({ weekday: 1, minutes: 9 * 60 + 30 });
    expect(localTime(Date.parse('2026-03-06T13:30:00Z'), 'America/New_York')).toEqual({ weekday: 5, minutes: 8 * 60 + 30 });
  });

  it.each([
    ['2026-03-09T13:30:00Z', true], // Mon 09:30
    ['2026-03-09T11:30:00Z', false], // Mon 07:30
    ['2026-03-09T22:00:00Z', false], // Mon 18:00, end is exclusive
    ['2026-03-08T15:00:00Z', false], // Sun
  ])('%s within office hours: %s', (iso, expected) => expect(isWithinWorkingHours(Date.parse(iso), office)).toBe(expected));

  it('handles a night shift that starts on working days', () => {
    const night = { start: '22:00', end: '06:00', timeZone: 'UTC', days: [5] }; // Friday night
    expect(isWithinWorkingHours(Date.parse('2026-03-06T23:00:00Z'), night)).toBe(true); // Fri 23:00
    expect(isWithinWorkingHours(Date.parse('2026-03-07T03:00:00Z'), night)).toBe(true); // Sat 03:00, Friday's shift
    expect(isWithinWorkingHours(Date.parse('2026-03-08T03:00:00Z'), night)).toBe(false); // Sun 03:00
    expect(isWithinWorkingHours(Date.parse('2026-03-06T12:00:00Z'), night)).toBe(false);
  });
});
