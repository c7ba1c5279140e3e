// @ts-check
/**
 * The playground page: act as one of the seeded people, talk to the bot in
 * its channels, see your DMs and the audit trail, move simulated time on.
 * Everything comes from /playground/api/state, polled once a second; a part
 * of the page is rebuilt only when its data changed, so nothing typed is
 * lost. This module wires the panels together; each panel is its own module.
 */
import { advanceTime, getState, resetPlayground, sendAction, sendCommand } from './api.js';
import { AuditPanel } from './audit-panel.js';
import { describeAction } from './card-view.js';
import { ChannelPanel } from './channel-panel.js';
import { CommandBox } from './command-box.js';
import { DmPanel } from './dm-panel.js';
import { byId } from './dom.js';
import { GuidePanel } from './guide-panel.js';
import { Toolbar } from './toolbar.js';
import { WhisperStrip } from './whisper-strip.js';

const POLL_MS = 1000;
const DISMISSED_KEY = 'breakglass.playground.dismissed';

/**
 * @typedef {{ id: string, as?: string, conversationId: string, text: string, kind?: 'reply' | 'error', at?: number }} Line
 */

const ui = {
  /** @type {string | null} */
  as: null,
  channel: 'incident-room',
  /** @type {any} the last /state answer */
  state: null,
  /** Last rendered JSON of each part of the page. */
  rendered: new Map(),
  /** Messages per channel the viewer has already seen, for the tab badges. */
  seen: new Map(),
  /** @type {Line[]} replies shown before (or instead of) the server's record of them */
  localLines: [],
  dismissed: loadDismissed(),
};

const toolbar = new Toolbar({ onPerson: selectPerson, onAdvance: advanceBy, onReset: reset });
const channels = new ChannelPanel(selectChannel, (action, message, article) => void onCardAction(action, message.id, ui.channel, article));
const dms = new DmPanel((action, message, article) => void onCardAction(action, message.id, ui.state?.dmConversation ?? '', article));
const commandBox = new CommandBox(sendTyped);
const channelWhispers = new WhisperStrip(byId('channel-whispers', HTMLElement), dismiss);
const dmWhispers = new WhisperStrip(byId('dm-whispers', HTMLElement), dismiss);
const auditPanel = new AuditPanel(byId('audit-list', HTMLOListElement), byId('audit-plumbing', HTMLInputElement));
const guidePanel = new GuidePanel(byId('guide', HTMLElement), byId('guide-show', HTMLButtonElement), {
  fill: (text) => commandBox.fill(text),
  actAs: selectPerson,
  openChannel: selectChannel,
  advance: (minutes) => void advanceBy(minutes, `${minutes} min`),
});

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
    if (seq > appliedSeq) toolbar.showConnection(error.message);
    return false;
  }
  // A slower, older answer (or one for the person we just left) must not overwrite a newer one.
  if (seq < appliedSeq || as !== ui.as) return false;
  appliedSeq = seq;
  toolbar.showConnection('');
  ui.state = state;
  if (!ui.as) {
    ui.as = state.people[0]?.key ?? null;
    writeHash();
  }
  render();
  return true;
}

/**
 * @param {string} part
 * @param {unknown} value
 */
function changed(part, value) {
  const json = JSON.stringify(value);
  if (ui.rendered.get(part) === json) return false;
  ui.rendered.set(part, json);
  return true;
}

function render() {
  const state = ui.state;
  if (!state) return;
  toolbar.showClock(state.now);
  if (changed('describe', state.describe)) toolbar.showDescribe(state.describe);
  if (changed('people', [state.people, ui.as])) toolbar.showPeople(state.people, ui.as);
  if (changed('abilities', [state.canAdvance, state.canReset, state.limits])) {
    toolbar.showAbilities(state);
    commandBox.setLimit(state.limits.commandChars);
  }

  if (!state.channels.some((/** @type {{ id: string }} */ c) => c.id === ui.channel) && state.channels[0]) {
    ui.channel = state.channels[0].id;
    writeHash();
  }
  const channel = state.channels.find((/** @type {{ id: string }} */ c) => c.id === ui.channel);
  if (channel && changed('channel', [ui.channel, channel.messages])) channels.showChannel(channel);
  for (const c of state.channels) {
    if (!ui.seen.has(c.id) || c.id === ui.channel) ui.seen.set(c.id, c.messages.length);
  }
  const fresh = (/** @type {string} */ id) => (state.channels.find((/** @type {{ id: string }} */ c) => c.id === id)?.messages.length ?? 0) - (ui.seen.get(id) ?? 0);
  if (changed('tabs', [state.channels.map((/** @type {{ id: string }} */ c) => [c.id, fresh(c.id)]), ui.channel])) channels.showTabs(state.channels, ui.channel, fresh);

  const person = state.people.find((/** @type {{ key: string }} */ p) => p.key === ui.as);
  if (changed('dms', [ui.as, person?.name, state.dms])) dms.show(person, state.dms);
  if (changed('whispers', [ui.as, ui.channel, state.whispers, ui.localLines, [...ui.dismissed]])) renderWhispers(state.whispers);
  if (changed('audit', state.audit)) auditPanel.update(state.audit);
  guidePanel.update(state.guide, ui.as);
}

// ---------------------------------------------------------------- acting

/**
 * @param {any} action the Adaptive Cards action clicked
 * @param {string} messageId
 * @param {string} conversationId
 * @param {HTMLElement} article
 */
async function onCardAction(action, messageId, conversationId, article) {
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
    const result = await sendAction({ as, actionId: request.actionId, value: request.value, inputs: request.inputs, messageId, conversationId });
    await settle(result, as, conversationId, before);
  } catch (error) {
    addLocalLine(as, conversationId, error.message, 'error');
  } finally {
    article.removeAttribute('aria-busy');
  }
}

/** @param {string} text */
async function sendTyped(text) {
  if (!ui.as) return;
  const as = ui.as;
  const channel = ui.channel;
  const before = whisperIds();
  try {
    const result = await sendCommand({ as, text, channel });
    await settle(result, as, channel, before);
  } catch (error) {
    addLocalLine(as, channel, error.message, 'error');
    throw error; // keeps the text in the box
  }
}

/**
 * @param {number} minutes
 * @param {string} label
 */
async function advanceBy(minutes, label) {
  toolbar.showConnection(`Moving simulated time on by ${label}…`);
  try {
    await advanceTime(minutes);
    toolbar.showConnection('');
    await refresh();
  } catch (error) {
    toolbar.showConnection(error.message);
  }
}

async function reset() {
  toolbar.showConnection('Resetting the playground…');
  try {
    await resetPlayground();
    await untilFresh();
    forgetPage();
    guidePanel.reopen();
    toolbar.showConnection('');
    await refresh();
  } catch (error) {
    toolbar.showConnection(error.message);
  }
}

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
  commandBox.forget();
  channels.clear();
  dms.clear();
}

// ---------------------------------------------------------------- replies only you can see

function whisperIds() {
  return new Set((ui.state?.whispers ?? []).map((/** @type {Line} */ w) => w.id));
}

/**
 * The server records each reply as a whisper; after refreshing, the reply is
 * shown from there. Only if it is not there (an older server, a failed
 * refresh) is it kept locally, so it is never shown twice.
 * @param {{ reply?: { text?: string } | null }} result
 * @param {string | null} as
 * @param {string} conversationId
 * @param {Set<string>} before
 */
async function settle(result, as, conversationId, before) {
  await refresh();
  const reply = result?.reply;
  if (!reply || !reply.text) return;
  const recorded = (ui.state?.whispers ?? []).some((/** @type {Line} */ w) => !before.has(w.id) && w.text === reply.text);
  if (!recorded || as !== ui.as) addLocalLine(as, conversationId, reply.text, 'reply');
}

let localSeq = 0;
/**
 * @param {string | null} as
 * @param {string} conversationId
 * @param {string} text
 * @param {'reply' | 'error'} kind
 */
function addLocalLine(as, conversationId, text, kind) {
  localSeq += 1;
  ui.localLines.push({ id: `local-${localSeq}`, as: as ?? undefined, conversationId, text, kind, at: ui.state?.now });
  render();
}

/** @param {string} id */
function dismiss(id) {
  ui.dismissed.add(id);
  ui.localLines = ui.localLines.filter((l) => l.id !== id);
  saveDismissed();
  render();
}

/** @param {Line[]} whispers */
function renderWhispers(whispers) {
  /** @param {string} conversationId */
  const linesFor = (conversationId) =>
    [...whispers.filter((w) => w.conversationId === conversationId), ...ui.localLines.filter((l) => l.as === ui.as && l.conversationId === conversationId)].filter(
      (l) => !ui.dismissed.has(l.id),
    );
  channelWhispers.update(linesFor(ui.channel));
  dmWhispers.update(linesFor(ui.state?.dmConversation ?? ''));
}

/** @returns {Set<string>} */
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

// ---------------------------------------------------------------- who and where

/** @param {string} id */
function selectChannel(id) {
  if (id === ui.channel) return;
  ui.channel = id;
  writeHash();
  render();
  channels.scrollToEnd();
}

/** @param {string | null} key */
function selectPerson(key) {
  if (!key || key === ui.as) return;
  ui.as = key;
  writeHash();
  // Cards are rendered per viewer: start from a clean page for the new person.
  ui.rendered.clear();
  channels.clear();
  dms.clear();
  // The state on hand is the previous person's; wait for theirs rather than show it under the new name.
  void refresh();
}

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
