import { rmSync } from 'node:fs';
import type { Logger } from '../bot/core/logger';
import type { Bot } from './create-bot';

/**
 * The laptop playground's Reset: stop the whole bot (loops, simulator, HTTP
 * server), delete its SQLite database, and start a new bot on the same port.
 * Restarting rather than emptying tables in place also clears what lives in
 * memory (the simulated tenant, the moved clock, the page's chat history).
 * The audit key file beside the database is kept.
 */
export class ResettablePlayground {
  private resetting: Promise<void> | undefined;
  private current!: Bot;

  private constructor(
    private readonly start: (onReset: () => Promise<void>) => Promise<Bot>,
    private readonly sqlitePath: string,
    private readonly logger: Logger,
  ) {}

  static async start(start: (onReset: () => Promise<void>) => Promise<Bot>, sqlitePath: string, logger: Logger): Promise<ResettablePlayground> {
    const session = new ResettablePlayground(start, sqlitePath, logger);
    session.current = await start(() => session.reset());
    return session;
  }

  get bot(): Bot {
    return this.current;
  }

  /** One reset at a time: a second click while one runs waits for it. */
  reset(): Promise<void> {
    this.resetting ??= this.restart().finally(() => {
      this.resetting = undefined;
    });
    return this.resetting;
  }

  async stop(): Promise<void> {
    await this.resetting?.catch(() => undefined);
    await this.current.stop();
  }

  private async restart(): Promise<void> {
    await this.current.stop();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.sqlitePath}${suffix}`, { force: true });
    this.current = await this.start(() => this.reset());
    this.logger.info({ database: this.sqlitePath }, 'playground reset: started afresh on an empty database');
  }
}
