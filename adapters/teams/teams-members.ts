import type { Message } from '../../bot/messages/message';
import type { RenderOptions } from './adaptive-card-renderer';
import { memberKey } from './conversation-keys';

/** What the bot learns about a user from any activity they send. */
export interface TeamsMember {
  teamsUserId: string;
  aadObjectId: string;
  serviceUrl: string;
  tenantId?: string;
}

export type ReadRef = (key: string) => Promise<unknown | undefined>;

export function asTeamsMember(value: unknown): TeamsMember | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Partial<TeamsMember>;
  if (typeof m.teamsUserId !== 'string' || typeof m.aadObjectId !== 'string' || typeof m.serviceUrl !== 'string') return undefined;
  return m as TeamsMember;
}

/** Teams user ids of the given Entra users, as far as the bot has met them. */
export async function teamsUserIds(entraIds: readonly string[], read: ReadRef): Promise<Map<string, string>> {
  const unique = [...new Set(entraIds)];
  const found = await Promise.all(unique.map(async (id) => [id, asTeamsMember(await read(memberKey(id)))?.teamsUserId] as const));
  return new Map(found.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
}

/** Render options for a card: who views it, and the Teams ids its user-specific buttons need. */
export async function cardRenderOptions(message: Message, read: ReadRef | undefined, viewerId?: string): Promise<RenderOptions> {
  const options: RenderOptions = {};
  if (viewerId) options.viewerId = viewerId;
  const listed = (message.buttons ?? []).flatMap((b) => b.visibleTo ?? []);
  if (listed.length > 0 && read) options.teamsUserIds = await teamsUserIds(listed, read);
  return options;
}
