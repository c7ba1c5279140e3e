import type { MailRecipient, MessageRule } from '../graph-records';

/**
 * Step 7: what the privileged mailboxes' inbox rules send elsewhere. An
 * attacker who holds an admin's mailbox adds a rule that forwards or
 * redirects mail (password resets, MFA and PIM notices) so they keep
 * reading it after the password is changed.
 */
export type ForwardingAction = 'forwardTo' | 'forwardAsAttachmentTo' | 'redirectTo';

export interface ForwardingRule {
  upn: string;
  rule: string;
  enabled: boolean;
  action: ForwardingAction;
  recipients: string[];
}

export interface MailboxRuleSummary {
  /** Privileged accounts whose inbox rules were read. */
  mailboxes: number;
  /** Privileged accounts with no Exchange Online mailbox (emergency accounts usually). */
  withoutMailbox: string[];
  forwarding: ForwardingRule[];
}

export interface MailboxRules {
  upn: string;
  /** Undefined: the account has no mailbox. */
  rules: readonly MessageRule[] | undefined;
}

const ACTIONS: readonly ForwardingAction[] = ['forwardTo', 'forwardAsAttachmentTo', 'redirectTo'];
/** The summary lives in the workflow snapshot: bounded. */
const MAX_RULES = 50;
const MAX_RECIPIENTS = 10;
const MAX_TEXT = 200;

const clip = (s: string): string => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s);
const addressOf = (r: MailRecipient): string => clip(r.emailAddress?.address || r.emailAddress?.name || '(no address)');

/** One entry per rule and action that sends mail on; rules that only file, flag or delete are left out. */
export function forwardingRules(upn: string, rules: readonly MessageRule[]): ForwardingRule[] {
  const out: ForwardingRule[] = [];
  for (const rule of rules) {
    for (const action of ACTIONS) {
      const to = rule.actions[action] ?? [];
      if (to.length === 0) continue;
      out.push({ upn, rule: clip(rule.displayName), enabled: rule.isEnabled, action, recipients: to.slice(0, MAX_RECIPIENTS).map(addressOf) });
    }
  }
  return out;
}

/**
 * Microsoft's own advice is to forward admin accounts' mail to the person's
 * working mailbox, so a forward inside the tenant may be by design; one to a
 * domain the tenant does not own is the one to question. Unknown (no domain
 * list yet): undefined.
 */
export function isExternalAddress(address: string, tenantDomains: readonly string[]): boolean | undefined {
  if (tenantDomains.length === 0) return undefined;
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  if (!address.includes('@') || !domain) return undefined;
  return !tenantDomains.some((d) => domain === d.toLowerCase() || domain.endsWith(`.${d.toLowerCase()}`));
}

export function summarizeMailboxRules(accounts: readonly MailboxRules[]): MailboxRuleSummary {
  const forwarding = accounts.flatMap((a) => (a.rules ? forwardingRules(a.upn, a.rules) : []));
  // Enabled rules first: they are sending mail now.
  forwarding.sort((a, b) => Number(b.enabled) - Number(a.enabled) || a.upn.localeCompare(b.upn));
  return {
    mailboxes: accounts.filter((a) => a.rules !== undefined).length,
    withoutMailbox: accounts.filter((a) => a.rules === undefined).map((a) => a.upn).slice(0, MAX_RULES),
    forwarding: forwarding.slice(0, MAX_RULES),
  };
}
