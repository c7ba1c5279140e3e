import type { BreakGlassContext } from '../../../workflows/break-glass/context';
import type { Message } from '../message';
import { BREAK_GLASS_ACTIONS, buttonValue } from './button-values';
import { clock, incidentMessage, listWords } from './incident-words';

/**
 * Step 6 (data.stage): 'question' asks whether AD FS is up for the federated
 * domains; 'guidance' walks the temporary switch to managed authentication.
 */
export function federationNotice(context: BreakGlassContext, data: Record<string, unknown> | undefined): Message {
  const domains = context.federation.federated.length ? listWords(context.federation.federated) : 'your federated domains';
  const decision = context.federation.decision;
  if (data?.stage === 'guidance' && decision) {
    const steps = [
      `${decision.by.name} decided at ${clock(decision.at)} that AD FS is unavailable: switch ${domains} to managed authentication until it is back.`,
      '1. Check that password hash sync has been running in Entra Connect: without synced hashes users have no password in the cloud.',
      `2. Convert ${domains} from federated to managed authentication (in Entra Connect, or with Microsoft Graph PowerShell).`,
      '3. Tell users they sign in with their usual on-premises password; expect a few minutes before it takes effect.',
      '4. When AD FS is available again, convert the domains back to federated.',
      'Mark step 6 done once the switch is made.',
    ];
    return incidentMessage(context, {
      title: 'Switch to managed authentication (step 6)',
      tone: 'warning',
      blocks: [{ kind: 'text', text: steps.join('\n') }],
      buttons: [{ actionId: BREAK_GLASS_ACTIONS.done, label: 'Switched to managed auth', value: buttonValue(context.incidentId, 6) }],
      fallbackText: steps[0] ?? 'Switch to managed authentication.',
    });
  }
  const text = `Federated domains: ${domains}. Is AD FS available? If it is down, users of these domains cannot sign in until the domains are switched to managed authentication (password hash sync).`;
  return incidentMessage(context, {
    title: 'Is AD FS available? (step 6)',
    tone: 'warning',
    blocks: [{ kind: 'text', text }],
    buttons: [
      { actionId: BREAK_GLASS_ACTIONS.adfs, label: 'AD FS is up', value: buttonValue(context.incidentId, 'yes') },
      { actionId: BREAK_GLASS_ACTIONS.adfs, label: 'AD FS is down', value: buttonValue(context.incidentId, 'no'), style: 'danger' },
    ],
    fallbackText: text,
  });
}
