import { createLogger, defaultDestination } from '../../../bot/core/logger';
import { prettyDestination, prettyLine } from '../../../bot/core/pretty-log';

function capture() {
  const lines: string[] = [];
  return { lines, out: { write: (t: string) => lines.push(...t.split('\n').filter(Boolean)) } };
}

describe('terminal log lines', () => {
  it('prints one readable line per entry, with fields but without the plumbing', () => {
    const { lines, out } = capture();
    const logger = createLogger({ destination: prettyDestination(out) });
    logger.info({ adapters: 'playground', graph: 'SIMULATED tenant (under-attack)' }, 'breakglass is running');
    expect(lines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d INFO {2}breakglass is running {2}adapters=playground graph="SIMULATED tenant \(under-attack\)"$/)]);
    expect(lines[0]).not.toMatch(/pid=|hostname=|app=|\{/);
  });

  it('keeps redaction: a secret never reaches the terminal either', () => {
    const { lines, out } = capture();
    createLogger({ destination: prettyDestination(out) }).warn({ clientSecret: 'abc~123456789012345678901234567890', detail: 'x' }, 'token');
    expect(lines.join('\n')).not.toContain('abc~1234');
    expect(lines.join('\n')).toContain('[redacted]');
  });

  it('shows a stack only for errors; a warning names its cause in one line', () => {
    const err = new Error('Graph did not answer');
    expect(prettyLine(JSON.stringify({ level: 40, time: 0, msg: 'retrying', err: { message: err.message, stack: err.stack } }))).toBe('00:00:00 WARN  retrying  error="Graph did not answer"');
    expect(prettyLine(JSON.stringify({ level: 50, time: 0, msg: 'crashed', err: { message: err.message, stack: err.stack } })).split('\n').length).toBeGreaterThan(1);
  });

  it('JSON when not a terminal or when LOG_FORMAT=json; readable on a terminal', () => {
    const tty = { isTTY: true, write: () => true } as unknown as NodeJS.WriteStream;
    const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    expect(defaultDestination(pipe, {})).toBeUndefined();
    expect(defaultDestination(tty, { LOG_FORMAT: 'json' })).toBeUndefined();
    expect(defaultDestination(tty, {})).toBeDefined();
    expect(defaultDestination(pipe, { LOG_FORMAT: 'pretty' })).toBeDefined();
  });
});
