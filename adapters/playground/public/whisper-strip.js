// @ts-check
import { timeText } from './format.js';

/**
 * Replies only the person acting can see (a Slack ephemeral message, a Teams
 * private reply), each dismissable. Lines are keyed by id so a refresh never
 * rebuilds the ones already shown.
 */
export class WhisperStrip {
  constructor(container, onDismiss) {
    this.container = container;
    this.onDismiss = onDismiss;
    this.rendered = new Map();
  }

  /** lines: [{ id, text, at, kind?: 'reply' | 'error' }], oldest first. */
  update(lines) {
    const wanted = new Set(lines.map((l) => l.id));
    for (const [id, element] of this.rendered) {
      if (!wanted.has(id)) {
        element.remove();
        this.rendered.delete(id);
      }
    }
    /** @type {HTMLElement | null} */
    let newest = null;
    lines.forEach((line, index) => {
      let element = this.rendered.get(line.id);
      if (!element) {
        element = this.renderLine(line);
        this.rendered.set(line.id, element);
        newest = element;
      }
      const current = this.container.children[index];
      if (current !== element) this.container.insertBefore(element, current ?? null);
    });
    this.container.hidden = lines.length === 0;
    // A new reply opens at its first line (a long "help" is read from the top), not at its end.
    if (newest) this.container.scrollTop = newest.offsetTop;
  }

  renderLine(line) {
    const element = document.createElement('div');
    const isError = line.kind === 'error';
    element.className = isError ? 'whisper whisper-error' : 'whisper';
    element.dataset.testid = isError ? 'error-line' : 'reply-line';
    element.setAttribute('role', isError ? 'alert' : 'note');

    const label = document.createElement('span');
    label.className = 'whisper-label';
    label.textContent = isError ? 'Not done · only visible to you' : 'Only visible to you';
    if (typeof line.at === 'number') label.title = `${timeText(line.at)} UTC`;

    const text = document.createElement('span');
    text.className = 'whisper-text';
    text.textContent = line.text;

    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.className = 'whisper-dismiss';
    dismiss.setAttribute('aria-label', 'Dismiss');
    dismiss.title = 'Dismiss';
    dismiss.textContent = '✕';
    dismiss.addEventListener('click', () => this.onDismiss(line.id));

    element.append(label, text, dismiss);
    return element;
  }
}
