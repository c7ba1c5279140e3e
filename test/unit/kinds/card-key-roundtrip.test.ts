import { Writable } from 'node:stream';
import { initialTransition, transition, type AnyMachineSnapshot, type EventObject } from 'xstate';
import type { Config } from '../../../bot/config/schema';
import { createLogger } from '../../../bot/core/logger';
import type { MessageRef, Place } from '../../../bot/core/platform';
import { createChatEffects } from '../../../bot/effects/chat-effects';
import { CardRefresher } from '../../../bot/handlers/stale-card-refresh';
import { ALL_KINDS, KindRegistry } from '../../../bot/kinds/registry';
import type { ChatPort } from '../../../bot/ports/chat-port';
import type { Storage } from '../../../bot/ports/storage';
import type { EffectContext } from '../../../bot/runtime/effect-handler';
import type { WorkflowRuntime } from '../../../bot/runtime/workflow-runtime';
import type { CardEffect } from '../../../workflows/effects';
import { alice, incidentInput, T0 } from '../workflows/break-glass/drive';
import { baseInput } from '../workflows/pim-elevation/elevation-harness';
import { BREAK_GLASS_KIND } from '../../../workflows/break-glass/kind';
import { ELEVATION_KIND } from '../../../workflows/pim-elevation/kind';
import { ALERT_KIND } from '../../../workflows/monitoring/alert-kind';
import type { AlertInput } from '../../../workflows/monitoring/alert-types';

/**
 * Property: every card a kind's machine posts is one the stale-card refresher
 * finds again. The chat effects store a posted card under a key; the refresher
 * rebuilds that key from the kind's live cards. If the two drift (a key format,
 * or a card the kind's module forgets to list), a refused click silently
 * refreshes nothing, so each kind is driven through the states that post its
 * cards and every posted card is clicked.
 */

const PEOPLE = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'sam', 'ivan', 'judy'];
const config = {
  people: Object.fromEntries(PEOPLE.map((p) => [p, { name: p, slack: `U-${p}` }])),
  channels: { security: { slack: 'C-security' }, approvers: { slack: 'C-approvers' } },
} as unknown as Config;
const HOME: Place = { platform: 'slack', conversationId: 'C-home' };

/** A tour through each kind: its input and the events (or timers, by delay name) that post its cards. */
type Stimulus = EventObject | { timer: string };
const TOURS: Record<string, { input: unknown; stimuli: Stimulus[] }> = {
  [BREAK_GLASS_KIND]: {
    input: incidentInput(),
    stimuli: [{ type: 'checkout.request', upn: 'bg1@contoso.onmicrosoft.com', actor: alice, at: T0 + 60_000 } as EventObject, { timer: 'ackTimeout' }],
  },
  [ELEVATION_KIND]: {
    input: baseInput({ dmApprovers: true, announceHome: true }),
    stimuli: [{ timer: 'escalateAfter' }],
  },
  [ALERT_KIND]: {
    input: {
      alertId: 'AL-TEST',
      dedupeKey: 'emergency.sign-in|bg-01|success',
      route: 'page',
      simulated: false,
      createdAt: T0,
      settings: { managers: [['ivan'], ['judy']], securityOfficers: [], ackTimeoutMs: 600_000, suppressionMs: 86_400_000 },
    } satisfies AlertInput,
    stimuli: [
      {
        type: 'finding',
        at: T0,
        finding: { ruleId: 'emergency.sign-in', riskLevel: 'High', title: 'Emergency access account sign-in', detail: 'd', subject: 'bg-01', emergencyAccount: true, when: '2026-01-07T14:30:00Z', where: {}, recordIds: ['r1'], recordCount: 1, dedupeKey: 'emergency.sign-in|bg-01|success' },
      } as EventObject,
      { timer: 'ackTimeout' },
    ],
  },
};

interface Posted {
  context: unknown;
  card: CardEffect['params'];
}

/** Every chat.card the kind's machine emits on the tour, with the context it was emitted against. */
function postedCards(kind: (typeof ALL_KINDS)[number]): Posted[] {
  const tour = TOURS[kind.definition.kind];
  if (!tour) throw new Error(`no tour for kind ${kind.definition.kind}: add one so its cards are checked`);
  const machine = kind.definition.machine;
  const posted: Posted[] = [];
  let raised: Array<{ type: string; params?: unknown }> = [];
  const record = (snapshot: AnyMachineSnapshot, actions: Array<{ type: string; params?: unknown }>) => {
    for (const a of actions) if (a.type === 'chat.card') posted.push({ context: snapshot.context, card: a.params as CardEffect['params'] });
    raised = [...raised, ...actions.filter((a) => a.type === 'xstate.raise')];
  };
  let [snapshot, actions] = initialTransition(machine, tour.input);
  record(snapshot, actions);
  for (const stimulus of tour.stimuli) {
    let event: EventObject;
    if ('timer' in stimulus) {
      const timer = raised.map((a) => a.params as { id?: string; event: EventObject }).find((p) => p.id?.startsWith(`xstate.after.${stimulus.timer}.`));
      if (!timer) throw new Error(`no ${stimulus.timer} timer raised`);
      event = timer.event;
    } else event = stimulus;
    [snapshot, actions] = transition(machine, snapshot, event);
    record(snapshot, actions);
  }
  return posted;
}

function fakeWorld() {
  const cards = new Map<string, unknown>();
  const storage = {
    getCardRef: async (workflowId: string, key: string) => cards.get(`${workflowId}/${key}`),
    putCardRef: async (row: { workflowId: string; key: string; ref: unknown }) => void cards.set(`${row.workflowId}/${row.key}`, row.ref),
  } as unknown as Storage;
  const posted: MessageRef[] = [];
  const updated: MessageRef[] = [];
  const sent = (conversationId: string): MessageRef => {
    const ref: MessageRef = { platform: 'slack', conversationId, messageId: `m${posted.length + 1}` };
    posted.push(ref);
    return ref;
  };
  const chat: ChatPort = {
    platform: 'slack',
    post: async (place) => sent(place.conversationId),
    dm: async (user) => sent(`D-${user}`),
    update: async (ref) => void updated.push(ref),
    whisper: async () => undefined,
  };
  return { storage, chat, posted, updated };
}

const logger = createLogger({ level: 'silent', destination: new Writable({ write: (_c, _e, done) => done() }) });

describe('card keys: what the chat effects store is what the stale-card refresher looks up', () => {
  it.each(ALL_KINDS.map((k) => [k.definition.kind, k] as const))('%s: every posted card is refreshed in place after a refused click', async (name, kind) => {
    const posted = postedCards(kind);
    expect(posted.length).toBeGreaterThan(1);
    for (const { context, card } of posted) {
      const { storage, chat, posted: messages, updated } = fakeWorld();
      const effects = createChatEffects({ storage, config, chats: { slack: chat }, logger, kinds: new KindRegistry() });
      const ctx = { idempotencyKey: 'W-1:1', workflowId: 'W-1', seq: 1, kind: name, home: HOME, attempt: 1 } as EffectContext;
      const message = kind.definition.views[card.view]!(context, card.data);
      await effects['chat.card']({ type: 'chat.card', params: { ...card, message } }, ctx);
      // The card itself: the last message posted (a home card first posts nothing else, a page is one DM).
      const ref = messages.at(-1);
      expect({ card: card.key, posted: messages.length }).toEqual({ card: card.key, posted: 1 });

      const runtime = { get: async (id: string) => (id === 'W-1' ? { row: { id, kind: name }, context } : undefined) } as unknown as Pick<WorkflowRuntime, 'get'>;
      const refresher = new CardRefresher({ runtime, storage, chats: { slack: chat }, kinds: new KindRegistry(), logger });
      refresher.request({ type: 'action', actionId: 'x.y', value: 'W-1', message: ref!, deliveryKey: 'd', actor: { platform: 'slack', platformUserId: 'U-alice' }, place: HOME, receivedAt: T0 });
      await refresher.idle();
      expect({ card: card.key, refreshed: updated }).toEqual({ card: card.key, refreshed: [ref] });
    }
  });
});
