import type { types } from '@slack/bolt';
import { renderBlockKit } from '../../../adapters/slack/block-kit-renderer';
import { escapeSlackText } from '../../../adapters/slack/mrkdwn-text';
import type { Message } from '../../../bot/messages/message';
import { INJECTION_STRINGS, LONG_TEXT, MULTIBYTE_TEXT, SAMPLE_MESSAGES, sampleMessage } from '../../fixtures/messages/sample-messages';

type AnyBlock = types.KnownBlock;

/** Every text object in a rendered message, with where it sits and its Slack limit. */
function textsOf(blocks: AnyBlock[]): Array<{ where: string; text: string; max: number }> {
  const out: Array<{ where: string; text: string; max: number }> = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'header':
        out.push({ where: 'header', text: block.text.text, max: 150 });
        break;
      case 'section':
        if (block.text) out.push({ where: 'section', text: block.text.text, max: 3000 });
        for (const f of block.fields ?? []) out.push({ where: 'field', text: f.text, max: 2000 });
        break;
      case 'context':
        for (const e of block.elements) if ('text' in e) out.push({ where: 'context', text: e.text, max: 3000 });
        break;
      case 'actions':
        for (const e of block.elements) if (e.type === 'button') out.push({ where: 'button', text: e.text.text, max: 75 });
        break;
      case 'input':
        out.push({ where: 'input label', text: block.label.text, max: 2000 });
        if (block.element.type === 'plain_text_input' && block.element.placeholder) out.push({ where: 'placeholder', text: block.element.placeholder.text, max: 150 });
        break;
      default:
        break;
    }
  }
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('Block Kit renderer: Slack limits hold for every sample message', () => {
  it.each(SAMPLE_MESSAGES.map((s) => [s.name, s.message] as const))('%s', (_name, message) => {
    const { text, blocks } = renderBlockKit(message);
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThanOrEqual(3000);
    for (const t of [...textsOf(blocks), { where: 'fallback', text, max: 3000 }]) {
      expect({ where: t.where, tooLong: t.text.length > t.max, empty: t.text.length === 0, broken: LONE_SURROGATE.test(t.text) }).toEqual({
        where: t.where,
        tooLong: false,
        empty: false,
        broken: false,
      });
    }
    for (const block of blocks) {
      if (block.type === 'section') expect((block.fields ?? []).length).toBeLessThanOrEqual(10);
      if (block.type === 'actions') expect(block.elements.length).toBeLessThanOrEqual(5);
    }
    const blockIds = blocks.map((b) => b.block_id).filter(Boolean);
    expect(new Set(blockIds).size).toBe(blockIds.length);
  });
});

describe('Block Kit renderer: user text is inert', () => {
  const OUR_LINK = /<(https:\/\/learn\.microsoft\.com\/[^|<>\s]*)\|[^<>]*>/g;

  it('leaves no raw < or > anywhere except the configured link, so no mention, ping or hidden link can form', () => {
    const { text, blocks } = renderBlockKit(sampleMessage('hostile text everywhere'));
    const all = [...textsOf(blocks).map((t) => t.text), text];
    for (const t of all) {
      expect(t.replace(OUR_LINK, '')).not.toMatch(/[<>]/);
    }
    const joined = JSON.stringify(blocks);
    for (const s of ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<#C0123|general>', '<https://evil.example|click>', '<script>']) {
      expect(joined).not.toContain(s);
    }
  });

  it.each(INJECTION_STRINGS.map((s) => [s]))('shows %s as the same characters, escaped', (s) => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'text', text: `Justification: ${s}` }], fallbackText: s });
    const section = blocks[0] as types.SectionBlock;
    expect(section.text).toEqual({ type: 'mrkdwn', text: `Justification: ${escapeSlackText(s)}`, verbatim: true });
  });

  it('escapes & first, so text that is already escaped stays visible as typed', () => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'text', text: 'a & b &lt;c&gt;' }], fallbackText: 'x' });
    expect((blocks[0] as types.SectionBlock).text?.text).toBe('a &amp; b &amp;lt;c&amp;gt;');
  });

  it('turns off Slack auto-linking of URLs, channels and mentions in every mrkdwn text', () => {
    const { blocks } = renderBlockKit(sampleMessage('checklist card'));
    const mrkdwns = JSON.stringify(blocks).match(/"type":"mrkdwn"[^}]*}/g) ?? [];
    expect(mrkdwns.length).toBeGreaterThan(3);
    for (const m of mrkdwns) expect(m).toContain('"verbatim":true');
  });

  it('escapes the label and title inside the header too', () => {
    const { blocks, text } = renderBlockKit(sampleMessage('hostile text everywhere'));
    const header = blocks[0] as types.HeaderBlock;
    expect(header.text.text.startsWith('⚠️ [&lt;!here&gt;] Request from &lt;!channel&gt;')).toBe(true);
    expect(text.startsWith('[&lt;!here&gt;] &lt;!channel&gt;')).toBe(true);
  });
});

describe('Block Kit renderer: long and multi-byte text', () => {
  it('cuts a 10,000-character text to one 3000-character section ending in an ellipsis', () => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'text', text: LONG_TEXT }], fallbackText: LONG_TEXT });
    const t = (blocks[0] as types.SectionBlock).text!.text;
    expect(t.length).toBeLessThanOrEqual(3000);
    expect(t.length).toBeGreaterThan(2900);
    expect(t.endsWith('…')).toBe(true);
    expect(LONG_TEXT.startsWith(t.slice(0, -1))).toBe(true);
  });

  it('cuts multi-byte text between graphemes, never inside an emoji sequence or flag', () => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'text', text: MULTIBYTE_TEXT }], fallbackText: 'x' });
    const kept = (blocks[0] as types.SectionBlock).text!.text.slice(0, -1);
    expect(MULTIBYTE_TEXT.startsWith(kept)).toBe(true);
    const boundaries = new Set<number>([0]);
    let at = 0;
    for (const { segment } of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(MULTIBYTE_TEXT)) boundaries.add((at += segment.length));
    expect(boundaries.has(kept.length)).toBe(true);
  });

  it('never cuts an escape sequence in half', () => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'text', text: '<'.repeat(2000) }], fallbackText: 'x' });
    const t = (blocks[0] as types.SectionBlock).text!.text;
    expect(t).toMatch(/^(&lt;)+…$/);
    expect(t.length).toBeLessThanOrEqual(3000);
  });
});

describe('Block Kit renderer: structure', () => {
  it('puts tone emoji and DRILL label in the header and the notification text', () => {
    const { blocks, text } = renderBlockKit(sampleMessage('drill card'));
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'ℹ️ [DRILL] Break-glass drill', emoji: true } });
    expect(text).toBe('[DRILL] Break-glass drill started');
    expect((renderBlockKit(sampleMessage('checklist card')).blocks[0] as types.HeaderBlock).text.text.startsWith('🚨 ')).toBe(true);
    expect((renderBlockKit(sampleMessage('simulated card')).blocks[0] as types.HeaderBlock).text.text).toBe('⚠️ [SIMULATED] Sign-in alert: emergency account used');
  });

  it('renders facts as bold-labelled fields, ten per section', () => {
    const facts = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `v${i}` }));
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'facts', facts }], fallbackText: 'x' });
    expect(blocks.map((b) => (b as types.SectionBlock).fields?.length)).toEqual([10, 10, 3]);
    expect((blocks[0] as types.SectionBlock).fields![0]).toEqual({ type: 'mrkdwn', text: '*L0*\nv0', verbatim: true });
  });

  it('shows each checklist step with its state, owner and note', () => {
    const { blocks } = renderBlockKit(sampleMessage('checklist card'));
    const checklist = blocks.map((b) => (b.type === 'section' ? (b.text?.text ?? '') : '')).find((t) => t.includes('*1.*'))!;
    expect(checklist.split('\n')).toEqual([
      '✅ *1.* Confirm the outage is real - Dana Park',
      '      Portal returns AADSTS50076 for every admin',
      '🔄 *2.* Retrieve the emergency credential - Sam Lee',
      '⬜ *3.* Sign in with the emergency account',
      '⬜ *4.* Fix the conditional access policy',
      '⏭️ *5.* Notify the security officers',
      '      Already on the bridge',
      '❌ *6.* Rotate the emergency credential',
      '      Graph returned 403',
    ]);
  });

  it('links only http(s) URLs; other schemes show their text without a link', () => {
    const ok = renderBlockKit(sampleMessage('checklist card')).blocks.find((b) => b.type === 'section' && b.text?.text.startsWith('<https://')) as types.SectionBlock;
    expect(ok.text!.text).toBe('<https://learn.microsoft.com/entra/identity/role-based-access-control/security-emergency-access|Emergency access playbook>');
    const { blocks } = renderBlockKit(sampleMessage('hostile links'));
    expect(blocks.map((b) => (b as types.SectionBlock).text?.text)).toEqual(['Run me', 'Slack deep link', 'Not a URL']);
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('encodes | < > and escapes & inside a link URL so it cannot end the link early', () => {
    const { blocks } = renderBlockKit({ blocks: [{ kind: 'link', text: 'x', url: 'https://learn.microsoft.com/a?b=1&c=<2>|3' }], fallbackText: 'x' });
    expect((blocks[0] as types.SectionBlock).text!.text).toBe('<https://learn.microsoft.com/a?b=1&amp;c=%3C2%3E%7C3|x>');
  });

  it('renders buttons with action id, value and style; link buttons with their URL', () => {
    const { blocks } = renderBlockKit(sampleMessage('elevation approval'));
    const actions = blocks.find((b) => b.type === 'actions') as types.ActionsBlock;
    expect(actions.elements).toEqual([
      { type: 'button', text: { type: 'plain_text', text: 'Approve', emoji: true }, style: 'primary', action_id: 'elevation.approve', value: 'wf-el-7' },
      { type: 'button', text: { type: 'plain_text', text: 'Deny', emoji: true }, style: 'danger', action_id: 'elevation.deny', value: 'wf-el-7' },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open in PIM', emoji: true },
        action_id: 'open-url:2',
        url: 'https://portal.azure.com/#view/Microsoft_Azure_PIMCommon/ApproveRequestMenuBlade',
      },
    ]);
  });

  it('puts a required text box for a button that needs input above the buttons', () => {
    const { blocks } = renderBlockKit(sampleMessage('elevation approval'));
    const inputAt = blocks.findIndex((b) => b.type === 'input');
    const actionsAt = blocks.findIndex((b) => b.type === 'actions');
    expect(inputAt).toBeGreaterThan(-1);
    expect(inputAt).toBeLessThan(actionsAt);
    expect(blocks[inputAt]).toEqual({
      type: 'input',
      block_id: 'bg-input:elevation.deny:reason',
      optional: false,
      label: { type: 'plain_text', text: 'Reason for denying', emoji: true },
      element: { type: 'plain_text_input', action_id: 'reason', max_length: 3000, placeholder: { type: 'plain_text', text: 'Why is this denied?', emoji: true } },
    });
  });

  it('splits many buttons into rows of five and keeps repeated action ids unique', () => {
    const buttons = Array.from({ length: 12 }, (_, i) => ({ actionId: 'breakglass.step.done', label: `Step ${i + 1}`, value: `wf:${i + 1}` }));
    const { blocks } = renderBlockKit({ blocks: [], buttons, fallbackText: 'x' });
    const rows = blocks.filter((b): b is types.ActionsBlock => b.type === 'actions');
    expect(rows.map((r) => r.elements.length)).toEqual([5, 5, 2]);
    const ids = rows.flatMap((r) => r.elements.map((e) => (e as types.Button).action_id));
    expect(ids.slice(0, 3)).toEqual(['breakglass.step.done', 'breakglass.step.done#2', 'breakglass.step.done#3']);
    expect(new Set(ids).size).toBe(12);
  });

  it('keeps buttons and the context line when the body is over 50 blocks, and says what was left out', () => {
    const { blocks } = renderBlockKit(sampleMessage('oversized'));
    expect(blocks).toHaveLength(50);
    expect(blocks.filter((b) => b.type === 'actions')).toHaveLength(3);
    const last = blocks[49] as types.ContextBlock;
    expect(last.type).toBe('context');
    expect((last.elements[0] as types.MrkdwnElement).text.startsWith('Lorem ipsum')).toBe(true);
    const notice = blocks.find((b) => b.type === 'context' && JSON.stringify(b).includes('not shown'));
    expect(notice).toBeDefined();
  });

  it('renders a message without header, buttons or context as just its body', () => {
    const m: Message = { blocks: [{ kind: 'text', text: 'hello' }, { kind: 'divider' }], fallbackText: 'hello' };
    expect(renderBlockKit(m)).toEqual({ text: 'hello', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello', verbatim: true } }, { type: 'divider' }] });
  });
});
