import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from '../../sim';

/**
 * A Bot Connector service (the `serviceUrl` of Teams activities) on
 * 127.0.0.1, speaking the v3 REST API the bot calls:
 *   POST /v3/conversations                                   create a conversation
 *   POST /v3/conversations/{id}/activities                   send to a conversation
 *   POST /v3/conversations/{id}/activities/{activityId}      reply to an activity
 *   PUT  /v3/conversations/{id}/activities/{activityId}      update an activity
 * Answers are ResourceResponse `{id}` / ConversationResourceResponse
 * `{id, activityId, serviceUrl}`; errors are ErrorResponse `{error:{code,message}}`.
 * Every call must carry a Bearer token the given check accepts.
 */
export type ConnectorCallKind = 'createConversation' | 'send' | 'reply' | 'update';

export interface ConnectorCall {
  kind: ConnectorCallKind;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  /** Parsed JSON body: an Activity, or ConversationParameters for createConversation. */
  body: Record<string, unknown>;
  authorization?: string;
  status: number;
  /** Date.now() when the call arrived. */
  at: number;
}

export interface FakeBotConnector {
  /** Use as the activity's serviceUrl (with trailing slash, like Teams). */
  serviceUrl: string;
  /** Successful calls, in arrival order. */
  calls: ConnectorCall[];
  /** Every call including refused ones. */
  attempts: ConnectorCall[];
  /** The next `times` calls (of a kind, if given) answer `status`. */
  failNext(status: number, times?: number, options?: { kind?: ConnectorCallKind; headers?: Record<string, string> }): void;
  /** Resolves once `count` successful calls (matching `filter`) have arrived. */
  waitForCalls(count: number, filter?: (call: ConnectorCall) => boolean, timeoutMs?: number): Promise<ConnectorCall[]>;
  close(): Promise<void>;
}

interface Failure {
  status: number;
  remaining: number;
  kind?: ConnectorCallKind;
  headers: Record<string, string>;
}

const ERROR_CODES: Record<number, string> = { 400: 'BadArgument', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 412: 'PreconditionFailed', 429: 'TooManyRequests', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout' };

/**
 * hasApp: when given, a 1:1 createConversation is only accepted for members
 * who have the app installed (403 Forbidden otherwise, as the Bot Connector
 * answers); unknown users get 404.
 */
type ConnectorAuth = { verifyToken: (token: string) => boolean } | { acceptAnonymous: true };
export async function startFakeBotConnector(options: ConnectorAuth & { hasApp?: (aadObjectId: string) => boolean | 'unknown-user' }): Promise<FakeBotConnector> {
  const calls: ConnectorCall[] = [];
  const attempts: ConnectorCall[] = [];
  const failures: Failure[] = [];
  const events = new EventEmitter();
  let nextId = 1_767_225_600_000;
  let nextConversation = 1;
  let serviceUrl = '';

  const route = (method: string, pathname: string): { kind: ConnectorCallKind; conversationId?: string; activityId?: string } | undefined => {
    if (method === 'POST' && pathname === '/v3/conversations') return { kind: 'createConversation' };
    const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/.exec(pathname);
    if (!m) return undefined;
    const conversationId = decodeURIComponent(m[1]!);
    const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
    if (method === 'POST') return activityId ? { kind: 'reply', conversationId, activityId } : { kind: 'send', conversationId };
    if (method === 'PUT' && activityId) return { kind: 'update', conversationId, activityId };
    return undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', serviceUrl);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
    };
    const target = route(req.method ?? '', url.pathname);
    if (!target) return send(404, { error: { code: 'NotFound', message: `No route for ${req.method} ${url.pathname}` } });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return send(400, { error: { code: 'BadSyntax', message: 'The body is not JSON.' } });
    }
    const call: ConnectorCall = { ...target, method: req.method ?? '', path: url.pathname, body, authorization: req.headers.authorization, status: 0, at: Date.now() };
    attempts.push(call);

    const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const authorised = 'acceptAnonymous' in options || (token !== undefined && options.verifyToken(token));
    if (!authorised) {
      call.status = 401;
      return send(401, { error: { code: 'Unauthorized', message: 'Authorization has been denied for this request.' } });
    }
    const failure = failures.find((f) => f.remaining > 0 && (!f.kind || f.kind === target.kind));
    if (failure) {
      failure.remaining--;
      call.status = failure.status;
      return send(failure.status, { error: { code: ERROR_CODES[failure.status] ?? 'ServiceError', message: `Injected ${failure.status}` } }, failure.headers);
    }

    if (target.kind === 'createConversation' && options.hasApp && body.isGroup !== true) {
      const member = (body.members as Array<{ aadObjectId?: string; id?: string }> | undefined)?.[0];
      const reach = options.hasApp(member?.aadObjectId ?? member?.id ?? '');
      if (reach !== true) {
        call.status = reach === 'unknown-user' ? 404 : 403;
        return send(call.status, { error: { code: ERROR_CODES[call.status]!, message: reach === 'unknown-user' ? 'User not found.' : 'The bot is not part of the conversation roster.' } });
      }
    }
    call.status = target.kind === 'update' ? 200 : 201;
    calls.push(call);
    events.emit('call');
    if (target.kind === 'createConversation') {
      const conversationId = `a:fake-personal-${nextConversation++}`;
      const response: Record<string, unknown> = { id: conversationId, serviceUrl };
      if (body.activity) response.activityId = String(nextId++);
      return send(201, response);
    }
    if (target.kind === 'update') return send(200, { id: target.activityId });
    return send(201, { id: String(nextId++) });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serviceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    serviceUrl,
    calls,
    attempts,
    failNext(status, times = 1, opts = {}) {
      failures.push({ status, remaining: times, kind: opts.kind, headers: opts.headers ?? {} });
    },
    waitForCalls(count, filter = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const matching = calls.filter(filter);
          if (matching.length < count) return false;
          events.off('call', listener);
          clearTimeout(timer);
          resolve(matching);
          return true;
        };
        const listener = (): void => {
          check();
        };
        const timer = setTimeout(() => {
          events.off('call', listener);
          reject(new Error(`expected ${count} Bot Connector calls, got ${calls.filter(filter).length}: ${JSON.stringify(attempts.map((a) => [a.kind, a.status]))}`));
        }, timeoutMs);
        events.on('call', listener);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

