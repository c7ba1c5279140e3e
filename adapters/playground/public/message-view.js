// @ts-check
import { renderCard } from './card-view.js';
import { isoText, timeText } from './format.js';

/**
 * @typedef {{ id: string, threadId: string | null, postedAt: number, updatedAt: number, text: string, card: object | null }} MessageView
 * @typedef {{ message: MessageView, reply: boolean, orphanReply: boolean }} Entry
 * @typedef {(action: any, message: MessageView, article: HTMLElement) => void} OnCardAction
 */

/**
 * One bot message as Slack or Teams would show it: author, time, thread and
 * edit marks, and the card rendered by Microsoft's Adaptive Cards library.
 * @param {Entry} entry
 * @param {OnCardAction} onAction
 */
export function renderMessage({ message, reply, orphanReply }, onAction) {
  const article = document.createElement('article');
  article.className = reply ? 'message is-reply' : 'message';
  article.dataset.testid = 'message';
  article.dataset.messageId = message.id;

  const meta = document.createElement('div');
  meta.className = 'message-meta';
  const author = document.createElement('span');
  author.className = 'message-author';
  author.textContent = 'breakglass';
  const app = document.createElement('span');
  app.className = 'app-tag';
  app.textContent = 'bot';
  const posted = document.createElement('time');
  posted.dateTime = isoText(message.postedAt);
  posted.textContent = timeText(message.postedAt);
  meta.append(author, app, posted);
  if (reply || orphanReply) {
    const thread = document.createElement('span');
    thread.className = 'thread-tag';
    thread.textContent = reply ? 'reply in thread' : 'reply in a thread (first message no longer shown)';
    meta.append(thread);
  }
  if (message.updatedAt > message.postedAt) {
    const edited = document.createElement('span');
    edited.className = 'edited';
    edited.textContent = `updated ${timeText(message.updatedAt)}`;
    meta.append(edited);
  }

  const body = document.createElement('div');
  body.className = 'message-body';
  body.append(renderCard(message.card, message.text, (action) => onAction(action, message, article)));
  article.append(meta, body);
  return article;
}
