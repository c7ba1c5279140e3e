import { KeyedQueue, Pacer } from '../../../adapters/teams/outbound-pacer';
import { ManualClock } from '../../../bot/ports/clock';

function pacer() {
  const clock = new ManualClock(0);
  const starts: Array<[string, number]> = [];
  const p = new Pacer(clock, async (ms) => clock.advance(ms));
  const go = async (key: string, perSecond: number) => {
    await p.wait(key, perSecond);
    starts.push([key, clock.now()]);
  };
  return { clock, starts, go };
}

describe('Pacer', () => {
  test('spaces starts of one key by 1/rate, first come first served', async () => {
    const { starts, go } = pacer();
    for (let i = 0; i < 4; i++) await go('thread', 4);
    expect(starts.map(([, t]) => t)).toEqual([0, 250, 500, 750]);
  });

  test('keys do not slow each other down', async () => {
    const { starts, go } = pacer();
    await go('a', 1);
    await go('b', 1);
    expect(starts).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  test('an idle key starts at once again', async () => {
    const { clock, starts, go } = pacer();
    await go('t', 1);
    clock.advance(5000);
    await go('t', 1);
    expect(starts.map(([, t]) => t)).toEqual([0, 5000]);
  });
});

describe('KeyedQueue', () => {
  test('runs tasks of one key one at a time, in order, even when an earlier one fails', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const first = q.run('k', () => new Promise<void>((resolve) => (release = resolve)).then(() => void log.push('first')));
    const second = q.run('k', async () => {
      log.push('second');
      throw new Error('boom');
    });
    const third = q.run('k', async () => void log.push('third'));
    const other = q.run('other', async () => void log.push('other'));
    await other;
    expect(log).toEqual(['other']);
    release();
    await first;
    await expect(second).rejects.toThrow('boom');
    await third;
    expect(log).toEqual(['other', 'first', 'second', 'third']);
  });
});
