import {
  CARD_REFRESH_ACTION_ID,
  INPUT_KEY,
  MAX_CARD_BYTES,
  renderAdaptiveCard,
} from '../../../adapters/teams/adaptive-card-renderer';
import type { AdaptiveCard, CardAction, CardElement } from '../../../adapters/teams/adaptive-card-types';
import type { Button, Message } from '../../../bot/messages/message';
import { SAMPLE_MESSAGES } from '../../fixtures/messages/sample-messages';
import { adaptiveCardProblems } from '../../fixtures/teams/validate-adaptive-card';
import { approvalCard, checklistCard, everyField, HOSTILE_TEXTS, LONG_ASCII, LONG_EMOJI, MULTIBYTE, plainNotice } from '../../fixtures/teams/teams-messages';

/** Every string Teams reads as markdown: TextBlock text, fact titles/values, the card's fallbackText. */
function markdownStrings(card: AdaptiveCard): string[] {
  const out: string[] = card.fallbackText ? [card.fallbackText] : [];
  const walk = (elements: CardElement[]): void => {
    for (const e of elements) {
      if (e.type === 'TextBlock') out.push(e.text);
      if (e.type === 'FactSet') for (const f of e.facts) out.push(f.title, f.value);
      if (e.type === 'Container') walk(e.items);
    }
  };
  walk(card.body);
  for (const a of card.actions ?? []) if (a.type === 'Action.ShowCard') walk(a.card.body);
  return out;
}

function unescapedSpecials(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++;
    // What Teams' card markdown reads as structure; ( ) # | mean nothing there and stay unescaped.
    else if ('[]<>*_`~{}&'.includes(text[i]!)) found.push(text[i]!);
  }
  return found;
}

function allActions(card: AdaptiveCard): CardAction[] {
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

const verbs = (card: AdaptiveCard): string[] => allActions(card).flatMap((a) => (a.type === 'Action.Execute' ? [a.verb] : []));

const approvers = new Map([
  ['aad-approver-1', '29:approver-1'],
  ['aad-approver-2', '29:approver-2'],
]);

describe('renderAdaptiveCard: valid Adaptive Card 1.5', () => {
  test.each<[string, Message, Parameters<typeof renderAdaptiveCard>[1]]>([
    ['approval card, shared view', approvalCard, { teamsUserIds: approvers }],
    ['approval card, approver view', approvalCard, { teamsUserIds: approvers, viewerId: 'aad-approver-1' }],
    ['approval card, nobody known', approvalCard, {}],
    ['checklist card', checklistCard, {}],
    ['plain notice', plainNotice, {}],
    ['hostile text in every field', everyField(Object.values(HOSTILE_TEXTS).join('\n')), {}],
    ['10k ASCII in every field', everyField(LONG_ASCII), {}],
    ['10k emoji in every field', everyField(LONG_EMOJI), {}],
    ['multi-byte text', everyField(MULTIBYTE), {}],
    ['empty message', { blocks: [], fallbackText: '' }, {}],
  ])('%s', (_name, message, options) => {
    const card = renderAdaptiveCard(message, options);
    expect(card.version).toBe('1.5');
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  test('the validator itself rejects a card outside the schema', () => {
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'x', colour: 'red' }] })).not.toEqual([]);
    expect(adaptiveCardProblems({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Marquee', text: 'x' }] })).not.toEqual([]);
  });
});

describe('renderAdaptiveCard: the shared sample messages every renderer is tested on', () => {
  test.each(SAMPLE_MESSAGES.map((s) => [s.name, s.message] as const))('%s: valid, within the size limit, user text inert, links http(s) only', (_name, message) => {
    const card = renderAdaptiveCard(message);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    for (const s of markdownStrings(card)) expect(unescapedSpecials(s)).toEqual([]);
    for (const a of allActions(card)) if (a.type === 'Action.OpenUrl') expect(a.url).toMatch(/^https?:\/\//);
  });
});

describe('renderAdaptiveCard: buttons', () => {
  test('a button is an Action.Execute with verb = actionId and data {value}', () => {
    const card = renderAdaptiveCard(checklistCard);
    expect(card.actions?.[0]).toEqual({ type: 'Action.Execute', title: 'Acknowledge', verb: 'breakglass.ack', data: { value: 'wf-2' }, style: 'positive' });
  });

  test('a url button opens the URL; a non-http URL is dropped', () => {
    const buttons: Button[] = [
      { actionId: 'a', label: 'Docs', value: 'v', url: 'https://learn.microsoft.com/' },
      { actionId: 'b', label: 'Evil', value: 'v', url: 'javascript:alert(1)' },
    ];
    const card = renderAdaptiveCard({ blocks: [], buttons, fallbackText: 'x' });
    expect(card.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Docs', url: 'https://learn.microsoft.com/' }]);
  });

  test('a button with an input opens a required text box whose value travels with the action', () => {
    const card = renderAdaptiveCard(approvalCard);
    const deny = card.actions?.find((a) => a.title === 'Deny');
    expect(deny?.type).toBe('Action.ShowCard');
    if (deny?.type !== 'Action.ShowCard') return;
    const input = deny.card.body[0];
    expect(input).toMatchObject({ type: 'Input.Text', label: 'Reason', isRequired: true, placeholder: 'Why is this denied?' });
    expect(input?.type === 'Input.Text' && INPUT_KEY.exec(input.id)?.[1]).toBe('reason');
    expect(deny.card.actions).toEqual([{ type: 'Action.Execute', title: 'Deny', verb: 'elevation.deny', data: { value: 'wf-1' }, style: 'destructive' }]);
  });

  test('more buttons than an action bar holds are all kept, the rest in action sets', () => {
    const buttons: Button[] = Array.from({ length: 12 }, (_, i) => ({ actionId: `step.${i}`, label: `Step ${i}`, value: 'wf' }));
    const card = renderAdaptiveCard({ blocks: [], buttons, fallbackText: 'x' });
    expect(card.actions).toHaveLength(5);
    expect(new Set(verbs(card))).toEqual(new Set(buttons.map((b) => b.actionId)));
    expect(adaptiveCardProblems(card)).toEqual([]);
  });

  test('two buttons asking for the same input get distinct element ids', () => {
    const input = { id: 'reason', label: 'Reason', required: true };
    const card = renderAdaptiveCard({
      blocks: [],
      buttons: [
        { actionId: 'a', label: 'A', value: 'v', input },
        { actionId: 'b', label: 'B', value: 'v', input },
      ],
      fallbackText: 'x',
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const ids = (card.actions ?? []).map((a) => (a.type === 'Action.ShowCard' && a.card.body[0]?.type === 'Input.Text' ? a.card.body[0].id : ''));
    expect(new Set(ids).size).toBe(2);
  });
});

describe('renderAdaptiveCard: user-specific views', () => {
  test('the shared card hides approver buttons and asks Teams to refresh for the approvers', () => {
    const card = renderAdaptiveCard(approvalCard, { teamsUserIds: approvers });
    expect(verbs(card)).toEqual(['elevation.cancel']);
    expect(card.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: CARD_REFRESH_ACTION_ID, data: { value: 'wf-1' } },
      userIds: ['29:approver-1', '29:approver-2'],
    });
  });

  test("an approver's view has the approve and deny buttons and keeps refreshing", () => {
    const card = renderAdaptiveCard(approvalCard, { teamsUserIds: approvers, viewerId: 'aad-approver-2' });
    expect(verbs(card)).toEqual(['elevation.approve', 'elevation.deny', 'elevation.cancel']);
    expect(card.refresh?.userIds).toEqual(['29:approver-1', '29:approver-2']);
  });

  test('someone not listed sees only the shared buttons', () => {
    const card = renderAdaptiveCard(approvalCard, { teamsUserIds: approvers, viewerId: 'aad-someone-else' });
    expect(verbs(card)).toEqual(['elevation.cancel']);
  });

  test('when a listed user is unknown to the bot, everyone sees every button (the router checks roles at click time)', () => {
    const card = renderAdaptiveCard(approvalCard, { teamsUserIds: new Map([['aad-approver-1', '29:approver-1']]) });
    expect(card.refresh).toBeUndefined();
    expect(verbs(card)).toEqual(['elevation.approve', 'elevation.deny', 'elevation.cancel']);
  });

  test('more than 60 listed users falls back to showing the buttons to everyone', () => {
    const many = Array.from({ length: 61 }, (_, i) => `aad-${i}`);
    const message: Message = { blocks: [], buttons: [{ actionId: 'vote', label: 'Vote', value: 'wf', visibleTo: many }], fallbackText: 'x' };
    const card = renderAdaptiveCard(message, { teamsUserIds: new Map(many.map((id) => [id, `29:${id}`])) });
    expect(card.refresh).toBeUndefined();
    expect(verbs(card)).toEqual(['vote']);
    const sixty = renderAdaptiveCard({ ...message, buttons: [{ actionId: 'vote', label: 'Vote', value: 'wf', visibleTo: many.slice(0, 60) }] }, { teamsUserIds: new Map(many.map((id) => [id, `29:${id}`])) });
    expect(sixty.refresh?.userIds).toHaveLength(60);
  });

  test('a button visible to nobody is never shown', () => {
    const card = renderAdaptiveCard({ blocks: [], buttons: [{ actionId: 'x', label: 'X', value: 'v', visibleTo: [] }], fallbackText: 'x' });
    expect(card.actions).toBeUndefined();
  });
});

describe('renderAdaptiveCard: user text stays inert', () => {
  const hostile = Object.values(HOSTILE_TEXTS).join('\n');
  const card = renderAdaptiveCard(everyField(hostile));

  test('no markdown-significant character is left unescaped in any markdown field', () => {
    const strings = markdownStrings(card);
    expect(strings.length).toBeGreaterThanOrEqual(8);
    for (const s of strings) expect(unescapedSpecials(s)).toEqual([]);
  });

  test('card JSON inside text does not add actions or elements', () => {
    const actions = allActions(card);
    expect(actions.map((a) => a.type)).toEqual(['Action.ShowCard', 'Action.Execute', 'Action.OpenUrl']);
    expect(actions.filter((a) => a.type === 'Action.OpenUrl').map((a) => (a.type === 'Action.OpenUrl' ? a.url : ''))).toEqual(['https://example.com/']);
    expect(JSON.stringify(card)).not.toContain('"url":"http://evil.example"');
  });

  test('the text still reads as typed (escapes only)', () => {
    const body = card.body.find((e) => e.type === 'TextBlock');
    // Each line is its own paragraph (a blank line between), as Teams needs.
    expect(body?.type === 'TextBlock' && body.text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\n\n/g, '\n')).toBe(hostile.replace('\u202E', '').replace(/\n+/g, '\n'));
  });
});

describe('renderAdaptiveCard: size', () => {
  test.each([
    ['10k ASCII', LONG_ASCII],
    ['10k emoji', LONG_EMOJI],
  ])('%s in every field fits the Teams message size and is visibly cut', (_name, text) => {
    const card = renderAdaptiveCard(everyField(text));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(MAX_CARD_BYTES);
    const main = card.body.find((e) => e.type === 'TextBlock');
    expect(main?.type === 'TextBlock' && main.text.endsWith('…')).toBe(true);
  });

  test('a long single text keeps as much as fits', () => {
    const card = renderAdaptiveCard({ blocks: [{ kind: 'text', text: LONG_ASCII }], fallbackText: 'x' });
    const main = card.body[0];
    expect(main?.type === 'TextBlock' && main.text.length).toBe(3000);
  });
});

describe('renderAdaptiveCard: layout', () => {
  test('header tone maps to a container style and the label is shown', () => {
    const card = renderAdaptiveCard(approvalCard);
    expect(card.body[0]).toMatchObject({ type: 'Container', style: 'warning', items: [{ text: 'DRILL' }, { text: 'Elevation request: Global Administrator for 1h' }] });
  });

  test('a divider draws a separator above the next block', () => {
    const card = renderAdaptiveCard(approvalCard);
    const link = card.body.find((e) => e.type === 'ActionSet');
    expect(link?.separator).toBe(true);
  });

  test('checklist steps show their state in words, owner and note underneath', () => {
    const card = renderAdaptiveCard(checklistCard);
    const list = card.body[1];
    const texts = list?.type === 'Container' ? list.items.map((i) => (i.type === 'TextBlock' ? i.text : '')) : [];
    expect(texts).toEqual([
      '✅ 1. Confirm the outage — done',
      'Owner: Sam',
      '🔄 2. Retrieve the emergency credential — in progress',
      'from the safe',
      '⬜ 3. Sign in with the emergency account — to do',
      '⏭️ 4. Open a support case — skipped',
      'not needed',
      '❌ 5. Revert the CA policy — failed',
    ]);
  });
});
