/**
 * Runs one task per key at a time, in arrival order. The runtime queues sends
 * to the same workflow inside one process so they do not fight each other's
 * compare-and-set; the database version check still guards across replicas.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Holds every key at once; taken in sorted order so two callers can never wait on each other. */
  runAll<T>(keys: string[], task: () => Promise<T>): Promise<T> {
    return [...new Set(keys)].sort().reduceRight<() => Promise<T>>((inner, key) => () => this.run(key, inner), task)();
  }
}
