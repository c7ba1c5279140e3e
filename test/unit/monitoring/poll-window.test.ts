import { pollWindow } from '../../../bot/monitoring/poll-window';

const MIN = 60_000;
const NOW = Date.parse('2026-01-07T15:07:00Z');
const base = { now: NOW, overlapMs: 10 * MIN, firstLookbackMs: 24 * 60 * MIN, alignMs: 0, maxCatchUpMs: 30 * 24 * 60 * MIN };
const iso = (ms: number) => new Date(ms).toISOString();

describe('the window one poll reads', () => {
  it('starts the overlap before the last poll ended, and ends now', () => {
    expect(pollWindow({ ...base, watermark: '2026-01-07T15:06:00Z' })).toEqual({ since: Date.parse('2026-01-07T14:56:00Z'), until: NOW });
  });

  it('looks back the first lookback when there was no poll before', () => {
    expect(iso(pollWindow(base).since)).toBe('2026-01-06T15:07:00.000Z');
  });

  it('reads from the start of the threshold window the overlap falls in, so a slow spray still adds up', () => {
    expect(iso(pollWindow({ ...base, watermark: '2026-01-07T15:06:00Z', alignMs: 60 * MIN }).since)).toBe('2026-01-07T14:00:00.000Z');
  });

  it('never reaches further back than the log keeps, and never trusts a watermark from the future', () => {
    expect(iso(pollWindow({ ...base, watermark: '2025-10-01T00:00:00Z' }).since)).toBe('2025-12-08T15:07:00.000Z');
    expect(iso(pollWindow({ ...base, watermark: '2027-01-01T00:00:00Z' }).since)).toBe('2026-01-07T14:57:00.000Z');
  });
});
