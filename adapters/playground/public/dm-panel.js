// @ts-check
import { byId, nearBottom, scrollToBottom } from './dom.js';
import { MessageList } from './message-list.js';
import { renderMessage } from './message-view.js';

/** Direct messages from the bot to the person you act as. */
export class DmPanel {
  /** @param {import('./message-view.js').OnCardAction} onAction */
  constructor(onAction) {
    this.title = byId('dm-title', HTMLElement);
    this.messages = byId('dm-messages', HTMLElement);
    this.list = new MessageList(this.messages, (entry) => renderMessage(entry, onAction), 'No direct messages yet.');
  }

  /**
   * @param {{ name: string } | undefined} person
   * @param {import('./message-view.js').MessageView[]} dms
   */
  show(person, dms) {
    this.title.textContent = person ? `Direct messages · ${person.name}` : 'Direct messages';
    this.list.setEmptyText(person ? `No direct messages to ${person.name} yet.` : 'No direct messages yet.');
    const stick = nearBottom(this.messages);
    const added = this.list.update(dms);
    if (added > 0 && stick) scrollToBottom(this.messages);
  }

  clear() {
    this.list.clear();
  }
}
