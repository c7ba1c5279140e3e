import { TurnContext, type Activity, type Mention } from 'botbuilder';

const AT_TAG = /<at>(.*?)<\/at>/gis;

/**
 * The command text of a Teams message, as the command grammar reads it.
 * The bot's own @mention goes (by its mention entity, and `<at>name</at>`
 * left without one); other people's mentions become `<@id>` tokens (Entra
 * object id when Teams gives one), the way the grammar reads Slack mentions.
 * A `<@` the user typed is broken apart first so typed text can never pose
 * as a mention. HTML entities Teams uses for typed `<`, `>`, `&` are decoded.
 */
export function commandText(activity: Partial<Activity>): string {
  const botId = activity.recipient?.id;
  const botName = activity.recipient?.name?.trim().toLowerCase();
  if (typeof activity.text !== 'string') return '';
  const mentions = mentionEntities(activity);
  // removeRecipientMention edits activity.text in place and trusts every
  // entity's shape; give it a copy with only well-formed mentions.
  const text = botId ? (TurnContext.removeRecipientMention({ ...activity, entities: mentions } as Activity) ?? '') : activity.text;

  let out = '';
  let last = 0;
  for (const match of text.matchAll(AT_TAG)) {
    out += plainSegment(text.slice(last, match.index));
    out += mentionToken(match[0], match[1] ?? '', mentions, botId, botName);
    last = (match.index ?? 0) + match[0].length;
  }
  out += plainSegment(text.slice(last));
  return out
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();
}

function mentionEntities(activity: Partial<Activity>): Array<Mention & { type: string }> {
  if (!Array.isArray(activity.entities)) return [];
  return activity.entities.filter(
    (e): e is Mention & { type: string } =>
      typeof e === 'object' && e !== null && e.type === 'mention' && typeof (e as Partial<Mention>).text === 'string' && typeof (e as Partial<Mention>).mentioned?.id === 'string',
  );
}

function mentionToken(tag: string, inner: string, mentions: Mention[], botId: string | undefined, botName: string | undefined): string {
  const entity = mentions.find((m) => m.text === tag);
  if (entity) {
    if (entity.mentioned.id === botId) return '';
    const account = entity.mentioned as Mention['mentioned'] & { aadObjectId?: string };
    const id = account.aadObjectId ?? account.id;
    if (/^[A-Za-z0-9:_-]+$/.test(id)) return ` <@${id}> `;
  }
  const name = decodeEntities(inner).trim();
  if (botName && name.toLowerCase() === botName) return '';
  return neutralise(name);
}

function plainSegment(segment: string): string {
  return neutralise(decodeEntities(segment));
}

function neutralise(text: string): string {
  return text.replace(/<@/g, '< @');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,6});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body.toLowerCase()] ?? whole;
  });
}
