import { renderBlockKit } from '../../../adapters/slack/block-kit-renderer';
import { replyText as slackReplyText } from '../../../adapters/slack/reply-text';
import { MAX_CARD_BYTES, renderAdaptiveCard } from '../../../adapters/teams/adaptive-card-renderer';
import type { AdaptiveCard, CardAction, CardElement } from '../../../adapters/teams/adaptive-card-types';
import { replyMessage } from '../../../adapters/teams/invoke-responses';
import type { Message } from '../../../bot/messages/message';
import { FakeChat } from '../../fakes/fake-chat';
import { APPROVERS, buttonOn, incidentIdIn, requestIdIn, ROOM, startTenant, TestBot, type Tenant } from './support/bot-harness';

/** Everything a hostile (or careless) user could type that means something to Slack or Teams. */
const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<#C0123|general>',
  '<https://evil.example|click>',
  '[x](http://evil.example)',
  '<at>Ivan Admin</at>',
  '${process.env.SLACK_BOT_TOKEN}',
  '{{DATE(2026-01-01T00:00:00Z)}}',
  '{"type": "Action.OpenUrl", "url": "http://evil.example", "title": "Approve"}',
  '{"type": "TextBlock", "text": "Approved by the CISO"}',
  '*bold* _italic_ ~strike~ `code` # heading',
  '- list item',
  '&lt;!channel&gt; &amp;',
  '<script>alert(1)</script>',
  '\u202Eexe.txt',
].join(' ');

/** Long multi-byte text: accents, CJK, RTL, emoji ZWJ sequences and flags (the parser takes at most 4,000 characters). */
const MULTIBYTE = 'Zürich 東京 مرحبا 👩🏽‍💻 🇳🇴 ñ ';
const LONG = `${HOSTILE} ${MULTIBYTE.repeat(200)}`.slice(0, 3_800);
const TEN_K = `${HOSTILE} ${'Lorem ipsum dolor sit amet, '.repeat(400)}`.slice(0, 10_000);

/** Only these links may appear in anything the bot renders: they come from config and Graph, never from chat. */
const OUR_LINK_HOSTS = ['learn.microsoft.com', 'portal.azure.com', 'entra.microsoft.com'];

/**
 * The bot runs a whole incident and an elevation with hostile text in every
 * field it echoes (summary, notes, step notes, skip reasons, support case,
 * justification, deny reason, close summary). Every message it produced, and
 * every private reply, is then rendered by both platform renderers, which
 * must leave the text inert: no mention, ping, link, markup or card element.
 */
describe.each([
  ['short hostile text', HOSTILE],
  ['3,800 characters of hostile and multi-byte text', LONG],
])('hostile input in every echoed field: %s', (_name, text) => {
  let tenant: Tenant;
  let bot: TestBot;
  const replies: string[] = [];

  beforeAll(async () => {
    tenant = await startTenant();
    bot = await TestBot.start(tenant);
    const say = async (who: string, line: string) => {
      const reply = await bot.say(who, line);
      replies.push(reply);
      return reply;
    };
    const incident = incidentIdIn(await say('alice', `start ${text}`));
    await say('alice', `note ${text}`);
    await say('alice', `done 2 ${text}`);
    await say('alice', `skip 6 ${text}`);
    const checklist = bot.card(`Break-glass incident ${incident}`, ROOM);
    replies.push(await bot.deliver(bot.action('alice', buttonOn(checklist.message, 'breakglass.support'), { message: checklist, inputs: { reference: text } })));
    const id = requestIdIn(await say('alice', `elevate GA for 30m because ${text}`));
    replies.push(await bot.click('carol', bot.card(`Elevation ${id}:`, APPROVERS), 'elevation.deny', { reason: text }));
    await say('bob', `elevate GA for 30m because ${text}`);
    replies.push(await say('alice', `note ${TEN_K}`));
    await say('alice', `close ${text}`);
  });

  afterAll(async () => {
    await bot.stop();
    await tenant.close();
  });

  /** Every version of every message the bot posted or updated, DMs included, plus each private reply as the adapters send it. */
  function produced(): Message[] {
    const replyMessages = replies.filter(Boolean).map((t) => replyMessage({ text: t, ephemeral: true }));
    return [...bot.chat.messages.flatMap((m) => m.history), ...replyMessages];
  }

  it('the hostile text really was echoed (so the checks below are not vacuous)', () => {
    const all = produced().map((m) => FakeChat.textOf(m)).join('\n');
    expect(produced().length).toBeGreaterThan(15);
    for (const marker of ['<!channel>', '<at>Ivan Admin</at>', '[x](http://evil.example)', '${process.env.SLACK_BOT_TOKEN}', 'Action.OpenUrl']) expect(all).toContain(marker);
    expect(replies.some((r) => /too long/.test(r))).toBe(true);
  });

  it('Slack: no mention, broadcast, channel link or foreign link can form; limits hold', () => {
    for (const message of produced()) {
      const { text: fallback, blocks } = renderBlockKit(message);
      const json = JSON.stringify(blocks);
      for (const t of [fallback, ...slackTexts(blocks)]) {
        const outsideOurLinks = t.replace(/<(https:\/\/[^|<>\s]+)\|[^<>]*>/g, (whole, url: string) => (OUR_LINK_HOSTS.includes(new URL(url.replace(/&amp;/g, '&')).hostname) ? '' : whole));
        expect(outsideOurLinks).not.toMatch(/[<>]/);
      }
      expect(json).not.toMatch(/"url":"https?:\/\/evil/);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const t of slackTexts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
      expect(json).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
      for (const b of blocks) if (b.type === 'actions') for (const e of b.elements) if (e.type === 'button' && e.url) expect(OUR_LINK_HOSTS).toContain(new URL(e.url).hostname);
    }
    for (const reply of replies.filter(Boolean)) expect(slackReplyText({ text: reply, ephemeral: true })).not.toMatch(/[<>]/);
  });

  it('Teams: every markdown character escaped, no element or action but the buttons, no mention, within the size limit', () => {
    for (const message of produced()) {
      const card = renderAdaptiveCard(message);
      for (const s of teamsMarkdown(card)) expect(unescaped(s)).toEqual([]);
      const json = JSON.stringify(card);
      expect(json).not.toContain('"url":"http://evil.example"');
      expect(json).not.toContain('Approved by the CISO"}');
      // A mention needs an entity next to the <at> tag; the renderer never adds one for user text.
      expect(json).not.toContain('"mention"');
      const urls = actionsOf(card).flatMap((a) => (a.type === 'Action.OpenUrl' ? [a.url] : []));
      for (const url of urls) expect(OUR_LINK_HOSTS).toContain(new URL(url).hostname);
      const executes = actionsOf(card).filter((a) => a.type === 'Action.Execute').length;
      expect(executes).toBe((message.buttons ?? []).filter((b) => !b.url).length);
      expect(Buffer.byteLength(json)).toBeLessThanOrEqual(MAX_CARD_BYTES);
      expect(json).not.toContain('\u202E');
    }
  });
});

type SlackBlock = ReturnType<typeof renderBlockKit>['blocks'][number];

function slackTexts(blocks: SlackBlock[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    if (block.type === 'header') out.push(block.text.text);
    if (block.type === 'section') {
      if (block.text) out.push(block.text.text);
      for (const f of block.fields ?? []) out.push(f.text);
    }
    if (block.type === 'context') for (const e of block.elements) if ('text' in e) out.push(e.text);
    if (block.type === 'input') out.push(block.label.text);
    if (block.type === 'actions') for (const e of block.elements) if (e.type === 'button') out.push(e.text.text);
  }
  return out;
}

/** Every string Teams reads as markdown. */
function teamsMarkdown(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (elements: CardElement[]): void => {
    for (const e of elements) {
      if (e.type === 'TextBlock') out.push(e.text);
      if (e.type === 'FactSet') for (const f of e.facts) out.push(f.title, f.value);
      if (e.type === 'Container') walk(e.items);
    }
  };
  walk(card.body);
  for (const a of actionsOf(card)) if (a.type === 'Action.ShowCard') walk(a.card.body);
  return out;
}

function actionsOf(card: AdaptiveCard): CardAction[] {
  const out: CardAction[] = [];
  const visit = (actions: CardAction[]): void => {
    for (const a of actions) {
      out.push(a);
      if (a.type === 'Action.ShowCard') visit(a.card.actions);
    }
  };
  visit(card.actions ?? []);
  const walk = (elements: CardElement[]): void => {
    for (const e of elements) {
      if (e.type === 'ActionSet') visit(e.actions);
      if (e.type === 'Container') walk(e.items);
    }
  };
  walk(card.body);
  return out;
}

/** Characters Teams markdown reads as structure that were not backslash-escaped. */
function unescaped(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if ('[]<>*_`~{}&'.includes(text[i]!)) found.push(text[i]!);
  }
  return found;
}
