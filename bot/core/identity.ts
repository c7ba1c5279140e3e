import type { Config } from '../config/schema';
import type { Storage } from '../ports/storage';
import { BreakglassError } from './errors';
import type { GraphPort } from '../ports/graph-port';
import type { Actor, Platform } from './platform';

/** A stored email mapping is re-checked after this long: the address may since belong to someone else. */
export const IDENTITY_MAPPING_TTL_MS = 24 * 60 * 60 * 1000;

/** Looks up a platform user's email (Slack users.info). */
export type EmailLookup = (platformUserId: string) => Promise<string | undefined>;

/**
 * Maps a signed platform user id to an Entra object id. Order: config pins,
 * the stored identity map, then the platform's own claim (Teams activities
 * carry aadObjectId; the adapter passes it as entraObjectId), then email ->
 * Graph user (cached in the identity map). Display names are never used.
 */
export class IdentityResolver {
  constructor(
    private readonly config: Config,
    private readonly storage: Pick<Storage, 'getIdentity' | 'putIdentity'>,
    private readonly graph?: Pick<GraphPort, 'userByEmail'>,
    private readonly emailLookups: Partial<Record<Platform, EmailLookup>> = {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Every Entra id leaves here lower-cased: the one canonical principal that authorization, machines and the audit compare exactly. */
  async resolve(actor: Actor): Promise<Actor> {
    const pinned = Object.values(this.config.people).find((p) => p[actor.platform] === actor.platformUserId);
    if (pinned?.entraObjectId) return this.mapped(actor, pinned.entraObjectId);
    if (actor.entraObjectId) {
      await this.storage.putIdentity(actor.platform, actor.platformUserId, actor.entraObjectId.toLowerCase(), 'platform-claim', this.now());
      return this.mapped(actor, actor.entraObjectId);
    }
    const stored = await this.storage.getIdentity(actor.platform, actor.platformUserId, this.now() - IDENTITY_MAPPING_TTL_MS);
    if (stored) return this.mapped(actor, stored);
    const lookup = this.emailLookups[actor.platform];
    if (lookup && this.graph) {
      const email = await lookup(actor.platformUserId);
      const user = email ? await this.graph.userByEmail(email) : undefined;
      if (user) {
        await this.storage.putIdentity(actor.platform, actor.platformUserId, user.id.toLowerCase(), 'email', this.now());
        return this.mapped(actor, user.id);
      }
    }
    return actor;
  }

  /** A configured person's name wins over a chat handle (Slack sends the username, e.g. "bob"), so cards and the audit read the same everywhere. */
  private mapped(actor: Actor, entraObjectId: string): Actor {
    const person = Object.values(this.config.people).find((p) => p.entraObjectId?.toLowerCase() === entraObjectId.toLowerCase());
    const displayName = person?.name ?? actor.displayName;
    return { ...actor, entraObjectId: entraObjectId.toLowerCase(), ...(displayName ? { displayName } : {}) };
  }
}

export function unmappedError(): BreakglassError {
  return new BreakglassError(
    'identity.unmapped',
    "I can't match your chat account to an Entra user, so I can't let you act on this; ask an admin to add your entraObjectId to your entry under people in the breakglass config.",
  );
}
