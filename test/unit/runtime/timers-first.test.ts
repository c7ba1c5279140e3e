import { TimersFirst } from '../../../bot/runtime/timers-first';

describe('TimersFirst: new effects wait while due timers fire', () => {
  it('lets the outbox go at once when no timers are firing', async () => {
    const order: string[] = [];
    await new TimersFirst().idle().then(() => order.push('outbox claims'));
    expect(order).toEqual(['outbox claims']);
  });

  it('holds the outbox until the whole pass has fired (order of events)', async () => {
    const gate = new TimersFirst(60_000);
    const order: string[] = [];
    let finishPass!: () => void;
    const pass = gate.during(
      () =>
        new Promise<void>((resolve) => {
          finishPass = () => {
            order.push('pass done');
            resolve();
          };
        }),
    );
    const outbox = gate.idle().then(() => order.push('outbox claims'));
    await new Promise((r) => setImmediate(r));
    order.push('outbox still waiting');
    finishPass();
    await Promise.all([pass, outbox]);
    expect(order).toEqual(['outbox still waiting', 'pass done', 'outbox claims']);
  });

  it('never holds messages back longer than its cap, however long timers keep firing', async () => {
    const gate = new TimersFirst(5);
    let endPass!: () => void;
    const pass = gate.during(() => new Promise<void>((resolve) => (endPass = resolve)));
    const order: string[] = [];
    await gate.idle().then(() => order.push('outbox claims'));
    order.push('pass still running');
    endPass();
    await pass;
    expect(order).toEqual(['outbox claims', 'pass still running']);
  });

  it('releases waiters after a pass that failed', async () => {
    const gate = new TimersFirst(60_000);
    const failed = gate.during(() => Promise.reject(new Error('database gone')));
    const outbox = gate.idle();
    await expect(failed).rejects.toThrow('database gone');
    await expect(outbox).resolves.toBeUndefined();
  });
});
