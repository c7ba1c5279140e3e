import type { Block, Button, ChecklistItem, Message, StepState, Tone } from '../../bot/messages/message';
import type { AdaptiveCard, CardAction, CardElement, ContainerStyle, ExecuteAction, MentionEntity, TextBlock } from './adaptive-card-types';
import { inertParagraphs, inertText, safeHttpUrl, truncatePlain } from './teams-text';

/**
 * The verb of the card's `refresh` action. Teams sends it (trigger
 * `automatic`) when a listed user opens the card; the endpoint turns it into
 * an ActionEvent with this actionId and the card's routing value, and the
 * answer is that user's view of the card.
 */
export const CARD_REFRESH_ACTION_ID = 'card.refresh';

/** Typed inputs arrive in Action.Execute `data` under `input.<button>.<id>`. */
export const INPUT_KEY = /^input\.\d+\.(.+)$/;

/** The Adaptive Cards default host config renders at most this many actions per action bar. */
export const MAX_ACTIONS_PER_BAR = 5;

/** Teams shows a user-specific view to at most this many users per card. */
export const MAX_REFRESH_USERS = 60;

/**
 * Teams refuses activities much over 28 KB; the card is most of one. Leave
 * room for the activity envelope around it.
 */
export const MAX_CARD_BYTES = 24_000;

export interface RenderOptions {
  /** Entra object id of the viewer this card is rendered for (an automatic refresh). */
  viewerId?: string;
  /**
   * Teams user ids (`29:…`) by Entra object id. `refresh.userIds` takes Teams
   * ids, so a viewer the bot has never met cannot get a user-specific view.
   */
  teamsUserIds?: ReadonlyMap<string, string>;
}

const TONE_STYLE: Record<Tone, ContainerStyle> = { info: 'accent', good: 'good', warning: 'warning', danger: 'attention' };

const STEP_ICON: Record<StepState, string> = { pending: '⬜', in_progress: '🔄', done: '✅', skipped: '⏭️', failed: '❌' };
const STEP_WORD: Record<StepState, string> = { pending: 'to do', in_progress: 'in progress', done: 'done', skipped: 'skipped', failed: 'failed' };

/** Lengths in UTF-16 units before escaping, at scale 1. */
const LIMITS = {
  title: 200,
  label: 40,
  text: 3000,
  factLabel: 100,
  factValue: 1000,
  step: 300,
  stepNote: 500,
  link: 200,
  context: 500,
  fallback: 1000,
  button: 60,
  inputLabel: 100,
  placeholder: 150,
  attachment: 16_000,
};
type Limits = typeof LIMITS;

/**
 * Neutral message -> Adaptive Card 1.5. Pure. Every string from the message is
 * plain text: markdown-capable fields are escaped, action titles and input
 * labels (never markdown) are only cut to length. Objects are built, never
 * JSON strings, so text that looks like card JSON stays a string.
 */
export function renderAdaptiveCard(message: Message, options: RenderOptions = {}): AdaptiveCard {
  let card = renderAtScale(message, options, 1);
  // Long user text shrinks every field proportionally until the card fits.
  for (let scale = 0.5; byteLength(card) > MAX_CARD_BYTES && scale >= 1 / 64; scale /= 2) {
    card = renderAtScale(message, options, scale);
  }
  return card;
}

function byteLength(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

function renderAtScale(message: Message, options: RenderOptions, scale: number): AdaptiveCard {
  const limits = Object.fromEntries(Object.entries(LIMITS).map(([k, v]) => [k, Math.max(8, Math.floor(v * scale))])) as Limits;
  const body: CardElement[] = [];
  if (message.header && (message.header.title || message.header.label)) body.push(header(message.header, limits));

  let separateNext = false;
  const mentions: MentionEntity[] = [];
  for (const block of message.blocks) {
    if (block.kind === 'divider') {
      separateNext = true;
      continue;
    }
    const element = block.kind === 'mention' ? mentionBlock(block, limits, mentions) : renderBlock(block, limits);
    if (!element) continue;
    if (separateNext) element.separator = true;
    separateNext = false;
    body.push(element);
  }
  const { actions, refresh } = renderButtons(message.buttons ?? [], options, limits);
  if (message.attachment) actions.push(attachmentAction(message.attachment, limits));
  // Buttons past the action bar's limit go into action sets above the footer.
  for (let i = MAX_ACTIONS_PER_BAR; i < actions.length; i += MAX_ACTIONS_PER_BAR) {
    body.push({ type: 'ActionSet', actions: actions.slice(i, i + MAX_ACTIONS_PER_BAR) });
  }
  if (message.context) {
    body.push({ type: 'TextBlock', text: inertText(message.context, limits.context), wrap: true, size: 'Small', isSubtle: true, separator: true });
  }

  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
  };
  if (message.fallbackText) card.fallbackText = inertText(message.fallbackText, limits.fallback);
  if (refresh) card.refresh = refresh;
  if (actions.length > 0) card.actions = actions.slice(0, MAX_ACTIONS_PER_BAR);
  if (mentions.length > 0) card.msteams = { entities: mentions };
  return card;
}

/**
 * A bot cannot put a file into a Teams channel through the Bot Connector (file consent cards are
 * for 1:1 chats only), so the full text sits behind a button on the card itself: Action.ShowCard,
 * one paragraph per line.
 */
function attachmentAction(attachment: NonNullable<Message['attachment']>, limits: Limits): CardAction {
  return {
    type: 'Action.ShowCard',
    title: truncatePlain(attachment.title, limits.button),
    card: { type: 'AdaptiveCard', body: [{ type: 'TextBlock', text: inertParagraphs(attachment.text, limits.attachment), wrap: true, size: 'Small' }], actions: [] },
  };
}

/**
 * `<at>name</at>` followed by the text, with the entity Teams needs to make it a mention. The
 * name is escaped like any text, so it cannot close the tag; the entity repeats it exactly.
 */
function mentionBlock(block: Extract<Block, { kind: 'mention' }>, limits: Limits, mentions: MentionEntity[]): TextBlock {
  const tag = `<at>${inertText(block.name, limits.factLabel)}</at>`;
  if (!mentions.some((m) => m.text === tag && m.mentioned.id === block.userId)) mentions.push({ type: 'mention', text: tag, mentioned: { id: block.userId, name: block.name } });
  return { type: 'TextBlock', text: `${tag} ${inertParagraphs(block.text, limits.text)}`, wrap: true };
}

function header(h: NonNullable<Message['header']>, limits: Limits): CardElement {
  const items: TextBlock[] = [];
  if (h.label) items.push({ type: 'TextBlock', text: inertText(h.label, limits.label), wrap: true, size: 'Small', weight: 'Bolder', color: 'Attention' });
  if (h.title) items.push({ type: 'TextBlock', text: inertText(h.title, limits.title), wrap: true, size: 'Medium', weight: 'Bolder' });
  return { type: 'Container', style: h.tone ? TONE_STYLE[h.tone] : 'emphasis', items };
}

function renderBlock(block: Exclude<Block, { kind: 'divider' | 'mention' }>, limits: Limits): CardElement | undefined {
  switch (block.kind) {
    case 'text':
      return block.text ? { type: 'TextBlock', text: inertParagraphs(block.text, limits.text), wrap: true } : undefined;
    case 'facts':
      if (block.facts.length === 0) return undefined;
      return {
        type: 'FactSet',
        // A fact needs both parts; an empty one shows as a dash.
        facts: block.facts.map((f) => ({ title: inertText(f.label || '—', limits.factLabel), value: inertText(f.value || '—', limits.factValue) })),
      };
    case 'checklist':
      if (block.items.length === 0) return undefined;
      return { type: 'Container', items: block.items.flatMap((item) => checklistItem(item, limits)) };
    case 'link': {
      const url = safeHttpUrl(block.url);
      // An action needs a title; an empty link text shows the host it goes to.
      const title = truncatePlain(block.text || (url ? new URL(url).host : '—'), limits.link);
      // A button, not a markdown link: the URL is never parsed out of text.
      if (url) return { type: 'ActionSet', actions: [{ type: 'Action.OpenUrl', title, url }] };
      return { type: 'TextBlock', text: inertText(block.text, limits.link), wrap: true };
    }
  }
}

function checklistItem(item: ChecklistItem, limits: Limits): TextBlock[] {
  const line: TextBlock = {
    type: 'TextBlock',
    text: `${STEP_ICON[item.state]} ${item.n}. ${inertText(item.title, limits.step)} — ${STEP_WORD[item.state]}`,
    wrap: true,
  };
  if (item.state === 'done') line.color = 'Good';
  if (item.state === 'failed') line.color = 'Attention';
  const details = [item.owner ? `Owner: ${item.owner}` : undefined, item.note].filter((s): s is string => Boolean(s));
  if (details.length === 0) return [line];
  return [line, { type: 'TextBlock', text: inertText(details.join(' · '), limits.stepNote), wrap: true, size: 'Small', isSubtle: true, spacing: 'None' }];
}

/**
 * Buttons with `visibleTo` are shown through Teams' user-specific views: the
 * shared card carries only the buttons everyone may see plus a `refresh`
 * listing the Teams ids of the users who see more; each of them gets their own
 * view from the refresh invoke. When that cannot work (a listed user the bot
 * has never met, or more than 60 of them) the buttons are shown to everyone:
 * visibility is convenience, the router re-checks the clicker's role anyway.
 */
function renderButtons(buttons: Button[], options: RenderOptions, limits: Limits): { actions: CardAction[]; refresh?: AdaptiveCard['refresh'] } {
  const restricted = buttons.filter((b) => b.visibleTo !== undefined && b.visibleTo.length > 0);
  const audience = [...new Set(restricted.flatMap((b) => b.visibleTo ?? []))];
  const teamsIds = audience.map((id) => options.teamsUserIds?.get(id));
  const userSpecific = restricted.length > 0 && audience.length <= MAX_REFRESH_USERS && teamsIds.every((id) => id !== undefined);

  const actions: CardAction[] = [];
  buttons.forEach((button, index) => {
    if (button.visibleTo !== undefined) {
      if (button.visibleTo.length === 0) return;
      if (userSpecific && (options.viewerId === undefined || !button.visibleTo.includes(options.viewerId))) return;
    }
    const action = renderButton(button, index, limits);
    if (action) actions.push(action);
  });

  const first = restricted[0];
  if (!userSpecific || !first) return { actions };
  return {
    actions,
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: CARD_REFRESH_ACTION_ID, data: { value: first.value } },
      userIds: teamsIds.filter((id): id is string => id !== undefined),
    },
  };
}

function renderButton(button: Button, index: number, limits: Limits): CardAction | undefined {
  const title = truncatePlain(button.label || (button.url !== undefined ? 'Open link' : 'Continue'), limits.button);
  if (button.url !== undefined) {
    const url = safeHttpUrl(button.url);
    return url ? { type: 'Action.OpenUrl', title, url } : undefined;
  }
  const execute: ExecuteAction = { type: 'Action.Execute', title, verb: button.actionId, data: { value: button.value } };
  const style = button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  if (style) execute.style = style;
  if (!button.input) return execute;

  // The input lives in its own show-card so a required reason for "Deny" is
  // not demanded when someone clicks "Approve".
  const input = button.input;
  const label = truncatePlain(input.label, limits.inputLabel);
  return {
    type: 'Action.ShowCard',
    title,
    ...(style ? { style } : {}),
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.Text',
          id: `input.${index}.${input.id}`,
          label,
          ...(input.required ? { isRequired: true, errorMessage: truncatePlain(`${input.label} is required.`, limits.inputLabel) } : {}),
          ...(input.placeholder ? { placeholder: truncatePlain(input.placeholder, limits.placeholder) } : {}),
          isMultiline: true,
          maxLength: 1000,
        },
      ],
      actions: [execute],
    },
  };
}
