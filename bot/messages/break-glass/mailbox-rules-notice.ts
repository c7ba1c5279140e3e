import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import { isExternalAddress, type ForwardingRule } from '../../../workflows/break-glass/mailbox-rules';
import type { Block, Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { incidentMessage } from './incident-words';

const ACTION_WORDS: Record<ForwardingRule['action'], string> = {
  forwardTo: 'forwards to',
  forwardAsAttachmentTo: 'forwards as attachment to',
  redirectTo: 'redirects to',
};

/** What Graph cannot show, said every time so nobody takes the list for the whole picture. */
const NOT_IN_GRAPH =
  "Mailbox-level forwarding (Exchange's ForwardingSmtpAddress, set by an admin or in Outlook's forwarding settings) is not in Microsoft Graph: check it in the Exchange admin center or with Get-Mailbox.";

/** Step 7's inbox rule check, posted in the incident conversation. */
export function mailboxRulesNotice(context: BreakGlassContext): Message {
  const check = context.mailboxRules;
  const retry = { actionId: BREAK_GLASS_ACTIONS.retry, label: 'Check inbox rules again', value: buttonValue(context.incidentId, 7) };
  const title = 'Privileged mailboxes (step 7)';
  if (!check?.summary || check.status === 'unavailable') {
    const text = check?.status === 'unavailable' ? `The inbox rules could not be read: ${check.error ?? 'Microsoft Graph did not answer.'} Watch the mailboxes by hand meanwhile.` : 'No inbox rule check yet.';
    return incidentMessage(context, { title, tone: check?.status === 'unavailable' ? 'warning' : 'info', blocks: [{ kind: 'text', text }], buttons: [retry], fallbackText: text });
  }
  const s = check.summary;
  const domains = context.federation.domains.map((d) => d.id);
  const recipient = (address: string) => (isExternalAddress(address, domains) ? `${address} (outside the organisation)` : address);
  const lines = s.forwarding.map((f) => `• ${f.upn}: rule "${f.rule}"${f.enabled ? '' : ' (disabled)'} ${ACTION_WORDS[f.action]} ${f.recipients.map(recipient).join(', ')}`);
  const blocks: Block[] = [
    {
      kind: 'facts',
      facts: [
        { label: 'Mailboxes checked', value: String(s.mailboxes) },
        ...(s.withoutMailbox.length ? [{ label: 'No mailbox', value: s.withoutMailbox.join(', ') }] : []),
      ],
    },
    { kind: 'text', text: lines.length ? `Inbox rules that send mail elsewhere:\n${lines.join('\n')}` : 'No inbox rule forwards or redirects mail.' },
    { kind: 'text', text: NOT_IN_GRAPH },
  ];
  const headline = lines.length ? `${lines.length === 1 ? '1 inbox rule forwards or redirects' : `${lines.length} inbox rules forward or redirect`} privileged mail` : `no inbox rule forwards privileged mail (${s.mailboxes} mailboxes)`;
  return incidentMessage(context, { title, tone: lines.length ? 'warning' : 'good', blocks, buttons: [retry], fallbackText: `Privileged mailboxes: ${headline}.` });
}
