import type { types } from '@slack/bolt';
import type { Block, ChecklistItem, StepState } from '../../bot/messages/message';
import { SLACK_LIMITS } from './block-kit-limits';
import { escapeWithin } from './mrkdwn-text';
import { mrkdwnUrl } from './safe-url';

type SlackBlock = types.KnownBlock;

export const STEP_EMOJI: Record<StepState, string> = {
  pending: '⬜',
  in_progress: '🔄',
  done: '✅',
  skipped: '⏭️',
  failed: '❌',
};

/**
 * mrkdwn with `verbatim: true`: Slack still renders our own bold/links but
 * does not auto-link URLs, channel names or mentions found in the text.
 */
export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

export function plain(text: string, max: number): types.PlainTextElement {
  return { type: 'plain_text', text: escapeWithin(text.trim() === '' ? '-' : text, max), emoji: true };
}

/** One neutral block becomes zero or more Slack blocks. */
export function renderContentBlock(block: Block): SlackBlock[] {
  switch (block.kind) {
    case 'text':
      return block.text.trim() === '' ? [] : [section(escapeWithin(block.text, SLACK_LIMITS.textObject))];
    case 'facts':
      return renderFacts(block.facts);
    case 'checklist':
      return renderChecklist(block.items);
    case 'link': {
      const url = mrkdwnUrl(block.url);
      const label = block.text.trim() === '' ? block.url : block.text;
      // Room for `<url|` and `>` comes out of the text budget; a URL too long to leave room is not linked.
      const budget = SLACK_LIMITS.textObject - (url?.length ?? 0) - 3;
      const text = url && budget >= 40 ? `<${url}|${escapeWithin(label, budget)}>` : escapeWithin(label, SLACK_LIMITS.textObject);
      return text.trim() === '' ? [] : [section(text)];
    }
    case 'mention': {
      // Only a well-formed Slack user id becomes a mention; anything else is shown as the name.
      const who = SLACK_USER_ID.test(block.userId) ? `<@${block.userId}>` : escapeWithin(block.name, 200);
      return [section(`${who} ${escapeWithin(block.text, SLACK_LIMITS.textObject - who.length - 1)}`)];
    }
    case 'divider':
      return [{ type: 'divider' }];
  }
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,20}$/;

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function renderFacts(facts: Array<{ label: string; value: string }>): SlackBlock[] {
  const fields = facts.map(({ label, value }) => {
    const head = `*${escapeWithin(label, 200)}*\n`;
    return mrkdwn(head + escapeWithin(value.trim() === '' ? '-' : value, SLACK_LIMITS.field - head.length));
  });
  const blocks: SlackBlock[] = [];
  for (let i = 0; i < fields.length; i += SLACK_LIMITS.fieldsPerSection) {
    blocks.push({ type: 'section', fields: fields.slice(i, i + SLACK_LIMITS.fieldsPerSection) });
  }
  return blocks;
}

function checklistLine(item: ChecklistItem): string {
  const owner = item.owner ? ` - ${escapeWithin(item.owner, 200)}` : '';
  const head = `${STEP_EMOJI[item.state]} *${item.n}.* ${escapeWithin(item.title, 500)}${owner}`;
  return item.note ? `${head}\n      ${escapeWithin(item.note, 1000)}` : head;
}

/** Lines packed into as few sections as fit the per-text limit. */
function renderChecklist(items: ChecklistItem[]): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  let current = '';
  for (const line of items.map(checklistLine)) {
    if (current && current.length + 1 + line.length > SLACK_LIMITS.textObject) {
      blocks.push(section(current));
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) blocks.push(section(current));
  return blocks;
}
