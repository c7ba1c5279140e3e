import { parseDuration } from '../../workflows/duration';
import { commandSpec, COMMANDS } from './command-catalogue';

/** A user named in a command: a platform mention, a config person key, or a UPN. */
export type UserToken = { kind: 'mention'; platformUserId: string } | { kind: 'person'; key: string } | { kind: 'upn'; upn: string };

export type Command =
  | { name: 'help'; topic?: string }
  | { name: 'start'; drill: boolean; summary: string; /** --new: open another even though one is open here. */ newIncident?: boolean }
  | { name: 'status' }
  | { name: 'done'; step: number; note?: string }
  | { name: 'skip'; step: number; reason: string }
  | { name: 'assign'; step: number; user: UserToken }
  | { name: 'note'; text: string }
  | { name: 'commander'; user: UserToken }
  | { name: 'signins'; sinceMs?: number; user?: string }
  | { name: 'export' }
  | { name: 'close'; summary?: string }
  | { name: 'reopen' }
  | { name: 'elevate'; role: string; durationMs?: number; justification: string; ticket?: string }
  | { name: 'revoke'; requestId: string }
  | { name: 'elevations' }
  | { name: 'posture' };

/** `--incident <id>` may follow any command to name an incident explicitly. */
export type ParsedCommand = Command & { incidentId?: string };

export type ParseResult = { ok: true; command: ParsedCommand } | { ok: false; error: string; usage?: string };

/** Longest command the grammar reads; the playground's input shows the same limit. */
export const MAX_COMMAND_TEXT = 4000;
const STEP_COUNT = 8;

export function parseCommand(input: string): ParseResult {
  let text = input.replace(/\s+/g, ' ').trim();
  if (text.length > MAX_COMMAND_TEXT) return { ok: false, error: `That command is too long (over ${MAX_COMMAND_TEXT} characters).` };
  text = text.replace(/^\/?breakglass\b\s*/i, '');
  let incidentId: string | undefined;
  text = text.replace(/(?:^|\s)--incident\s+(\S+)/i, (_m, id: string) => {
    incidentId = id;
    return '';
  }).trim();
  if (!text) return { ok: true, command: { name: 'help' } };
  const [head = '', ...rest] = text.split(' ');
  const name = head.toLowerCase();
  const args = rest.join(' ').trim();
  const result = parseNamed(name, args);
  if (!result.ok) return result;
  return { ok: true, command: incidentId ? { ...result.command, incidentId } : result.command };
}

function parseNamed(name: string, args: string): ParseResult {
  const fail = (error: string): ParseResult => ({ ok: false, error, usage: commandSpec(name)?.usage });
  const ok = (command: Command): ParseResult => ({ ok: true, command });
  switch (name) {
    case 'help':
      return ok(args ? { name: 'help', topic: args.split(' ')[0]!.toLowerCase() } : { name: 'help' });
    case 'start': {
      const drill = /(^|\s)--drill(\s|$)/i.test(args);
      const newIncident = /(^|\s)--new(\s|$)/i.test(args);
      const summary = args.replace(/(^|\s)--(drill|new)(?=\s|$)/gi, ' ').replace(/\s+/g, ' ').trim();
      return summary ? ok({ name: 'start', drill, summary, ...(newIncident ? { newIncident } : {}) }) : fail('Say what is happening, e.g. "start Global admins locked out".');
    }
    case 'status':
    case 'export':
    case 'reopen':
    case 'elevations':
    case 'posture':
      return ok({ name } as Command);
    case 'done':
    case 'skip':
    case 'assign': {
      const [stepText = '', ...restWords] = args.split(' ');
      const step = Number(stepText);
      if (!Number.isInteger(step) || step < 1 || step > STEP_COUNT) return fail(`Name a step from 1 to ${STEP_COUNT}.`);
      const rest = restWords.join(' ').trim();
      if (name === 'done') return ok(rest ? { name, step, note: rest } : { name, step });
      if (name === 'skip') return rest ? ok({ name, step, reason: rest }) : fail('Skipping a step needs a reason.');
      const user = parseUser(rest);
      return user ? ok({ name, step, user }) : fail('Name who should own the step, e.g. @dana.');
    }
    case 'note':
      return args ? ok({ name, text: args }) : fail('Add the text of the note.');
    case 'commander': {
      const user = parseUser(args);
      return user ? ok({ name, user }) : fail('Name the new commander, e.g. @sam.');
    }
    case 'close':
      return ok(args ? { name, summary: args } : { name });
    case 'revoke':
      return /^[A-Za-z0-9-]{3,64}$/.test(args) ? ok({ name, requestId: args }) : fail('Name the request id shown on the elevation card.');
    case 'signins':
      return parseSignins(args, fail);
    case 'elevate':
      return parseElevate(args, fail);
    default:
      return { ok: false, error: `I don't know "${name.slice(0, 40)}". Commands: ${COMMANDS.map((c) => c.name).join(', ')}.`, usage: 'help [command]' };
  }
}

function parseSignins(args: string, fail: (e: string) => ParseResult): ParseResult {
  const words = args ? args.split(' ') : [];
  let sinceMs: number | undefined;
  let user: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = words[i + 1];
    if (word === '--since' && value) {
      sinceMs = parseDuration(value);
      if (!sinceMs) return fail(`"${value}" is not a duration like 30m or 2h.`);
      i++;
    } else if (word === '--user' && value) {
      user = value;
      i++;
    } else {
      return fail(`Unexpected "${word.slice(0, 40)}".`);
    }
  }
  return { ok: true, command: { name: 'signins', ...(sinceMs ? { sinceMs } : {}), ...(user ? { user } : {}) } };
}

/** elevate <role> [for <duration>] because <justification> [ticket <id>] */
function parseElevate(args: string, fail: (e: string) => ParseResult): ParseResult {
  const m = /^(?<role>.+?)(?:\s+for\s+(?<duration>\S+))?\s+because\s+(?<why>.+?)(?:\s+ticket\s+(?<ticket>\S+))?$/i.exec(args);
  if (!m?.groups) {
    return fail(args ? 'An elevation needs a role and a justification after "because".' : 'Name the role and say why.');
  }
  const { role, duration, why, ticket } = m.groups as { role: string; duration?: string; why: string; ticket?: string };
  let durationMs: number | undefined;
  if (duration) {
    durationMs = parseDuration(duration);
    if (!durationMs) return fail(`"${duration}" is not a duration like 30m, 1h or 2h30m.`);
  }
  return {
    ok: true,
    command: { name: 'elevate', role: role.trim(), justification: why.trim(), ...(durationMs ? { durationMs } : {}), ...(ticket ? { ticket } : {}) },
  };
}

/** `<@U123>` / `<@U123|name>` (Slack), `@key` (config person), or a UPN. */
export function parseUser(text: string): UserToken | undefined {
  const t = text.trim();
  const mention = /^<@([A-Za-z0-9:_-]+)(?:\|[^>]*)?>$/.exec(t);
  if (mention) return { kind: 'mention', platformUserId: mention[1]! };
  if (/^@?[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/.test(t)) return { kind: 'upn', upn: t.replace(/^@/, '').toLowerCase() };
  const key = /^@?([A-Za-z][A-Za-z0-9._-]{0,63})$/.exec(t);
  if (key) return { kind: 'person', key: key[1]! };
  return undefined;
}

/** The help text: all commands, or one. */
export function helpText(topic?: string): string {
  if (topic) {
    const spec = commandSpec(topic);
    if (!spec) return `There is no command "${topic.slice(0, 40)}". Try "help".`;
    return `${spec.usage}\n${spec.summary}\nExample: ${spec.example}`;
  }
  return COMMANDS.map((c) => `${c.usage}: ${c.summary} (e.g. "${c.example}")`).join('\n');
}
