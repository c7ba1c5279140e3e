import type { UserToken } from '../core/command-grammar';
import type { Config } from '../config/schema';
import { BreakglassError } from '../core/errors';
import type { IdentityResolver } from '../core/identity';
import type { Platform } from '../core/platform';
import { workflowActor } from '../core/router';
import type { WorkflowActor } from '../runtime/workflow-definition';

/** The person a command names (`assign 3 @dana`), as machines see people. */
export async function resolveUserToken(token: UserToken, platform: Platform, config: Config, identity: IdentityResolver): Promise<WorkflowActor> {
  switch (token.kind) {
    case 'mention':
      return workflowActor(await identity.resolve({ platform, platformUserId: token.platformUserId }));
    case 'person': {
      const person = config.people[token.key];
      if (!person) throw new BreakglassError('command.malformed', `I don't know anyone called "${token.key}". Mention them (@name), or use the short name they have in the bot's list of people.`);
      return { id: person.entraObjectId ?? `${platform}:${person[platform] ?? token.key}`, name: person.name };
    }
    case 'upn': {
      const person = Object.values(config.people).find((p) => p.upn?.toLowerCase() === token.upn);
      return { id: person?.entraObjectId ?? `upn:${token.upn}`, name: person?.name ?? token.upn };
    }
  }
}
