/**
 * Runs async sections one after another. better-sqlite3 has one connection,
 * so a transaction that awaits must not let another caller's statements slip
 * into it.
 */
export class AsyncMutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(section: () => Promise<T> | T): Promise<T> {
    const result = this.tail.then(() => section());
    // The next section waits for this one to settle, whether it failed or not.
    this.tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  }
}
