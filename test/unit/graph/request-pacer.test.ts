import { RequestPacer } from '../../../adapters/graph/request-pacer';
import { ManualClock } from '../../../bot/ports/clock';

describe('log request pacing (5 per 10 s per tenant)', () => {
  it('lets five through at once and makes the sixth wait until the first ages out', async () => {
    const clock = new ManualClock(0);
    const waits: number[] = [];
    const pacer = new RequestPacer(clock, async (ms) => {
      waits.push(ms);
      clock.advance(ms);
    });
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await pacer.acquire();
      times.push(clock.now());
      clock.advance(1_000);
    }
    expect(times).toEqual([0, 1_000, 2_000, 3_000, 4_000, 10_000, 11_000]);
    expect(waits).toEqual([5_000]);
  });

  it('never lets more than five start inside any 10-second window', async () => {
    const clock = new ManualClock(0);
    const pacer = new RequestPacer(clock, async (ms) => clock.advance(Math.max(ms, 1)));
    const times: number[] = [];
    for (let i = 0; i < 23; i++) {
      await pacer.acquire();
      times.push(clock.now());
      clock.advance(i % 3 === 0 ? 0 : 700);
    }
    for (const t of times) expect(times.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(5);
  });
});
