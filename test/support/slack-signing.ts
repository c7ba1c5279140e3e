import { createHmac } from 'node:crypto';

/**
 * Requests built the way Slack builds them: the signature is
 * `v0=` + hex HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`), sent
 * as X-Slack-Signature with X-Slack-Request-Timestamp (Unix seconds).
 * Slash commands and interactivity are form-encoded (interactivity as one
 * `payload` field holding JSON); Events API deliveries are JSON.
 */

export const FORM = 'application/x-www-form-urlencoded';
export const JSON_TYPE = 'application/json';

export function slackSignature(signingSecret: string, timestampSec: number, body: string, version = 'v0'): string {
  return `${version}=${createHmac('sha256', signingSecret).update(`${version}:${timestampSec}:${body}`).digest('hex')}`;
}

export interface SlackRequest {
  body: string;
  contentType: string;
}

export interface SendOptions {
  /** Unix seconds; default now. */
  timestampSec?: number;
  /** Signature version to claim and sign with; Slack only uses v0. */
  version?: string;
  /** Replace the signature header outright (or omit it with null). */
  signature?: string | null;
  /** Omit the timestamp header. */
  omitTimestamp?: boolean;
  /** Sign this secret instead of the real one. */
  secret?: string;
  /** x-slack-retry-num, as Slack sends on redelivery. */
  retryNum?: number;
}

/** POST a Slack request to our endpoint, signed unless told otherwise. */
export async function sendSigned(url: string, signingSecret: string, request: SlackRequest, options: SendOptions = {}): Promise<Response> {
  const ts = options.timestampSec ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { 'content-type': request.contentType };
  const signature = options.signature === undefined ? slackSignature(options.secret ?? signingSecret, ts, request.body, options.version) : options.signature;
  if (signature !== null) headers['x-slack-signature'] = signature;
  if (!options.omitTimestamp) headers['x-slack-request-timestamp'] = String(ts);
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return fetch(url, { method: 'POST', headers, body: request.body });
}

export interface SlashCommandFields {
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  channel_id: string;
  channel_name: string;
  team_id: string;
  team_domain: string;
  trigger_id: string;
  response_url: string;
  api_app_id: string;
}

let counter = 0;
const unique = (): string => `${Date.now()}${(++counter).toString().padStart(4, '0')}`;

export function slashCommand(fields: Partial<SlashCommandFields> & { response_url: string }): SlackRequest {
  const full: Record<string, string> = {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE01',
    team_domain: 'fake-team',
    channel_id: 'C0SEC0001',
    channel_name: 'security',
    user_id: 'U0DANA001',
    user_name: 'dana',
    command: '/breakglass',
    text: '',
    api_app_id: 'A0BREAKGL',
    is_enterprise_install: 'false',
    trigger_id: `${unique()}.1234567890.abcdef0123456789abcdef0123456789`,
    ...fields,
  };
  return { body: new URLSearchParams(full).toString(), contentType: FORM };
}

export interface ButtonClick {
  actionId: string;
  value: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  messageTs?: string;
  threadTs?: string;
  responseUrl: string;
  actionTs?: string;
  /** Blocks of the clicked message, as Slack echoes them back. */
  blocks?: unknown[];
  /** state.values: blockId -> actionId -> value typed. */
  typed?: Record<string, Record<string, string>>;
}

export function blockActionsPayload(click: ButtonClick): Record<string, unknown> {
  const channelId = click.channelId ?? 'C0SEC0001';
  const messageTs = click.messageTs ?? '1767225601.000001';
  const state: Record<string, Record<string, { type: string; value: string | null }>> = {};
  for (const [blockId, byAction] of Object.entries(click.typed ?? {})) {
    state[blockId] = Object.fromEntries(Object.entries(byAction).map(([a, v]) => [a, { type: 'plain_text_input', value: v }]));
  }
  return {
    type: 'block_actions',
    user: { id: click.userId ?? 'U0DANA001', username: click.userName ?? 'dana', name: click.userName ?? 'dana', team_id: 'T0FAKE01' },
    api_app_id: 'A0BREAKGL',
    token: 'deprecated-verification-token',
    container: { type: 'message', message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
    trigger_id: `${unique()}.1234567890.abcdef`,
    team: { id: 'T0FAKE01', domain: 'fake-team' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channelId, name: 'security' },
    message: {
      type: 'message',
      user: 'UBOT0001',
      bot_id: 'BBOT0001',
      text: 'card',
      ts: messageTs,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
      blocks: click.blocks ?? [],
    },
    state: { values: state },
    response_url: click.responseUrl,
    actions: [
      {
        action_id: click.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'Button', emoji: true },
        value: click.value,
        type: 'button',
        action_ts: click.actionTs ?? `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`,
      },
    ],
  };
}

export function blockActions(click: ButtonClick): SlackRequest {
  return { body: new URLSearchParams({ payload: JSON.stringify(blockActionsPayload(click)) }).toString(), contentType: FORM };
}

export function eventCallback(event: Record<string, unknown>, options: { eventId?: string; eventTime?: number } = {}): SlackRequest {
  const envelope = {
    token: 'deprecated-verification-token',
    team_id: 'T0FAKE01',
    api_app_id: 'A0BREAKGL',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${unique()}`,
    event_time: options.eventTime ?? Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: 'T0FAKE01', user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIn0',
  };
  return { body: JSON.stringify(envelope), contentType: JSON_TYPE };
}

export function appMention(text: string, options: { user?: string; channel?: string; ts?: string; threadTs?: string } = {}): Record<string, unknown> {
  const ts = options.ts ?? `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'app_mention',
    user: options.user ?? 'U0DANA001',
    text,
    ts,
    channel: options.channel ?? 'C0SEC0001',
    event_ts: ts,
    ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
  };
}

export function directMessage(text: string, options: { user?: string; channel?: string; subtype?: string; botId?: string } = {}): Record<string, unknown> {
  const ts = `${Math.floor(Date.now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  return {
    type: 'message',
    channel: options.channel ?? 'D0DANA001',
    user: options.user ?? 'U0DANA001',
    text,
    ts,
    event_ts: ts,
    channel_type: 'im',
    ...(options.subtype ? { subtype: options.subtype } : {}),
    ...(options.botId ? { bot_id: options.botId } : {}),
  };
}
