import { once } from 'node:events';
import { createWriteStream, renameSync } from 'node:fs';
import { generateSignIns } from '../../../sim';
import { serveChild } from '../lib/child-rpc';

/** Writes `count` synthetic sign-ins from the simulator's generator as JSONL (streamed; nothing held in memory). */
serveChild<{ path: string; count: number; seed: number }, { ready: true }>(async (options) => ({
  info: { ready: true },
  handlers: {
    write: async () => {
      const tmp = `${options.path}.partial`;
      const out = createWriteStream(tmp);
      let batch = '';
      let bytes = 0;
      for (const record of generateSignIns(options.count, options.seed)) {
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
