import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { processStats, serveChild } from '../lib/child-rpc';
import type { ServerInfo } from '../world/bench-world';

/**
 * One address in front of the bot's replicas (workload 7), as a load balancer
 * would be: each request goes to the next replica in turn, body and headers
 * as they came. Both configurations (one replica, two) go through it, so both
 * pay its cost.
 */
serveChild<Record<string, never>, ServerInfo>(async () => {
  let upstreams: URL[] = [];
  let next = 0;
  let forwarded = 0;
  let resets = 0;
  const agent = new Agent({ keepAlive: true, maxSockets: 128 });
  const server = createServer((req, res) => {
    const target = upstreams[next++ % upstreams.length];
    if (!target) {
      res.writeHead(503).end();
      return;
    }
    forwarded += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      // A kept-alive connection the replica closed while idle fails at once, before the replica read
      // anything: sent again once on a new connection, as load balancers do.
      const send = (retry: boolean): void => {
        const upstream = request({ agent: retry ? false : agent, host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        });
        upstream.on('error', (e: NodeJS.ErrnoException) => {
          if (!retry && e.code === 'ECONNRESET' && (upstream as { reusedSocket?: boolean }).reusedSocket) return send(true);
          resets += 1;
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        upstream.end(body);
      };
      send(false);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    info: { url: `http://127.0.0.1:${port}` },
    handlers: {
      /** Which replicas take requests from now on. */
      route: (args: { urls: string[] }) => {
        upstreams = args.urls.map((u) => new URL(u));
        next = 0;
        return true;
      },
      stats: () => ({ ...processStats(), forwarded, resets }),
    },
    stop: async () => {
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
});
