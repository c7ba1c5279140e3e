import type { Message, Reply, StepState } from './message';

const STATE_WORD: Record<StepState, string> = { pending: 'to do', in_progress: 'in progress', done: 'done', skipped: 'skipped', failed: 'failed' };

/** A message as plain lines, for replies that can only carry text. */
export function messageToText(message: Message): string {
  const lines: string[] = [];
  if (message.header) lines.push(`${message.header.label ? `[${message.header.label}] ` : ''}${message.header.title}`);
  for (const block of message.blocks) {
    if (block.kind === 'text') lines.push(block.text);
    if (block.kind === 'facts') lines.push(...block.facts.map((f) => `${f.label}: ${f.value}`));
    if (block.kind === 'checklist') {
      lines.push(...block.items.map((i) => `${i.n}. ${i.title} (${STATE_WORD[i.state]}${i.owner ? `, ${i.owner}` : ''})${i.note ? ` ${i.note}` : ''}`));
    }
    if (block.kind === 'link') lines.push(`${block.text}: ${block.url}`);
    if (block.kind === 'mention') lines.push(`@${block.name} ${block.text}`);
  }
  if (message.context) lines.push(message.context);
  return lines.join('\n');
}

/** A reply as one plain line, a refusal's reference at the end (Teams, the playground; Slack escapes its own). */
export function replyLine(reply: Reply): string {
  return reply.correlationId ? `${reply.text} (ref ${reply.correlationId})` : reply.text;
}
