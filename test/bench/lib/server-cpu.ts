import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU seconds used so far by every process of a name (e.g. all of
 * PostgreSQL's backends), from /proc; undefined where there is no /proc.
 * Workload 7 uses it to show where a saturated machine's cores went.
 */
export function cpuSecondsOf(command: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  } catch {
    return undefined;
  }
  const ticksPerSecond = 100; // USER_HZ on Linux
  let ticks = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      if (name !== command && !name.startsWith(`${command}:`)) continue;
      // Fields after the name: state is 3rd overall; utime and stime are the 14th and 15th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process ended while we looked.
    }
  }
  return ticks / ticksPerSecond;
}
