import { breakGlassDefinition } from '../../../../bot/messages/break-glass/definition';
import type { Block, Message } from '../../../../bot/messages/message';
import type { BreakGlassContext } from '../../../../workflows/break-glass/context';
import { effectsOf, type Step } from '../../workflows/break-glass/drive';

/** Renders every chat effect of a transition the way the runtime does: against the context it committed. */
export function renderChat(step: Step): Array<{ view: string; message: Message }> {
  const context = step.snapshot.context as BreakGlassContext;
  return effectsOf(step.actions).flatMap((e) => {
    if (e.type !== 'chat.card' && e.type !== 'chat.notice') return [];
    const view = breakGlassDefinition.views[e.params.view];
    if (!view) throw new Error(`no view named ${e.params.view}`);
    return [{ view: e.params.view, message: view(context, e.params.data) }];
  });
}

export function render(view: string, context: BreakGlassContext, data?: Record<string, unknown>): Message {
  const builder = breakGlassDefinition.views[view];
  if (!builder) throw new Error(`no view named ${view}`);
  return builder(context, data);
}

/** All the words a reader sees, for content assertions without snapshots. */
export function allText(message: Message): string {
  const parts: string[] = [message.header?.title ?? '', message.fallbackText, message.context ?? ''];
  for (const b of message.blocks) parts.push(blockText(b));
  for (const btn of message.buttons ?? []) parts.push(btn.label);
  if (message.attachment) parts.push(message.attachment.title, message.attachment.text);
  return parts.join('\n');
}

function blockText(b: Block): string {
  switch (b.kind) {
    case 'text':
      return b.text;
    case 'facts':
      return b.facts.map((f) => `${f.label}: ${f.value}`).join('\n');
    case 'checklist':
      return b.items.map((i) => `${i.n} ${i.title} ${i.state} ${i.owner ?? ''} ${i.note ?? ''}`).join('\n');
    case 'link':
      return `${b.text} ${b.url}`;
    case 'mention':
      return `@${b.name} ${b.text}`;
    case 'divider':
      return '';
  }
}
