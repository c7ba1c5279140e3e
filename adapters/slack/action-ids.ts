/**
 * How our buttons and input boxes are named inside a Slack message, shared by
 * the renderer (which writes the names) and the inbound translator (which
 * reads them back). Slack wants action ids unique within a block and block
 * ids unique within a message.
 */

/** Slack rejects a block whose elements repeat an action id: later copies get `#2`, `#3`. */
export function uniqueActionId(actionId: string, seen: Map<string, number>): string {
  const count = (seen.get(actionId) ?? 0) + 1;
  seen.set(actionId, count);
  return count === 1 ? actionId : `${actionId}#${count}`;
}

/** Our routed action id, without the `#n` added to keep it unique. */
export function routedActionId(slackActionId: string): string {
  return slackActionId.replace(/#\d+$/, '');
}

/** Slack also posts block_actions when a link button is clicked; those carry no decision. */
const URL_BUTTON_PREFIX = 'open-url:';

export function urlButtonActionId(index: number): string {
  return `${URL_BUTTON_PREFIX}${index}`;
}

export function isUrlButtonAction(slackActionId: string): boolean {
  return slackActionId.startsWith(URL_BUTTON_PREFIX);
}

/** The input block that collects what a button needs typed first (e.g. a deny reason). */
const INPUT_BLOCK_PREFIX = 'bg-input:';

export function inputBlockId(actionId: string, inputId: string): string {
  return `${INPUT_BLOCK_PREFIX}${actionId}:${inputId}`;
}

/** Which button and input an input block belongs to, or undefined for other blocks. */
export function parseInputBlockId(blockId: string): { actionId: string; inputId: string } | undefined {
  if (!blockId.startsWith(INPUT_BLOCK_PREFIX)) return undefined;
  const rest = blockId.slice(INPUT_BLOCK_PREFIX.length);
  const cut = rest.lastIndexOf(':');
  if (cut <= 0 || cut === rest.length - 1) return undefined;
  return { actionId: rest.slice(0, cut), inputId: rest.slice(cut + 1) };
}
