import type { DirectoryUser } from '../../../workflows/graph-records';
import { isBreakglassError } from '../../../bot/core/errors';
import { graphCall, type GraphDeps } from '../graph-call';
import { encodeQueryValue, quote } from '../odata';
import type { GraphPage } from '../paging';
import { toDirectoryUser, type Wire } from '../record-mappers';

/** accountEnabled, sync state and password age are not in Graph's default user properties: ask for them. */
const FIELDS = ['id', 'displayName', 'userPrincipalName', 'mail', 'accountEnabled', 'onPremisesSyncEnabled', 'lastPasswordChangeDateTime', 'userType', 'creationType'];

/** One user by object id or UPN; undefined when there is no such user. */
export async function user(deps: GraphDeps, idOrUpn: string): Promise<DirectoryUser | undefined> {
  try {
    const raw = await graphCall(deps, { op: 'user', feature: 'users', notFound: 'such user' }, () => deps.client.api(`/users/${encodeURIComponent(idOrUpn)}`).select(FIELDS).get() as Promise<Wire<DirectoryUser>>);
    return toDirectoryUser(raw);
  } catch (e) {
    if (isBreakglassError(e) && e.code === 'graph.not_found') return undefined;
    throw e;
  }
}

/**
 * The member user whose mail, UPN or SMTP alias is this address. Two matches or a
 * guest are not guessed between: the answer decides who may approve, so undefined.
 */
export async function userByEmail(deps: GraphDeps, email: string): Promise<DirectoryUser | undefined> {
  const address = email.trim();
  const filter = `mail eq ${quote(address)} or userPrincipalName eq ${quote(address)} or proxyAddresses/any(x:x eq ${quote(`smtp:${address}`)})`;
  const page = await graphCall(deps, { op: 'userByEmail', feature: 'users' }, () => deps.client.api('/users').filter(encodeQueryValue(filter)).select(FIELDS).top(2).get() as Promise<GraphPage<Wire<DirectoryUser>>>);
  const matches = page.value ?? [];
  const only = matches.length === 1 ? matches[0] : undefined;
  if (!only) return undefined;
  const found = toDirectoryUser(only);
  return found.userType === 'Guest' ? undefined : found;
}
