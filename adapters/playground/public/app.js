/* global document, window, history, location, sessionStorage, URLSearchParams */
/**
 * The playground page: act as one of the seeded people, talk to the bot in
 * its channels, see your DMs and the audit trail, move simulated time on.
 * Everything comes from /playground/api/state, polled once a second; a part
 * of the page is rebuilt only when its data changed, so nothing typed is lost.
 */
import { advanceTime, getState, resetPlayground, sendAction, sendCommand } from './api.js';
import { AuditPanel } from './audit-panel.js';
import { describeAction, renderCard } from './card-view.js';
import { clockText, isoText, timeText } from './format.js';
import { GuidePanel } from './guide-panel.js';
import { MessageList } from './message-list.js';
import { WhisperStrip } from './whisper-strip.js';

const POLL_MS = 1000;
const DISMISSED_KEY = 'breakglass.playground.dismissed';
const CHANNEL_ABOUT = {
  'incident-room': 'Where incidents are run: type commands here (try "help").',
  security: 'Security notices: monitoring alerts and incident announcements.',
  approvers: 'Elevation requests waiting for an approver.',
};

const $ = (id) => document.getElementById(id);
const dom = {
  database: $('describe-database'),
  graph: $('describe-graph'),
  clock: $('sim-clock'),
  person: $('person-select'),
  connection: $('connection-status'),
  tabs: $('channel-tabs'),
  about: $('channel-about'),
  channelMessages: $('channel-messages'),
  dmTitle: $('dm-title'),
  dmMessages: $('dm-messages'),
  audit: $('audit-list'),
  commandForm: $('command-form'),
  commandInput: $('command-input'),
  commandSend: document.querySelector('[data-testid="command-send"]'),
  advanceButtons: [...document.querySelectorAll('[data-minutes]')],
  advanceGroup: $('advance-group'),
  reset: $('reset-button'),
  commandLimit: $('command-limit'),
};

const ui = {
  as: null,
  channel: 'incident-room',
  state: null,
  /** Last rendered JSON of each part of the page. */
  rendered: new Map(),
  /** Messages per channel the viewer has already seen, for the tab badges. */
  seen: new Map(),
  /** Replies shown before (or instead of) the server's record of them. */
  localLines: [],
  dismissed: loadDismissed(),
  history: [],
  historyIndex: 0,
};

const channelList = new MessageList(dom.channelMessages, (entry) => renderMessage(entry, ui.channel), 'No messages yet.');
const dmList = new MessageList(dom.dmMessages, (entry) => renderMessage(entry, dmConversationOf(ui.as)), 'No direct messages yet.');
const channelWhispers = new WhisperStrip($('channel-whispers'), dismiss);
const dmWhispers = new WhisperStrip($('dm-whispers'), dismiss);
const auditPanel = new AuditPanel($('audit-list'), $('audit-plumbing'));
const guidePanel = new GuidePanel($('guide'), $('guide-show'), {
  fill: (text) => {
    dom.commandInput.value = text;
    dom.commandInput.focus();
  },
  actAs: (person) => selectPerson(person),
  openChannel: (id) => selectChannel(id),
  advance: (minutes) => void advanceBy(minutes, `${minutes} min`),
});

/** Mirrors dmConversation() in playground-chat.ts: the conversation of a person's DMs. */
function dmConversationOf(person) {
  return `dm:${person}`;
}

// ---------------------------------------------------------------- state

let requestSeq = 0;
let appliedSeq = 0;

/** Fetches the state for the current person and renders what changed. */
async function refresh() {
  const seq = (requestSeq += 1);
  const as = ui.as;
  let state;
  try {
    state = await getState(as);
  } catch (error) {
    if (error.status === 400 && as) {
      // A person in the URL who is not in the cast: fall back to the first one.
      ui.as = null;
      return refresh();
    }
    if (seq > appliedSeq) showConnection(error.message);
    return false;
  }
  // A slower, older answer (or one for the person we just left) must not overwrite a newer one.
  if (seq < appliedSeq || as !== ui.as) return false;
  appliedSeq = seq;
  showConnection('');
  ui.state = state;
  if (!ui.as) {
    ui.as = state.people[0]?.key ?? null;
    writeHash();
  }
  render();
  return true;
}

function changed(part, value) {
  const json = JSON.stringify(value);
  if (ui.rendered.get(part) === json) return false;
  ui.rendered.set(part, json);
  return true;
}

function render() {
  const state = ui.state;
  if (!state) return;
  renderClock(state.now);
  if (changed('describe', state.describe)) renderDescribe(state.describe);
  if (changed('people', [state.people, ui.as])) renderPeople(state.people);

  if (!state.channels.some((c) => c.id === ui.channel) && state.channels[0]) {
    ui.channel = state.channels[0].id;
    writeHash();
  }
  const channel = state.channels.find((c) => c.id === ui.channel);
  if (channel && changed('channel', [ui.channel, channel.messages])) renderChannel(channel);
  for (const c of state.channels) {
    if (!ui.seen.has(c.id) || c.id === ui.channel) ui.seen.set(c.id, c.messages.length);
  }
  if (changed('tabs', [state.channels.map((c) => [c.id, c.messages.length - (ui.seen.get(c.id) ?? 0)]), ui.channel])) renderTabs(state.channels);

  const person = state.people.find((p) => p.key === ui.as);
  if (changed('dms', [ui.as, person?.name, state.dms])) renderDms(person, state.dms);
  if (changed('whispers', [ui.as, ui.channel, state.whispers, ui.localLines, [...ui.dismissed]])) renderWhispers(state.whispers);
  if (changed('audit', state.audit)) auditPanel.update(state.audit);
  guidePanel.update(state.guide, ui.as);
  if (changed('abilities', [state.canAdvance, state.canReset, state.limits])) renderAbilities(state);
}

/** What this playground allows: moving time and resetting only in a fully simulated world; the server's command length. */
function renderAbilities(state) {
  dom.advanceGroup.hidden = !state.canAdvance;
  dom.reset.hidden = !state.canReset;
  dom.commandInput.maxLength = state.limits.commandChars;
}

// ---------------------------------------------------------------- banner and toolbar

function renderClock(now) {
  const text = clockText(now);
  if (dom.clock.textContent !== text) {
    dom.clock.textContent = text;
    dom.clock.dateTime = isoText(now);
  }
}

function renderDescribe(describe) {
  dom.database.textContent = describe?.database ?? 'unknown';
  dom.graph.textContent = describe?.graph ?? 'unknown';
}

function renderPeople(people) {
  const options = people.map((p) => {
    const option = document.createElement('option');
    option.value = p.key;
    const dms = p.unread === 1 ? '1 DM' : `${p.unread} DMs`;
    option.textContent = `${p.name} — ${p.role}${p.unread > 0 ? ` (${dms})` : ''}`;
    return option;
  });
  dom.person.replaceChildren(...options);
  dom.person.value = ui.as ?? '';
}

function showConnection(message) {
  dom.connection.textContent = message;
  dom.connection.classList.toggle('is-error', Boolean(message));
}

// ---------------------------------------------------------------- channels

function renderTabs(channels) {
  const tabs = channels.map((c) => {
    const selected = c.id === ui.channel;
    const tab = document.createElement('button');
    tab.type = 'button';
    tab.id = `tab-${c.id}`;
    tab.className = 'channel-tab';
    tab.dataset.testid = `channel-tab-${c.id}`;
    tab.dataset.channel = c.id;
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(selected));
    tab.setAttribute('aria-controls', 'channel-messages');
    tab.tabIndex = selected ? 0 : -1;
    tab.textContent = `# ${c.id}`;
    const fresh = c.messages.length - (ui.seen.get(c.id) ?? 0);
    if (!selected && fresh > 0) {
      const badge = document.createElement('span');
      badge.className = 'badge';
      badge.textContent = String(fresh);
      badge.setAttribute('aria-label', `${fresh} new`);
      tab.append(' ', badge);
    }
    return tab;
  });
  const hadFocus = dom.tabs.contains(document.activeElement);
  dom.tabs.replaceChildren(...tabs);
  if (hadFocus) tabs.find((t) => t.dataset.channel === ui.channel)?.focus();
}

function renderChannel(channel) {
  dom.channelMessages.setAttribute('aria-labelledby', `tab-${channel.id}`);
  dom.about.textContent = CHANNEL_ABOUT[channel.id] ?? '';
  channelList.setEmptyText(`No messages in #${channel.id} yet.`);
  const stick = nearBottom(dom.channelMessages);
  const added = channelList.update(channel.messages);
  if (added > 0 && stick) scrollToBottom(dom.channelMessages);
}

function selectChannel(id) {
  if (id === ui.channel) return;
  ui.channel = id;
  writeHash();
  render();
  scrollToBottom(dom.channelMessages);
}

dom.tabs.addEventListener('click', (event) => {
  const tab = event.target.closest('[data-channel]');
  if (tab) selectChannel(tab.dataset.channel);
});

dom.tabs.addEventListener('keydown', (event) => {
  const ids = (ui.state?.channels ?? []).map((c) => c.id);
  const at = ids.indexOf(ui.channel);
  const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
  if (!step || at < 0) return;
  event.preventDefault();
  selectChannel(ids[(at + step + ids.length) % ids.length]);
  $(`tab-${ui.channel}`)?.focus();
});

// ---------------------------------------------------------------- messages and cards

function renderMessage({ message, reply, orphanReply }, conversationId) {
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
  body.append(renderCard(message.card, message.text, (action) => onCardAction(action, message, conversationId, article)));
  article.append(meta, body);
  return article;
}

async function onCardAction(action, message, conversationId, article) {
  const request = describeAction(action);
  if (!request) return;
  if (request.kind === 'open') {
    window.open(request.url, '_blank', 'noopener,noreferrer');
    return;
  }
  // One click at a time per card: a double click must not vote twice.
  if (article.getAttribute('aria-busy') === 'true') return;
  article.setAttribute('aria-busy', 'true');
  const as = ui.as;
  const before = whisperIds();
  try {
    const result = await sendAction({ as, actionId: request.actionId, value: request.value, inputs: request.inputs, messageId: message.id, conversationId });
    await settle(result, as, conversationId, before);
  } catch (error) {
    addLocalLine(as, conversationId, error.message, 'error');
  } finally {
    article.removeAttribute('aria-busy');
  }
}

function renderDms(person, dms) {
  dom.dmTitle.textContent = person ? `Direct messages · ${person.name}` : 'Direct messages';
  dmList.setEmptyText(person ? `No direct messages to ${person.name} yet.` : 'No direct messages yet.');
  const stick = nearBottom(dom.dmMessages);
  const added = dmList.update(dms);
  if (added > 0 && stick) scrollToBottom(dom.dmMessages);
}

// ---------------------------------------------------------------- replies only you can see

function whisperIds() {
  return new Set((ui.state?.whispers ?? []).map((w) => w.id));
}

/**
 * The server records each reply as a whisper; after refreshing, the reply is
 * shown from there. Only if it is not there (an older server, a failed
 * refresh) is it kept locally, so it is never shown twice.
 */
async function settle(result, as, conversationId, before) {
  await refresh();
  const reply = result?.reply;
  if (!reply || !reply.text) return;
  const recorded = (ui.state?.whispers ?? []).some((w) => !before.has(w.id) && w.text === reply.text);
  if (!recorded || as !== ui.as) addLocalLine(as, conversationId, reply.text, 'reply');
}

let localSeq = 0;
function addLocalLine(as, conversationId, text, kind) {
  localSeq += 1;
  ui.localLines.push({ id: `local-${localSeq}`, as, conversationId, text, kind, at: ui.state?.now });
  render();
}

function dismiss(id) {
  ui.dismissed.add(id);
  ui.localLines = ui.localLines.filter((l) => l.id !== id);
  saveDismissed();
  render();
}

function renderWhispers(whispers) {
  const linesFor = (conversationId) => [
    ...whispers.filter((w) => w.conversationId === conversationId),
    ...ui.localLines.filter((l) => l.as === ui.as && l.conversationId === conversationId),
  ].filter((l) => !ui.dismissed.has(l.id));
  channelWhispers.update(linesFor(ui.channel));
  dmWhispers.update(linesFor(dmConversationOf(ui.as)));
}

function loadDismissed() {
  try {
    return new Set(JSON.parse(sessionStorage.getItem(DISMISSED_KEY) ?? '[]'));
  } catch {
    return new Set();
  }
}

function saveDismissed() {
  try {
    // Whispers are capped at 20 per person on the server; keep the list from growing forever.
    sessionStorage.setItem(DISMISSED_KEY, JSON.stringify([...ui.dismissed].slice(-500)));
  } catch {
    // Private mode or storage full: dismissals then last until reload.
  }
}

// ---------------------------------------------------------------- commands

dom.commandForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = dom.commandInput.value.trim();
  if (!text || dom.commandSend.disabled || !ui.as) return;
  dom.commandSend.disabled = true;
  const as = ui.as;
  const channel = ui.channel;
  const before = whisperIds();
  ui.history.push(text);
  ui.historyIndex = ui.history.length;
  try {
    const result = await sendCommand({ as, text, channel });
    if (dom.commandInput.value.trim() === text) dom.commandInput.value = '';
    await settle(result, as, channel, before);
  } catch (error) {
    addLocalLine(as, channel, error.message, 'error');
  } finally {
    dom.commandSend.disabled = false;
    dom.commandInput.focus();
  }
});

// The server reads at most limits.commandChars; say so instead of silently stopping the typing.
dom.commandInput.addEventListener('input', () => {
  const limit = dom.commandInput.maxLength;
  dom.commandLimit.hidden = !(limit > 0 && dom.commandInput.value.length >= limit);
  dom.commandLimit.textContent = `Commands are limited to ${limit.toLocaleString('en-US')} characters; the rest was not typed.`;
});

// Up and down walk through what you typed before, as in a terminal.
dom.commandInput.addEventListener('keydown', (event) => {
  if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
  if (ui.history.length === 0) return;
  event.preventDefault();
  const step = event.key === 'ArrowUp' ? -1 : 1;
  ui.historyIndex = Math.min(ui.history.length, Math.max(0, ui.historyIndex + step));
  dom.commandInput.value = ui.history[ui.historyIndex] ?? '';
});

// ---------------------------------------------------------------- people

function selectPerson(key) {
  if (!key || key === ui.as) return;
  ui.as = key;
  writeHash();
  // Cards are rendered per viewer: start from a clean page for the new person.
  ui.rendered.clear();
  channelList.clear();
  dmList.clear();
  // The state on hand is the previous person's; wait for theirs rather than show it under the new name.
  void refresh();
}

dom.person.addEventListener('change', () => selectPerson(dom.person.value));

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return { as: params.get('as'), channel: params.get('channel') };
}

function writeHash() {
  const params = new URLSearchParams();
  if (ui.as) params.set('as', ui.as);
  params.set('channel', ui.channel);
  const hash = `#${params}`;
  if (location.hash !== hash) history.replaceState(null, '', hash);
}

window.addEventListener('hashchange', () => {
  const { as, channel } = readHash();
  if (channel) selectChannel(channel);
  if (as) selectPerson(as);
});

// ---------------------------------------------------------------- simulated time

async function advanceBy(minutes, label) {
  for (const b of dom.advanceButtons) b.disabled = true;
  showConnection(`Moving simulated time on by ${label}…`);
  try {
    await advanceTime(minutes);
    showConnection('');
    await refresh();
  } catch (error) {
    showConnection(error.message);
  } finally {
    for (const b of dom.advanceButtons) b.disabled = false;
  }
}

for (const button of dom.advanceButtons) {
  button.addEventListener('click', () => void advanceBy(Number(button.dataset.minutes), button.textContent.replace('+', '')));
}

// ---------------------------------------------------------------- reset

dom.reset.addEventListener('click', async () => {
  if (!window.confirm('Reset the playground? Every incident, request, message and audit entry of this playground is deleted and the simulated tenant starts afresh.')) return;
  dom.reset.disabled = true;
  showConnection('Resetting the playground…');
  try {
    await resetPlayground();
    await untilFresh();
    forgetPage();
    guidePanel.reopen();
    showConnection('');
    await refresh();
  } catch (error) {
    showConnection(error.message);
  } finally {
    dom.reset.disabled = false;
  }
});

/** The bot restarts on an empty database: wait until it answers again with nothing in it. */
async function untilFresh() {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    try {
      const state = await getState(ui.as);
      if (!state.guide.started && state.audit.length === 0) return;
    } catch {
      // Not listening yet: it is starting.
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error('The playground did not come back after the reset. Is the bot still running?');
}

/** Drops everything the page remembered about the old playground. */
function forgetPage() {
  ui.rendered.clear();
  ui.seen.clear();
  ui.localLines = [];
  ui.dismissed.clear();
  saveDismissed();
  ui.history = [];
  ui.historyIndex = 0;
  channelList.clear();
  dmList.clear();
}

// ---------------------------------------------------------------- scrolling

function nearBottom(element) {
  return element.scrollHeight - element.scrollTop - element.clientHeight < 48;
}

function scrollToBottom(element) {
  element.scrollTop = element.scrollHeight;
}

// ---------------------------------------------------------------- start

async function poll() {
  if (!document.hidden) await refresh();
  setTimeout(poll, POLL_MS);
}

document.addEventListener('visibilitychange', () => {
  if (!document.hidden) void refresh();
});

const start = readHash();
ui.as = start.as;
if (start.channel) ui.channel = start.channel;
void poll();
