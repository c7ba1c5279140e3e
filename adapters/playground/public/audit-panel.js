// @ts-check
import { isoText, timeText } from './format.js';

/**
 * @typedef {{ seq: number, at: number, type: string, workflowId?: string | null, actor: string,
 *   summary: string, sentence: string, plumbing: boolean }} AuditView
 */

/**
 * The audit timeline as sentences ("Bob Admin confirmed the emergency account
 * checkout"), newest last. The runtime's plumbing (effects run, state changes,
 * timers) and each entry's raw type are shown only with the toggle on.
 */
export class AuditPanel {
  /**
   * @param {HTMLOListElement} list
   * @param {HTMLInputElement} plumbingToggle
   */
  constructor(list, plumbingToggle) {
    this.list = list;
    this.toggle = plumbingToggle;
    /** @type {AuditView[]} */
    this.entries = [];
    this.toggle.addEventListener('change', () => this.render());
  }

  /** @param {AuditView[]} entries */
  update(entries) {
    this.entries = entries;
    this.render();
  }

  render() {
    const plumbing = this.toggle.checked;
    const stick = nearBottom(this.list) || this.list.children.length === 0;
    const shown = this.entries.filter((e) => plumbing || !e.plumbing);
    const items = shown.map((entry) => this.item(entry, plumbing));
    if (items.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'empty';
      empty.textContent = this.entries.length === 0 ? 'Nothing audited yet.' : 'Only plumbing so far: tick "Show plumbing" to see it.';
      items.push(empty);
    }
    this.list.replaceChildren(...items);
    if (stick) this.list.scrollTop = this.list.scrollHeight;
  }

  /**
   * @param {AuditView} entry
   * @param {boolean} plumbing
   */
  item(entry, plumbing) {
    const item = document.createElement('li');
    item.className = entry.plumbing ? 'audit-entry is-plumbing' : 'audit-entry';
    item.dataset.seq = String(entry.seq);
    if (entry.workflowId) item.title = `Workflow ${entry.workflowId}`;

    const head = document.createElement('div');
    head.className = 'audit-head';
    const seq = document.createElement('span');
    seq.className = 'audit-seq';
    seq.textContent = `#${entry.seq}`;
    const at = document.createElement('time');
    at.dateTime = isoText(entry.at);
    at.textContent = timeText(entry.at);
    head.append(seq, at);

    const sentence = document.createElement('div');
    sentence.className = 'audit-sentence';
    sentence.textContent = entry.sentence;
    item.append(head, sentence);
    if (plumbing) {
      const type = document.createElement('div');
      type.className = 'audit-type';
      type.textContent = entry.type;
      const summary = document.createElement('div');
      summary.className = 'audit-summary';
      summary.textContent = entry.summary;
      item.append(type, summary);
    }
    return item;
  }
}

/** @param {HTMLElement} element */
function nearBottom(element) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < 48;
}
