import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { requiredBotScopes } from '../../adapters/slack/slack-scopes';
import { readBody } from '../../sim';

/**
 * A Slack Web API on 127.0.0.1 speaking the documented wire format: POST
 * /api/<method> with a form-encoded or JSON body, the token as
 * `Authorization: Bearer` (or a `token` field), HTTP 200 with `{ok:true,...}`
 * or `{ok:false,error}`, and 429 + Retry-After (seconds) when rate limited.
 * It also accepts POSTs to response_url webhooks (/response/<id>).
 * Faults are injected per method with failNext(). Calls with the bot token
 * carry the token's scopes in an `x-oauth-scopes` header, as Slack's do.
 */

export interface FakeSlackUser {
  id: string;
  name?: string;
  realName?: string;
  email?: string;
  deleted?: boolean;
  isBot?: boolean;
}

export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  token?: string;
  contentType?: string;
  /** HTTP status we answered with, and Slack's `error` when ok was false. */
  status: number;
  error?: string;
  at: number;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  threadTs?: string;
  updates: number;
}

export interface ResponseUrlPost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

export type FakeSlackFault = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

/** A file uploaded the way Slack documents (getUploadURLExternal, POST the bytes, completeUploadExternal). */
export interface FakeSlackFile {
  id: string;
  filename: string;
  length: number;
  content?: string;
  title?: string;
  /** Set once completed into a channel. */
  channel?: string;
  threadTs?: string;
}

export interface FakeSlackOptions {
  botToken?: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  users?: FakeSlackUser[];
  /** The bot token's scopes; default: every scope the bot uses. */
  scopes?: readonly string[];
}

export class FakeSlack {
  readonly calls: FakeSlackCall[] = [];
  readonly responses: ResponseUrlPost[] = [];
  readonly ephemerals: Array<{ channel: string; user: string; text?: string; threadTs?: string }> = [];
  readonly botToken: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly teamId: string;
  scopes: readonly string[];
  private readonly users = new Map<string, FakeSlackUser>();
  private readonly messagesByTs = new Map<string, FakeSlackMessage>();
  private readonly channels = new Map<string, { id: string; name: string; isPrivate: boolean; members: Set<string>; archived?: boolean }>();
  private readonly dms = new Map<string, string>();
  /** Files by id: reserved by files.getUploadURLExternal, filled by the upload, shared by files.completeUploadExternal. */
  private readonly fileStore = new Map<string, FakeSlackFile>();
  private readonly faults = new Map<string, FakeSlackFault[]>();
  private readonly changes = new EventEmitter();
  private seq = 0;

  private constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    this.botToken = options.botToken ?? 'xoxb-fake-bot-token';
    this.botUserId = options.botUserId ?? 'UBOT0001';
    this.botId = options.botId ?? 'BBOT0001';
    this.teamId = options.teamId ?? 'T0FAKE01';
    this.scopes = options.scopes ?? requiredBotScopes();
    for (const u of options.users ?? []) this.users.set(u.id, u);
    this.changes.setMaxListeners(100);
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    const holder: { fake?: FakeSlack } = {};
    const server = createServer((req, res) => {
      void holder.fake!.handle(req, res);
    });
    const fake = new FakeSlack(server, options);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The value for SLACK_API_URL (with the trailing slash the Web API client expects). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A response_url for a slash command or block_actions payload. */
  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${encodeURIComponent(id)}`;
  }

  addUser(user: FakeSlackUser): void {
    this.users.set(user.id, user);
  }

  /** A channel that exists in the workspace; the bot is in it only when `botIsMember`. */
  addChannel(channel: { id: string; name: string; isPrivate?: boolean; botIsMember?: boolean; archived?: boolean }): void {
    const members = new Set<string>(channel.botIsMember ? [this.botUserId] : []);
    this.channels.set(channel.id, { id: channel.id, name: channel.name, isPrivate: channel.isPrivate ?? false, members, archived: channel.archived ?? false });
  }

  /** The next `times` calls to `method` fail this way, then it works again. */
  failNext(method: string, fault: FakeSlackFault, times = 1): void {
    const queue = this.faults.get(method) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.faults.set(method, queue);
  }

  callsTo(method: string): FakeSlackCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Files shared into a channel (completed uploads), oldest first. */
  files(channel: string): FakeSlackFile[] {
    return [...this.fileStore.values()].filter((f) => f.channel === channel);
  }

  /** Messages in a channel, oldest first, as they look now (after updates). */
  messages(channel: string): FakeSlackMessage[] {
    return [...this.messagesByTs.values()].filter((m) => m.channel === channel);
  }

  message(ts: string): FakeSlackMessage | undefined {
    return this.messagesByTs.get(ts);
  }

  channel(id: string): { id: string; name: string; isPrivate: boolean; members: string[] } | undefined {
    const c = this.channels.get(id);
    return c ? { ...c, members: [...c.members] } : undefined;
  }

  dmChannelOf(userId: string): string | undefined {
    return this.dms.get(userId);
  }

  /** Resolves with the first truthy value `probe` returns, re-checking on every request the fake sees. */
  waitFor<T>(probe: () => T | undefined | false, timeoutMs = 5000, what = 'condition'): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = (): boolean => {
        const value = probe();
        if (!value) return false;
        cleanup();
        resolve(value);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
      check();
    });
  }

  /** Waits for the n-th successful call to `method` that matches. */
  waitForCall(method: string, match: (params: Record<string, unknown>) => boolean = () => true, timeoutMs = 5000): Promise<FakeSlackCall> {
    return this.waitFor(() => this.calls.find((c) => c.method === method && c.status === 200 && !c.error && match(c.params)), timeoutMs, `a ${method} call`);
  }

  waitForResponse(id: string, timeoutMs = 5000): Promise<ResponseUrlPost> {
    return this.waitFor(() => this.responses.find((r) => r.id === id), timeoutMs, `a post to response_url ${id}`);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- wire ----

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'POST' && url.pathname.startsWith('/response/')) {
      const id = decodeURIComponent(url.pathname.slice('/response/'.length));
      this.responses.push({ id, body: parseJson(raw) ?? {}, at: Date.now() });
      send(res, 200, { ok: true });
      this.changes.emit('change');
      return;
    }
    if (req.method === 'POST' && url.pathname.startsWith('/upload/')) {
      // The upload URL Slack hands out takes the raw bytes (or a multipart form) and answers 200.
      const file = this.fileStore.get(decodeURIComponent(url.pathname.slice('/upload/'.length)));
      if (!file) {
        res.writeHead(404).end();
        return;
      }
      file.content = raw;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${Buffer.byteLength(raw)}`);
      this.changes.emit('change');
      return;
    }
    const match = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
    if (!match || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const method = match[1]!;
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
    const params = contentType === 'application/json' ? (parseJson(raw) ?? {}) : Object.fromEntries(new URLSearchParams(raw));
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer ?? (typeof params.token === 'string' ? params.token : undefined);
    const call: FakeSlackCall = { method, params: decodeJsonFields(params), token, contentType, status: 200, at: Date.now() };
    this.calls.push(call);

    const fault = this.faults.get(method)?.shift();
    if (fault && 'status' in fault) {
      call.status = fault.status;
      if (fault.status === 429) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(fault.retryAfter) }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      } else {
        res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('upstream error');
      }
      this.changes.emit('change');
      return;
    }
    const result = fault ? { ok: false, error: fault.error } : !token ? { ok: false, error: 'not_authed' } : token !== this.botToken ? { ok: false, error: 'invalid_auth' } : this.dispatch(method, call.params);
    if (result.ok === false) call.error = String(result.error);
    send(res, 200, result, token === this.botToken ? { 'x-oauth-scopes': this.scopes.join(',') } : {});
    this.changes.emit('change');
  }

  private dispatch(method: string, p: Record<string, unknown>): Record<string, unknown> {
    const str = (k: string): string | undefined => (typeof p[k] === 'string' && p[k] !== '' ? (p[k] as string) : undefined);
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://fake-team.slack.com/', team: 'Fake Team', user: 'breakglass', team_id: this.teamId, user_id: this.botUserId, bot_id: this.botId };
      case 'chat.postMessage': {
        const target = str('channel');
        if (!target) return { ok: false, error: 'channel_not_found' };
        if (!str('text') && p.blocks === undefined) return { ok: false, error: 'no_text' };
        const blocks = p.blocks;
        if (blocks !== undefined && (!Array.isArray(blocks) || blocks.length > 50)) return { ok: false, error: 'invalid_blocks' };
        const channel = /^[UW]/.test(target) ? this.openDm(target) : target;
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const ts = this.nextTs();
        const threadTs = str('thread_ts');
        const message: FakeSlackMessage = { channel, ts, text: str('text'), blocks: blocks as unknown[] | undefined, threadTs, updates: 0 };
        this.messagesByTs.set(ts, message);
        return { ok: true, channel, ts, message: { type: 'message', text: message.text, user: this.botUserId, bot_id: this.botId, ts, blocks, ...(threadTs ? { thread_ts: threadTs } : {}) } };
      }
      case 'chat.update': {
        const existing = this.messagesByTs.get(str('ts') ?? '');
        if (!existing || existing.channel !== str('channel')) return { ok: false, error: 'message_not_found' };
        existing.text = str('text');
        existing.blocks = p.blocks as unknown[] | undefined;
        existing.updates += 1;
        return { ok: true, channel: existing.channel, ts: existing.ts, text: existing.text };
      }
      case 'chat.postEphemeral': {
        const channel = str('channel');
        const user = str('user');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        if (!user || !this.users.has(user)) return { ok: false, error: 'user_not_in_channel' };
        this.ephemerals.push({ channel, user, text: str('text'), threadTs: str('thread_ts') });
        return { ok: true, message_ts: this.nextTs() };
      }
      case 'conversations.open': {
        const user = str('users')?.split(',')[0];
        const channel = user ? this.openDm(user) : undefined;
        return channel ? { ok: true, channel: { id: channel } } : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.create': {
        const name = str('name') ?? '';
        if (!/^[a-z0-9_-]{1,80}$/.test(name)) return { ok: false, error: 'invalid_name_specials' };
        if ([...this.channels.values()].some((c) => c.name === name)) return { ok: false, error: 'name_taken' };
        const isPrivate = p.is_private === true || p.is_private === 'true';
        const id = `${isPrivate ? 'G' : 'C'}${String(this.channels.size + 1).padStart(8, '0')}`;
        this.channels.set(id, { id, name, isPrivate, members: new Set([this.botUserId]) });
        return { ok: true, channel: { id, name, is_channel: true, is_private: isPrivate, creator: this.botUserId, created: 1767225600 } };
      }
      case 'conversations.invite': {
        const channel = this.channels.get(str('channel') ?? '');
        if (!channel) return { ok: false, error: 'channel_not_found' };
        const users = (str('users') ?? '').split(',').filter(Boolean);
        if (users.length === 0) return { ok: false, error: 'no_user' };
        if (users.includes(this.botUserId)) return { ok: false, error: 'cant_invite_self' };
        const force = p.force === true || p.force === 'true';
        const unknown = users.filter((u) => !this.users.has(u));
        if (unknown.length > 0 && !force) return { ok: false, error: 'user_not_found' };
        for (const u of users) if (this.users.has(u)) channel.members.add(u);
        return { ok: true, channel: { id: channel.id, name: channel.name, is_private: channel.isPrivate } };
      }
      case 'files.getUploadURLExternal': {
        if (!this.scopes.includes('files:write')) return { ok: false, error: 'missing_scope', needed: 'files:write', provided: this.scopes.join(',') };
        const filename = str('filename');
        const length = Number(str('length') ?? p.length);
        if (!filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: 'invalid_arguments' };
        const id = `F${String(this.fileStore.size + 1).padStart(9, '0')}`;
        this.fileStore.set(id, { id, filename, length });
        return { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal': {
        const files = p.files as Array<{ id?: string; title?: string }> | undefined;
        if (!Array.isArray(files) || files.length === 0) return { ok: false, error: 'invalid_arguments' };
        const channel = str('channel_id');
        const completed: FakeSlackFile[] = [];
        for (const f of files) {
          const file = this.fileStore.get(f.id ?? '');
          // Slack refuses to complete a file whose bytes never arrived.
          if (!file || file.content === undefined) return { ok: false, error: 'file_not_found' };
          if (f.title) file.title = f.title;
          if (channel) file.channel = channel;
          const threadTs = str('thread_ts');
          if (threadTs) file.threadTs = threadTs;
          completed.push(file);
        }
        return { ok: true, files: completed.map((f) => ({ id: f.id, name: f.filename, title: f.title ?? f.filename })) };
      }
      case 'conversations.info': {
        // As Slack documents: channels:read for public channels, groups:read for private ones; a private
        // channel the bot is not in looks like one that does not exist.
        const channel = this.channels.get(str('channel') ?? '');
        const needed = channel?.isPrivate ? 'groups:read' : 'channels:read';
        if (!this.scopes.includes(needed)) return { ok: false, error: 'missing_scope', needed, provided: this.scopes.join(',') };
        if (!channel || (channel.isPrivate && !channel.members.has(this.botUserId))) return { ok: false, error: 'channel_not_found' };
        return {
          ok: true,
          channel: { id: channel.id, name: channel.name, is_channel: !channel.isPrivate, is_private: channel.isPrivate, is_archived: channel.archived ?? false, is_member: channel.members.has(this.botUserId) },
        };
      }
      case 'users.info': {
        const user = this.users.get(str('user') ?? '');
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: this.teamId,
            name: user.name ?? user.id.toLowerCase(),
            real_name: user.realName ?? user.name ?? user.id,
            deleted: user.deleted ?? false,
            is_bot: user.isBot ?? false,
            profile: { real_name: user.realName ?? user.name ?? user.id, display_name: user.name ?? '', ...(user.email ? { email: user.email } : {}) },
          },
        };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private openDm(userId: string): string | undefined {
    if (!this.users.has(userId)) return undefined;
    const existing = this.dms.get(userId);
    if (existing) return existing;
    const id = `D${userId.slice(1).padStart(8, '0')}`;
    this.dms.set(userId, id);
    return id;
  }

  private nextTs(): string {
    this.seq += 1;
    return `${1767225600 + this.seq}.${String(this.seq).padStart(6, '0')}`;
  }
}


function parseJson(raw: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Form bodies carry arrays/objects (blocks, attachments) as JSON strings; decode them for assertions. */
function decodeJsonFields(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...params };
  for (const key of ['blocks', 'attachments', 'metadata', 'files']) {
    const v = out[key];
    if (typeof v === 'string') {
      try {
        out[key] = JSON.parse(v);
      } catch {
        // Slack would answer invalid_blocks; keep the raw string so the test can see it.
      }
    }
  }
  return out;
}

function send(res: ServerResponse, status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}
