// @ts-check
/**
 * Renders the Adaptive Card JSON the Teams adapter sends, with the same
 * `adaptivecards` library Microsoft publishes, and turns clicks back into the
 * action the Teams endpoint would have received.
 */

/** Typed inputs arrive in Action.Execute `data` under `input.<button>.<id>` (see adaptive-card-renderer.ts). */
const INPUT_KEY = /^input\.\d+\.(.+)$/;

let configured = false;

/**
 * Our cards hold plain text escaped for Teams' markdown subset (every
 * punctuation character backslash-escaped). Teams shows such text without the
 * backslashes; so does this: undo CommonMark escapes, then HTML-escape, so
 * nothing in a card can ever become markup here either.
 */
function plainTextMarkdown(text, result) {
  // A Teams mention (`<at>name</at>`, the name itself escaped) shows as a bold @name, as Teams shows it.
  const html = text
    .split(/<at>(.*?)<\/at>/)
    .map((part, i) => (i % 2 === 1 ? `<strong>@${escapeHtml(unescapeMarkdown(part))}</strong>` : escapeHtml(unescapeMarkdown(part))))
    .join('');
  result.outputHtml = `<p>${html.replace(/\r?\n/g, '<br>')}</p>`;
  result.didProcess = true;
}

function unescapeMarkdown(text) {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function libraryReady() {
  if (typeof AdaptiveCards === 'undefined') return false;
  if (!configured) {
    AdaptiveCards.AdaptiveCard.onProcessMarkdown = plainTextMarkdown;
    configured = true;
  }
  return true;
}

/**
 * The card as a DOM element, or the message's plain text when the library is
 * missing or the card does not render. `onAction` gets each clicked action.
 */
export function renderCard(cardJson, fallbackText, onAction) {
  if (cardJson && libraryReady()) {
    try {
      // No hostConfig set: the library's default is Microsoft's reference look, tone colours included.
      const card = new AdaptiveCards.AdaptiveCard();
      card.onExecuteAction = onAction;
      card.parse(cardJson);
      const element = card.render();
      if (element) {
        element.classList.add('card');
        return element;
      }
    } catch (error) {
      console.warn('Card did not render; showing its text instead.', error);
    }
  }
  const fallback = document.createElement('p');
  fallback.className = 'card-fallback';
  fallback.textContent = fallbackText || '(empty message)';
  return fallback;
}

/**
 * What a clicked card action asks for.
 * @param {any} action
 * @returns {{ kind: 'open', url: string } | { kind: 'execute', actionId: string, value: string, inputs?: Record<string, string> } | undefined}
 */
export function describeAction(action) {
  const type = action.getJsonTypeName();
  if (type === 'Action.OpenUrl') {
    const url = safeHttpUrl(action.url);
    return url ? { kind: 'open', url } : undefined;
  }
  // Our cards carry only Execute and OpenUrl (ShowCard just reveals an input).
  if (type !== 'Action.Execute') return undefined;
  const data = action.data && typeof action.data === 'object' ? action.data : {};
  /** @type {Record<string, string>} */
  const inputs = {};
  for (const [key, value] of Object.entries(data)) {
    const match = INPUT_KEY.exec(key);
    if (match && typeof value === 'string') inputs[match[1]] = value;
  }
  return {
    kind: 'execute',
    actionId: action.verb,
    value: data.value === undefined || data.value === null ? '' : String(data.value),
    ...(Object.keys(inputs).length > 0 ? { inputs } : {}),
  };
}

function safeHttpUrl(raw) {
  try {
    const url = new URL(String(raw), window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
