// @ts-check
import { byId } from './dom.js';

/**
 * The command box under the channel: send on Enter, up and down walk through
 * what you typed before (as in a terminal), and the server's length limit is
 * said out loud instead of silently stopping the typing.
 */
export class CommandBox {
  /** @param {(text: string) => Promise<void>} onSend */
  constructor(onSend) {
    this.form = byId('command-form', HTMLFormElement);
    this.input = byId('command-input', HTMLInputElement);
    this.send = /** @type {HTMLButtonElement} */ (this.form.querySelector('button[type="submit"]'));
    this.limit = byId('command-limit', HTMLElement);
    /** @type {string[]} */
    this.history = [];
    this.historyIndex = 0;

    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.submit(onSend);
    });
    this.input.addEventListener('keydown', (event) => this.walkHistory(event));
    this.input.addEventListener('input', () => this.showLimit());
  }

  /** @param {number} chars the longest command the server reads */
  setLimit(chars) {
    this.input.maxLength = chars;
  }

  /** Puts a suggested command in the box, ready to send. */
  fill(/** @type {string} */ text) {
    this.input.value = text;
    this.input.focus();
  }

  forget() {
    this.history = [];
    this.historyIndex = 0;
  }

  /** @param {(text: string) => Promise<void>} onSend */
  async submit(onSend) {
    const text = this.input.value.trim();
    if (!text || this.send.disabled) return;
    this.send.disabled = true;
    this.history.push(text);
    this.historyIndex = this.history.length;
    try {
      await onSend(text);
      if (this.input.value.trim() === text) this.input.value = '';
    } finally {
      this.send.disabled = false;
      this.input.focus();
    }
  }

  /** @param {KeyboardEvent} event */
  walkHistory(event) {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    if (this.history.length === 0) return;
    event.preventDefault();
    const step = event.key === 'ArrowUp' ? -1 : 1;
    this.historyIndex = Math.min(this.history.length, Math.max(0, this.historyIndex + step));
    this.input.value = this.history[this.historyIndex] ?? '';
  }

  showLimit() {
    const limit = this.input.maxLength;
    this.limit.hidden = !(limit > 0 && this.input.value.length >= limit);
    this.limit.textContent = `Commands are limited to ${limit.toLocaleString('en-US')} characters; the rest was not typed.`;
  }
}
