import type { Audience } from '../../workflows/effects';
import type { Config } from '../config/schema';
import type { ChatPort } from '../ports/chat-port';
import type { Place, Platform } from '../core/platform';
import { audienceKey } from '../kinds/card-key';

/** Where a chat effect lands: a conversation post or a DM to a platform user. */
export type Destination =
  | { kind: 'place'; chat: ChatPort; place: Place; key: string }
  | { kind: 'dm'; chat: ChatPort; platformUserId: string; key: string };

/**
 * Resolves an audience against the workflow's home platform first, then any
 * platform the person or channel is configured on. undefined = nobody to send to
 * (the caller logs it; a page with no one to receive it must not vanish silently).
 */
export function resolveAudience(audience: Audience, home: Place, config: Config, chats: Partial<Record<Platform, ChatPort>>): Destination | undefined {
  const platforms = [home.platform, ...(Object.keys(chats) as Platform[]).filter((p) => p !== home.platform)];
  const key = audienceKey(audience);
  switch (audience.to) {
    case 'home': {
      const chat = chats[home.platform];
      return chat && { kind: 'place', chat, place: home, key };
    }
    case 'person': {
      const direct = /^(slack|teams|playground):(.+)$/.exec(audience.person);
      if (direct) {
        const chat = chats[direct[1] as Platform];
        return chat && { kind: 'dm', chat, platformUserId: direct[2]!, key };
      }
      const person = config.people[audience.person] ?? Object.values(config.people).find((p) => audience.person === `entra:${p.entraObjectId}`);
      for (const p of platforms) {
        const id = person?.[p];
        const chat = chats[p];
        if (id && chat) return { kind: 'dm', chat, platformUserId: id, key };
      }
      return undefined;
    }
    case 'channel': {
      for (const p of platforms) {
        const conversationId = config.channels[audience.channel][p];
        const chat = chats[p];
        if (conversationId && chat) return { kind: 'place', chat, place: { platform: p, conversationId }, key };
      }
      return undefined;
    }
  }
}
