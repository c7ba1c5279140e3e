// @ts-check
import { byId, nearBottom, scrollToBottom } from './dom.js';
import { MessageList } from './message-list.js';
import { renderMessage } from './message-view.js';

/**
 * @typedef {import('./message-view.js').MessageView} MessageView
 * @typedef {import('./message-view.js').OnCardAction} OnCardAction
 * @typedef {{ id: string, messages: MessageView[] }} ChannelView
 */

const CHANNEL_ABOUT = /** @type {Record<string, string>} */ ({
  'incident-room': 'Where incidents are run: type commands here (try "help").',
  security: 'Security notices: monitoring alerts and incident announcements.',
  approvers: 'Elevation requests waiting for an approver.',
});

/** The channel tabs (with counts of what is new) and the open channel's messages. */
export class ChannelPanel {
  /**
   * @param {(id: string) => void} onSelect
   * @param {OnCardAction} onAction
   */
  constructor(onSelect, onAction) {
    this.tabs = byId('channel-tabs', HTMLElement);
    this.about = byId('channel-about', HTMLElement);
    this.messages = byId('channel-messages', HTMLElement);
    this.list = new MessageList(this.messages, (entry) => renderMessage(entry, onAction), 'No messages yet.');
    /** @type {string[]} */
    this.ids = [];
    this.selected = '';

    this.tabs.addEventListener('click', (event) => {
      const tab = event.target instanceof Element ? event.target.closest('[data-channel]') : null;
      if (tab instanceof HTMLElement && tab.dataset.channel) onSelect(tab.dataset.channel);
    });
    this.tabs.addEventListener('keydown', (event) => {
      const at = this.ids.indexOf(this.selected);
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step || at < 0) return;
      event.preventDefault();
      const next = this.ids[(at + step + this.ids.length) % this.ids.length];
      onSelect(next);
      document.getElementById(`tab-${next}`)?.focus();
    });
  }

  /**
   * @param {ChannelView[]} channels
   * @param {string} selected
   * @param {(id: string) => number} fresh messages not yet seen in a channel
   */
  showTabs(channels, selected, fresh) {
    this.ids = channels.map((c) => c.id);
    this.selected = selected;
    const tabs = channels.map((c) => {
      const isSelected = c.id === selected;
      const tab = document.createElement('button');
      tab.type = 'button';
      tab.id = `tab-${c.id}`;
      tab.className = 'channel-tab';
      tab.dataset.testid = `channel-tab-${c.id}`;
      tab.dataset.channel = c.id;
      tab.setAttribute('role', 'tab');
      tab.setAttribute('aria-selected', String(isSelected));
      tab.setAttribute('aria-controls', 'channel-messages');
      tab.tabIndex = isSelected ? 0 : -1;
      tab.textContent = `# ${c.id}`;
      const count = fresh(c.id);
      if (!isSelected && count > 0) {
        const badge = document.createElement('span');
        badge.className = 'badge';
        badge.textContent = String(count);
        badge.setAttribute('aria-label', `${count} new`);
        tab.append(' ', badge);
      }
      return tab;
    });
    const hadFocus = this.tabs.contains(document.activeElement);
    this.tabs.replaceChildren(...tabs);
    if (hadFocus) tabs.find((t) => t.dataset.channel === selected)?.focus();
  }

  /** @param {ChannelView} channel */
  showChannel(channel) {
    this.messages.setAttribute('aria-labelledby', `tab-${channel.id}`);
    this.about.textContent = CHANNEL_ABOUT[channel.id] ?? '';
    this.list.setEmptyText(`No messages in #${channel.id} yet.`);
    const stick = nearBottom(this.messages);
    const added = this.list.update(channel.messages);
    if (added > 0 && stick) scrollToBottom(this.messages);
  }

  /** Cards are rendered per viewer: a new viewer starts from a clean list. */
  clear() {
    this.list.clear();
  }

  scrollToEnd() {
    scrollToBottom(this.messages);
  }
}
