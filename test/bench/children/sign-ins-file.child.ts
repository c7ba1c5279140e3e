import { once } from 'node:events';
import { createWriteStream, renameSync } from 'node:fs';
import { generateSignIns, syntheticStaff } from '../../../sim';
import { serveChild } from '../lib/child-rpc';

/**
 * Writes `count` synthetic sign-ins from the simulator's generator as JSONL
 * (streamed; nothing held in memory). With `staff`, that many synthetic staff
 * sign in besides the admins, who take `adminShare` of the records.
 */
serveChild<{ path: string; count: number; seed: number; staff?: number; adminShare?: number }, { ready: true }>(async (options) => ({
  info: { ready: true },
  handlers: {
    write: async () => {
      const tmp = `${options.path}.partial`;
      const out = createWriteStream(tmp);
      let batch = '';
      let bytes = 0;
      const population = options.staff ? { staff: syntheticStaff(options.staff) } : {};
      for (const record of generateSignIns(options.count, options.seed, { ...population, ...(options.adminShare === undefined ? {} : { adminShare: options.adminShare }) })) {
        batch += `${JSON.stringify(record)}\n`;
        if (batch.length > 1 << 20) {
          bytes += batch.length;
          if (!out.write(batch)) await once(out, 'drain');
          batch = '';
        }
      }
      bytes += batch.length;
      out.end(batch);
      await once(out, 'finish');
      renameSync(tmp, options.path);
      return { bytes };
    },
  },
  stop: async () => undefined,
}));
