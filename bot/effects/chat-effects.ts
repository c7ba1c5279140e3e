import type { Audience } from '../../workflows/effects';
import type { Config } from '../config/schema';
import type { ChatPort } from '../ports/chat-port';
import { BreakglassError } from '../core/errors';
import type { Logger } from '../core/logger';
import type { MessageRef, Place, Platform } from '../core/platform';
import type { Message } from '../messages/message';
import type { EffectContext, RenderedCardEffect, RenderedNoticeEffect } from '../runtime/effect-handler';
import type { Storage } from '../ports/storage';
import { resolveAudience } from './audience';

export interface ChatEffectDeps {
  storage: Pick<Storage, 'getCardRef' | 'putCardRef'>;
  config: Config;
  chats: Partial<Record<Platform, ChatPort>>;
  logger: Logger;
}

interface ChatParams {
  key?: string;
  threaded?: boolean;
  audience: Audience;
  /** Rendered by the runtime at commit time. */
  message: Message;
}

/** The root card of a workflow's home: later home notices thread under it. */
const ROOT_KEY = '__root';

/**
 * chat.card: post once per (workflow, key, destination), then update in place.
 * chat.notice: a one-off post; home notices are thread replies under the root card.
 */
export function createChatEffects(deps: ChatEffectDeps) {
  async function send(ctx: EffectContext, params: ChatParams, card: boolean): Promise<void> {
    const { workflowId } = ctx;
    const place: Place | undefined = ctx.home;
    // A workflow without a home is one that was given nowhere to post (a monitoring alert with no security channel): say so, once.
    if (!place) throw new BreakglassError('config.invalid', 'This has no channel to post to: set channels.security for the chat platform in use.');
    const dest = resolveAudience(params.audience, place, deps.config, deps.chats);
    if (!dest) {
      deps.logger.warn({ workflowId, audience: params.audience }, 'chat effect has no reachable destination; nothing sent');
      return;
    }
    const cardKey = card ? `${params.key ?? 'card'}@${dest.key}` : undefined;
    if (cardKey) {
      const existing = (await deps.storage.getCardRef(workflowId, cardKey)) as MessageRef | undefined;
      if (existing) {
        await dest.chat.update(existing, params.message);
        return;
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
    if (cardKey) await deps.storage.putCardRef({ workflowId, key: cardKey, ref });
  }

  return {
    'chat.card': (effect: RenderedCardEffect, ctx: EffectContext) => send(ctx, effect.params, true),
    'chat.notice': (effect: RenderedNoticeEffect, ctx: EffectContext) => send(ctx, effect.params, false),
  };
}
