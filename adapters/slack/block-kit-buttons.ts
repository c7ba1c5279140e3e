import type { types } from '@slack/bolt';
import type { Button } from '../../bot/messages/message';
import { inputBlockId, uniqueActionId, urlButtonActionId } from './action-ids';
import { plain } from './block-kit-content';
import { SLACK_LIMITS } from './block-kit-limits';
import { safeLinkUrl } from './safe-url';

type SlackBlock = types.KnownBlock;

/**
 * Buttons become rows of at most five. A button that needs a typed value
 * (a deny reason) gets an input block above the rows: Slack sends what was
 * typed in `state.values` with the click, so no modal round-trip is needed.
 * Link buttons whose URL is not http(s) are left out rather than rendered dead.
 */
export function renderButtons(buttons: Button[]): { inputs: SlackBlock[]; actions: SlackBlock[] } {
  const seen = new Map<string, number>();
  const inputs: SlackBlock[] = [];
  const elements: types.Button[] = [];
  buttons.forEach((button, index) => {
    const element = renderButton(button, index, seen);
    if (!element) return;
    elements.push(element);
    if (button.input && !button.url && element.action_id) {
      inputs.push({
        type: 'input',
        block_id: inputBlockId(element.action_id, button.input.id),
        optional: !button.input.required,
        label: plain(button.input.label, SLACK_LIMITS.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: button.input.id,
          max_length: SLACK_LIMITS.plainTextInput,
          ...(button.input.placeholder ? { placeholder: plain(button.input.placeholder, SLACK_LIMITS.placeholder) } : {}),
        },
      });
    }
  });
  const actions: SlackBlock[] = [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.buttonsPerActions) {
    actions.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.buttonsPerActions) });
  }
  return { inputs, actions };
}

function renderButton(button: Button, index: number, seen: Map<string, number>): types.Button | undefined {
  const base: types.Button = {
    type: 'button',
    text: plain(button.label, SLACK_LIMITS.buttonText),
    ...(button.style ? { style: button.style } : {}),
  };
  if (button.url !== undefined) {
    const url = safeLinkUrl(button.url);
    return url ? { ...base, action_id: urlButtonActionId(index), url } : undefined;
  }
  // The value is our routing key (a workflow id), far below Slack's limit; the cap only keeps Slack from refusing the card.
  return { ...base, action_id: uniqueActionId(button.actionId, seen), value: button.value.slice(0, SLACK_LIMITS.buttonValue) };
}
