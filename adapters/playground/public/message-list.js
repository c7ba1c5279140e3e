// @ts-check
/**
 * A conversation's messages in a container, thread replies indented under
 * their root. Each message keeps its DOM element until its data changes, and
 * elements already in place are never moved: a half-typed reason in a card's
 * input, or the focus, survives the page's once-a-second refresh.
 */

/** Roots in posting order, each followed by its thread replies in posting order. */
export function threadOrder(messages) {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const rootOf = (message) => {
    let current = message;
    // A reply to a reply still belongs to the first message of the thread.
    for (let hops = 0; current.threadId && current.threadId !== current.id && byId.has(current.threadId) && hops < 50; hops += 1) {
      current = byId.get(current.threadId);
    }
    return current;
  };
  const replies = new Map();
  const roots = [];
  for (const message of messages) {
    const root = rootOf(message);
    if (root === message) {
      roots.push(message);
    } else {
      if (!replies.has(root.id)) replies.set(root.id, []);
      replies.get(root.id).push(message);
    }
  }
  return roots.flatMap((root) => [
    // A reply whose root has scrolled out of the history is shown on its own, marked as a reply.
    { message: root, reply: false, orphanReply: Boolean(root.threadId && root.threadId !== root.id) },
    ...(replies.get(root.id) ?? []).map((message) => ({ message, reply: true, orphanReply: false })),
  ]);
}

export class MessageList {
  /**
   * @param container element holding only this list's children
   * @param renderEntry ({ message, reply, orphanReply }) => HTMLElement
   * @param emptyText shown when there is nothing yet
   */
  constructor(container, renderEntry, emptyText) {
    this.container = container;
    this.renderEntry = renderEntry;
    this.cache = new Map();
    this.empty = document.createElement('p');
    this.empty.className = 'empty';
    this.setEmptyText(emptyText);
  }

  setEmptyText(text) {
    this.empty.textContent = text;
  }

  /** Drops every rendered element, e.g. when the viewer changes and so does their view of the cards. */
  clear() {
    this.cache.clear();
  }

  /** Returns how many messages were not on screen before. */
  update(messages) {
    const entries = threadOrder(messages);
    let added = 0;
    const elements = entries.map((entry) => {
      const key = JSON.stringify(entry);
      let hit = this.cache.get(entry.message.id);
      if (!hit) added += 1;
      if (!hit || hit.key !== key) {
        hit = { key, element: this.renderEntry(entry) };
        this.cache.set(entry.message.id, hit);
      }
      return hit.element;
    });
    const live = new Set(entries.map((e) => e.message.id));
    for (const id of this.cache.keys()) if (!live.has(id)) this.cache.delete(id);
    reconcile(this.container, elements.length > 0 ? elements : [this.empty]);
    return added;
  }
}

/** Makes container's children exactly `elements`, moving only what is out of place. */
function reconcile(container, elements) {
  elements.forEach((element, index) => {
    const current = container.children[index];
    if (current !== element) container.insertBefore(element, current ?? null);
  });
  while (container.children.length > elements.length) container.lastElementChild.remove();
}
