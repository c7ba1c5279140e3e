import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BreakglassError } from '../../bot/core/errors';
import type { Logger } from '../../bot/core/logger';

export interface HttpMounts {
  /** Bolt's ExpressReceiver router: owns POST /slack/events and verifies signatures itself. */
  slack?: Router | RequestHandler;
  /** botbuilder CloudAdapter handler for POST /api/messages (needs a parsed body). */
  teams?: RequestHandler;
  /** Playground routes (page, API) under /. */
  playground?: Router;
  /** Prometheus text for /metrics. */
  metrics?: () => Promise<string>;
  /** Database and platform readiness for /readyz. */
  ready?: () => Promise<{ ok: boolean; checks: Record<string, string> }>;
  /** Called when a platform request has been answered (ack latency). */
  onAck?: (platform: 'slack' | 'teams', seconds: number, status: number) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** One server for everything, so one port and one TLS terminator in front. */
export function createHttpApp(mounts: HttpMounts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/readyz', async (_req, res) => {
    const r = mounts.ready ? await mounts.ready().catch((e: Error) => ({ ok: false, checks: { ready: e.message } })) : { ok: true, checks: {} };
    res.status(r.ok ? 200 : 503).json(r);
  });
  if (mounts.metrics) {
    const metrics = mounts.metrics;
    app.get('/metrics', async (_req, res) => {
      res.type('text/plain; version=0.0.4').send(await metrics());
    });
  }
  if (mounts.onAck) {
    const onAck = mounts.onAck;
    app.use((req, res, next) => {
      const platform = req.path.startsWith('/slack/') ? 'slack' : req.path === '/api/messages' ? 'teams' : undefined;
      if (platform) {
        const started = process.hrtime.bigint();
        res.once('finish', () => onAck(platform, Number(process.hrtime.bigint() - started) / 1e9, res.statusCode));
      }
      next();
    });
  }
  // Slack needs the raw body for its signature, so it is mounted before any body parser.
  if (mounts.slack) app.use(mounts.slack);
  if (mounts.teams) app.post('/api/messages', express.json({ limit: '256kb' }), mounts.teams);
  if (mounts.playground) app.use(mounts.playground);
  return app;
}

export async function listen(app: Express, port: number, host: string, logger?: Logger): Promise<RunningServer> {
  const server: Server = await new Promise((resolve, reject) => {
    // Express 5 hands a failed listen (port in use) to this callback as well.
    const s = app.listen(port, host, (error?: Error) => (error ? reject(listenError(error, port, host)) : resolve(s)));
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actual}`;
  logger?.info({ url }, 'http server listening');
  return {
    url,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function listenError(error: Error, port: number, host: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new BreakglassError('config.invalid', `Port ${port} on ${host} is already in use; stop the program using it or set PORT to another port.`, { cause: error });
  if (code === 'EADDRNOTAVAIL') return new BreakglassError('config.invalid', `This machine has no address ${host} to listen on; check server.host in the config.`, { cause: error });
  if (code === 'EACCES') return new BreakglassError('config.invalid', `Not allowed to listen on port ${port}; use a port above 1023 or set PORT.`, { cause: error });
  return error;
}
