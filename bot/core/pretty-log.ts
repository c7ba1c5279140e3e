/**
 * A small pretty printer for pino's JSON lines, used when the bot writes to a
 * terminal (pino-pretty is not a dependency). Machines keep getting JSON: this
 * is chosen only for a TTY, and LOG_FORMAT=json turns it off.
 */

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO ', 40: 'WARN ', 50: 'ERROR', 60: 'FATAL' };
const COLOURS: Record<number, string> = { 40: '\u001b[33m', 50: '\u001b[31m', 60: '\u001b[31m' };
const RESET = '\u001b[0m';
/** Fields every line carries that a person reading the terminal does not need. */
const QUIET = new Set(['level', 'time', 'msg', 'app', 'pid', 'hostname', 'err']);

export function prettyLine(json: string, options: { colour?: boolean } = {}): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json.replace(/\n$/, '');
  }
  const level = typeof entry.level === 'number' ? entry.level : 30;
  const time = typeof entry.time === 'number' ? new Date(entry.time).toISOString().slice(11, 19) : '--:--:--';
  const fields = Object.entries(entry)
    .filter(([k, v]) => !QUIET.has(k) && v !== undefined)
    .map(([k, v]) => `${k}=${typeof v === 'string' && !/\s/.test(v) ? v : JSON.stringify(v)}`);
  const label = options.colour && COLOURS[level] ? `${COLOURS[level]}${LEVELS[level] ?? level}${RESET}` : (LEVELS[level] ?? String(level));
  let line = `${time} ${label} ${String(entry.msg ?? '')}${fields.length ? `  ${fields.join(' ')}` : ''}`;
  const err = entry.err as { message?: string; stack?: string } | undefined;
  // Stacks only for errors: a warning's cause reads fine as its message.
  if (err) line += level >= 50 && err.stack ? `\n    ${err.stack.split('\n').join('\n    ')}` : `  error=${JSON.stringify(err.message ?? '')}`;
  return line;
}

/** A pino destination that prints each JSON line as one readable line. */
export function prettyDestination(out: { write(text: string): unknown }, colour = false): { write(line: string): void } {
  return {
    write(chunk: string) {
      for (const json of chunk.split('\n').filter(Boolean)) out.write(`${prettyLine(json, { colour })}\n`);
    },
  };
}
