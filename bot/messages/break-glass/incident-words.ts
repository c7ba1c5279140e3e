import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { stepDefinition, type StepNumber } from '../../../workflows/break-glass/step-catalogue';
import type { Block, Button, Message, Tone } from '../message';

/** Epoch ms -> '03:12 UTC': everyone on the call reads the same clock. */
export function clock(ms: number): string {
  return `${new Date(ms).toISOString().slice(11, 16)} UTC`;
}

/** Epoch ms -> '2025-03-03 03:12 UTC', for the incident's start and anything on another day. */
export function dateTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** ['a'] -> 'a'; ['a', 'b', 'c'] -> 'a, b and c'. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? 'nobody';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function stepName(n: StepNumber): string {
  return `Step ${n} (${stepDefinition(n).title})`;
}

export function footer(context: BreakGlassContext): string {
  return `Incident ${context.incidentId} · commander ${context.commander.name} · started ${dateTime(context.startedAt)}`;
}

interface MessageParts {
  title: string;
  tone: Tone;
  blocks: Block[];
  buttons?: Button[];
  fallbackText: string;
}

/**
 * Every break-glass message goes through here so none can miss the DRILL
 * label: in the header for cards, at the front of the plain-text fallback
 * that notifications show.
 */
export function incidentMessage(context: BreakGlassContext, parts: MessageParts): Message {
  const drill = context.drill;
  return {
    header: { title: parts.title, tone: parts.tone, ...(drill ? { label: 'DRILL' } : {}) },
    blocks: parts.blocks,
    ...(parts.buttons && parts.buttons.length > 0 ? { buttons: parts.buttons } : {}),
    context: drill ? `DRILL · ${footer(context)}` : footer(context),
    fallbackText: `${drill ? '[DRILL] ' : ''}${parts.fallbackText}`,
  };
}

export function stepOfData(data: Record<string, unknown> | undefined): StepNumber | undefined {
  const n = data?.step;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 8 ? (n as StepNumber) : undefined;
}
