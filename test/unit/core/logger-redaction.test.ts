import { Writable } from 'node:stream';
import { createLogger } from '../../../bot/core/logger';

/** The logger is the last line of defence: a secret handed to it as text comes out cut. */
describe('logger redacts secrets in free text', () => {
  function capture(): { lines: string[]; logger: ReturnType<typeof createLogger> } {
    const lines: string[] = [];
    const logger = createLogger({ level: 'debug', destination: new Writable({ write: (chunk: Buffer, _e, done) => (lines.push(chunk.toString()), done()) }) });
    return { lines, logger };
  }

  it('in the message and in user-text fields, keeping everything else', () => {
    const { lines, logger } = capture();
    logger.info({ text: 'note pw: Xk7#mQ2vL9$p', nested: { ok: 1 }, reason: ['Passwort: Geheim123!'] }, 'got used bg-01 with Tr0ub4dor&3-horse-battery');
    const out = lines.join('');
    for (const secret of ['Xk7#mQ2vL9$p', 'Geheim123!', 'Tr0ub4dor&3-horse-battery']) expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(JSON.parse(out)).toMatchObject({ nested: { ok: 1 }, msg: 'got used bg-01 with [redacted]' });
  });
});
