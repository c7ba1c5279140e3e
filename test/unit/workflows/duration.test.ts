import { formatDuration, parseDuration, parseIsoDuration, toIsoDuration } from '../../../workflows/duration';

describe('durations', () => {
  it.each([
    ['30m', 30 * 60_000],
    ['1h', 3_600_000],
    ['2h30m', 9_000_000],
    ['1d', 86_400_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'soon', '1x', '0m', '-1h', 'h'])('refuses %p', (text) => expect(parseDuration(text)).toBeUndefined());

  it('round-trips through the ISO form Graph uses', () => {
    expect(toIsoDuration(9_000_000)).toBe('PT2H30M');
    expect(toIsoDuration(3_600_000)).toBe('PT1H');
    expect(toIsoDuration(30 * 60_000)).toBe('PT30M');
    expect(parseIsoDuration('PT8H')).toBe(8 * 3_600_000);
    expect(parseIsoDuration('P1D')).toBe(86_400_000);
    expect(formatDuration(5_400_000)).toBe('1h 30m');
  });
});
