import { userId, type PersonKey } from './contoso-directory';
import type { GraphMessageRule, GraphRecipient } from './graph-shapes';
import { nameUuid } from './seeded-random';

export const recipient = (address: string, name = address): GraphRecipient => ({ emailAddress: { name, address } });

/** Graph's rule ids are opaque base64 strings; ours are derived from owner and name so scenarios can name them. */
export function inboxRule(owner: PersonKey, displayName: string, sequence: number, actions: GraphMessageRule['actions'], conditions: Record<string, unknown> = {}, isEnabled = true): GraphMessageRule {
  const id = Buffer.from(nameUuid(`inbox-rule/${owner}/${displayName}`)).toString('base64').slice(0, 24) + '=';
  return { id, displayName, sequence, isEnabled, hasError: false, isReadOnly: false, conditions, actions };
}

/**
 * Every scenario's rules: adm-alice files PIM notifications in a folder (a
 * rule, but nothing leaves the mailbox: the near miss for step 7).
 */
export function baseInboxRules(): Map<string, GraphMessageRule[]> {
  return new Map([[userId('alice'), [inboxRule('alice', 'PIM notifications', 1, { moveToFolder: 'AAMkAGI2THVSAAA=', stopProcessingRules: true }, { senderContains: ['MSSecurity-noreply@microsoft.com'] })]]]);
}

/** Adds a rule to a user's inbox. */
export function addInboxRule(rules: Map<string, GraphMessageRule[]>, owner: PersonKey, rule: GraphMessageRule): void {
  const id = userId(owner);
  rules.set(id, [...(rules.get(id) ?? []), rule]);
}
