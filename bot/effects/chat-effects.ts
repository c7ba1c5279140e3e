import type { Audience } from '../../workflows/effects';
import type { Config } from '../config/schema';
import type { ChatPort } from '../ports/chat-port';
import { BreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { MessageRef, Place, Platform } from '../core/platform';
import type { Block, Message } from '../messages/message';
import type { EffectContext, RenderedCardEffect, RenderedNoticeEffect } from '../runtime/effect-handler';
import type { Storage } from '../ports/storage';
import { cardKey } from '../kinds/card-key';
import type { KindRegistry } from '../kinds/registry';
import { resolveAudience, type Destination } from './audience';
import { unreachableReason } from './unreachable';

export interface ChatEffectDeps {
  storage: Pick<Storage, 'getCardRef' | 'putCardRef'>;
  config: Config;
  chats: Partial<Record<Platform, ChatPort>>;
  logger: Logger;
  /** Which cards are DM pages whose answer (page.delivered / page.unreachable) the workflow takes: its kind says. */
  kinds: Pick<KindRegistry, 'of'>;
}

interface ChatParams {
  key?: string;
  threaded?: boolean;
  audience: Audience;
  /** Rendered by the runtime at commit time. */
  message: Message;
}

/** What a DM page tells its break-glass workflow (page.delivered / page.unreachable). */
type PageAnswer = { type: 'page.delivered'; person: string } | { type: 'page.unreachable'; person: string; reason: string };

/** The root card of a workflow's home: later home notices thread under it. */
const ROOT_KEY = '__root';

/**
 * chat.card: post once per (workflow, key, destination), then update in place.
 * chat.notice: a one-off post; home notices are thread replies under the root card.
 */
export function createChatEffects(deps: ChatEffectDeps) {
  async function send(ctx: EffectContext, params: ChatParams, card: boolean): Promise<PageAnswer | void> {
    const { workflowId } = ctx;
    const place: Place | undefined = ctx.home;
    if (!place) {
      // A workflow without a home is one whose alerts have no security channel: say so, and stop retrying.
      throw new BreakglassError('config.invalid', 'There is no channel to post this in: set channels.security for a connected platform.', {
        detail: { field: 'channels.security', workflowId, kind: ctx.kind },
      });
    }
    const dest = resolveAudience(params.audience, place, deps.config, deps.chats);
    if (!dest) {
      deps.logger.warn({ workflowId, audience: params.audience }, 'chat effect has no reachable destination; nothing sent');
      return;
    }
    const person = page(params, ctx);
    if (dest.kind === 'dm' && person) {
      try {
        const posted = await deliver(ctx, params, card, dest);
        return posted ? { type: 'page.delivered', person } : undefined;
      } catch (e) {
        const reason = unreachableReason(e);
        if (!reason) throw e;
        deps.logger.warn({ workflowId, person, reason }, 'page cannot reach this person by DM; mentioning them in the incident channel');
        await fallback(params.message, person, place);
        return { type: 'page.unreachable', person, reason };
      }
    }
    await deliver(ctx, params, card, dest);
  }

  /** The page's person when this effect is a DM page whose machine takes page.* answers. */
  function page(params: ChatParams, ctx: EffectContext): string | undefined {
    if (!ctx.kind || params.key === undefined) return undefined;
    return deps.kinds.of(ctx.kind)?.pagedPerson?.({ key: params.key, audience: params.audience });
  }

  /** The page itself, Acknowledge button included, posted in the incident channel with an @mention of the person. */
  async function fallback(message: Message, person: string, place: Place): Promise<void> {
    const chat = deps.chats[place.platform];
    if (!chat) throw new BreakglassError('platform.unavailable', 'The incident’s chat platform is not connected.', { detail: { platform: place.platform } });
    const name = deps.config.people[person]?.name ?? person;
    const text = 'the bot cannot send you a direct message, so this page is here. Acknowledge below.';
    // The person's id on the incident's platform makes it a real mention (they are notified); without one, their name.
    const userId = deps.config.people[person]?.[place.platform];
    const lead: Block = userId ? { kind: 'mention', userId, name, text } : { kind: 'text', text: `${name}: ${text}` };
    // In the conversation itself, not a thread under the checklist: the checklist runs in its own lane and
    // may not be posted yet, and a page belongs where the whole channel (the commander included) sees it.
    await chat.post(place, { ...message, blocks: [lead, ...message.blocks], fallbackText: `${name}: ${text} ${message.fallbackText}` });
  }

  /** Posts or updates; true when a new message was posted (not an in-place update). */
  async function deliver(ctx: EffectContext, params: ChatParams, card: boolean, dest: Destination): Promise<boolean> {
    const { workflowId } = ctx;
    const key = card ? cardKey({ key: params.key ?? 'card', audience: params.audience }) : undefined;
    if (key) {
      const existing = (await deps.storage.getCardRef(workflowId, key)) as MessageRef | undefined;
      if (existing) {
        await dest.chat.update(existing, params.message);
        return false;
      }
    }
    let ref: MessageRef;
    if (dest.kind === 'dm') {
      ref = await dest.chat.dm(dest.platformUserId, params.message);
    } else {
      const root = dest.key === 'home' ? ((await deps.storage.getCardRef(workflowId, ROOT_KEY)) as MessageRef | undefined) : undefined;
      const target = (!card || params.threaded) && root && !dest.place.threadId ? { ...dest.place, threadId: root.messageId } : dest.place;
      ref = await dest.chat.post(target, params.message);
      if (dest.key === 'home' && !root) await deps.storage.putCardRef({ workflowId, key: ROOT_KEY, ref });
    }
    if (key) await deps.storage.putCardRef({ workflowId, key, ref });
    return true;
  }

  return {
    'chat.card': (effect: RenderedCardEffect, ctx: EffectContext) => send(ctx, effect.params, true),
    'chat.notice': (effect: RenderedNoticeEffect, ctx: EffectContext) => send(ctx, effect.params, false),
  };
}
